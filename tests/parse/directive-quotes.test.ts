/** Typographic quotes around directive attribute values are read as straight ones, in place. */
import { describe, expect, it } from 'vitest';
import { straightenDirectiveQuotes } from '../../scripts/parse/directive-quotes.ts';
import { parseMarkdown } from '../../scripts/parse/markdown.ts';

describe('straightenDirectiveQuotes', () => {
  it('straightens the quotes that delimit values, keeping the length and the quotes inside values and prose', () => {
    const text = ':::quiz{#q title=“Hola mundo” city=‘L’Aquila’ note=«sí»}\nTexto “citado” :term[a]{t=„b“}\n```\n::x{a=“code”}\n```\n:::';
    const straight = straightenDirectiveQuotes(text);
    expect(straight).toBe(':::quiz{#q title="Hola mundo" city=\'L’Aquila\' note="sí"}\nTexto “citado” :term[a]{t="b"}\n```\n::x{a=“code”}\n```\n:::');
    expect(straight.length).toBe(text.length);
  });

  it('lets the parser read such a directive, with its attributes and positions', () => {
    const tree = parseMarkdown('Antes.\n\n:::reflection{#r1 title=“¿Qué es cuidar?”}\nTexto.\n:::\n');
    const directive = tree.children[1]!;
    expect(directive).toMatchObject({ type: 'containerDirective', name: 'reflection', attributes: { id: 'r1', title: '¿Qué es cuidar?' } });
    expect(directive.position?.start).toMatchObject({ line: 3, column: 1 });
    expect(directive.position?.end).toMatchObject({ line: 5, column: 4 });
  });
});
