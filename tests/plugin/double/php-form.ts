/**
 * How PHP turns a form body into `$_POST`: `a[b][0]=x` nests, and past `max_input_vars` pairs
 * everything else is dropped without an error (the real cause of Moodle's silent truncation).
 */
export interface DecodedForm {
  vars: Record<string, unknown>;
  /** Pairs in the body, before truncation. */
  received: number;
  /** Pairs dropped because of max_input_vars. */
  dropped: number;
}

export function decodePhpForm(body: string, maxInputVars: number): DecodedForm {
  const pairs = body ? body.split('&').filter(Boolean) : [];
  const kept = pairs.slice(0, maxInputVars);
  const vars: Record<string, unknown> = {};
  for (const pair of kept) {
    const eq = pair.indexOf('=');
    const rawKey = decode(eq < 0 ? pair : pair.slice(0, eq));
    const value = eq < 0 ? '' : decode(pair.slice(eq + 1));
    const match = /^([^[]+)((?:\[[^\]]*\])*)$/.exec(rawKey);
    if (!match) {
      vars[rawKey] = value;
      continue;
    }
    const path = [match[1]!, ...[...match[2]!.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1]!)];
    let node = vars;
    path.forEach((segment, index) => {
      const key = segment === '' ? String(Object.keys(node).length) : segment;
      if (index === path.length - 1) {
        node[key] = value;
      } else {
        if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
        node = node[key] as Record<string, unknown>;
      }
    });
  }
  return { vars, received: pairs.length, dropped: pairs.length - kept.length };
}

function decode(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
