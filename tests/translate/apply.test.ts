import { describe, expect, it } from 'vitest';
import { sourceOffset, textWithEdits, type TranslationEdit } from '../../scripts/translate/apply.ts';
import type { Unit } from '../../scripts/translate/extract.ts';

const unit = (id: string) => ({ id }) as Unit;

describe('translated text and its source', () => {
  const source = 'Uno dos\ntres.\n\n## Cuatro\n\nCinco :x[y] seis.\n';
  const edits: TranslationEdit[] = [
    { start: 0, end: 13, text: 'One two three.', unit: unit('p1') },
    { start: 18, end: 24, text: 'Four and more', unit: unit('heading') },
    { start: 26, end: 43, text: 'Five :x[y] six.', unit: unit('p2') },
  ];
  const translated = textWithEdits(source, edits);

  it('writes each replacement in place of its segment', () => {
    expect(translated).toBe('One two three.\n\n## Four and more\n\nFive :x[y] six.\n');
  });

  it('maps a place inside a translated segment to the start of the segment it replaced, with its unit', () => {
    expect(sourceOffset(edits, translated.indexOf(':x[y]'))).toEqual({ offset: 26, unit: edits[2]!.unit });
    expect(sourceOffset(edits, translated.indexOf('and more'))).toEqual({ offset: 18, unit: edits[1]!.unit });
  });

  it('maps a place outside every segment to the same character of the source', () => {
    expect(sourceOffset(edits, translated.indexOf('## '))).toEqual({ offset: source.indexOf('## ') });
    expect(sourceOffset(edits, translated.indexOf('\n\nFive'))).toEqual({ offset: source.indexOf('\n\nCinco') });
    expect(sourceOffset(edits, translated.indexOf('\n'))).toEqual({ offset: source.indexOf('.\n') + 1 });
    expect(sourceOffset(edits, translated.length - 1)).toEqual({ offset: source.length - 1 });
  });
});
