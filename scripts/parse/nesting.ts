/**
 * Where a file nests deepest: the line to point at when it nests too deeply to be parsed (the parser
 * ran out of stack, so there is no tree to ask). Depth counts quote markers, list indentation,
 * open container directives and brackets on the line.
 */
export function deepestLine(text: string): { line: number; column: number } {
  let containers = 0;
  let best = { line: 1, column: 1, depth: -1 };
  text.split('\n').forEach((raw, index) => {
    const quotes = /^(?:\s*>)*/.exec(raw)![0];
    const rest = raw.slice(quotes.length);
    const indent = /^\s*/.exec(rest)![0].length;
    if (/^\s*:{3,}[A-Za-z]/.test(rest)) containers += 1;
    else if (/^\s*:{3,}\s*$/.test(rest)) containers = Math.max(0, containers - 1);
    let brackets = 0;
    let deepestBracket = 0;
    for (const char of rest) {
      if (char === '[' || char === '(') deepestBracket = Math.max(deepestBracket, (brackets += 1));
      else if ((char === ']' || char === ')') && brackets > 0) brackets -= 1;
    }
    const depth = quotes.split('>').length - 1 + Math.floor(indent / 2) + containers + deepestBracket;
    if (depth > best.depth) best = { line: index + 1, column: 1, depth };
  });
  return { line: best.line, column: best.column };
}
