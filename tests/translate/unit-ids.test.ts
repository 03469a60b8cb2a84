/** Unit ids are structural: editing or adding text elsewhere never renames a unit. */
import { describe, expect, it } from 'vitest';
import { extractFile, type ExtractOptions } from '../../scripts/translate/extract.ts';

const options: ExtractOptions = { variant: 'it', shipped: ['es', 'co', 'it'], native: new Set(['it']), sourceLanguage: 'es', glossary: new Map() };

const lesson = (body: string) => `---\nid: l01-cuidar\ntitle: Cuidar\n---\n\n${body}`;
const ids = (text: string) => extractFile(text, 'modules/01/01-cuidar.md', 'lesson', options).units.map((unit) => unit.id);
const digests = (text: string) => new Map(extractFile(text, 'modules/01/01-cuidar.md', 'lesson', options).units.map((unit) => [unit.id, unit.digest]));

const base = lesson(`Primer párrafo.

## El papel del auxiliar

Segundo párrafo con **énfasis**.

Tercer párrafo.

:::only{variants=it}
Paragrafo scritto in italiano.
:::

:::only{variants=es}
Solo en España.
:::

## Seguridad

- Uno
- Dos

:::single-choice{#m01-q1}
¿Pregunta?

- [x] Sí
  > Bien.
- [ ] No

::feedback[Repasa.]{on=incorrect}
:::
`);

describe('translation unit ids', () => {
  it('names each segment by its place: section, block kind and number, activity and role', () => {
    expect(ids(base)).toEqual([
      'l01-cuidar:title',
      'l01-cuidar:p1',
      'l01-cuidar:el-papel-del-auxiliar:heading',
      'l01-cuidar:el-papel-del-auxiliar:p1',
      'l01-cuidar:el-papel-del-auxiliar:p2',
      'l01-cuidar:seguridad:heading',
      'l01-cuidar:seguridad:list1:li1:p1',
      'l01-cuidar:seguridad:list1:li2:p1',
      'm01-q1:p1',
      'm01-q1:opt-a:p1',
      'm01-q1:opt-a:feedback:p1',
      'm01-q1:opt-b:p1',
      'm01-q1:feedback-incorrect',
    ]);
  });

  it('changes only the digest of an edited paragraph', () => {
    const before = digests(base);
    const after = digests(base.replace('Tercer párrafo.', 'Tercer párrafo, reescrito.'));
    expect([...after.keys()]).toEqual([...before.keys()]);
    const changed = [...after].filter(([id, digest]) => before.get(id) !== digest).map(([id]) => id);
    expect(changed).toEqual(['l01-cuidar:el-papel-del-auxiliar:p2']);
    // Re-wrapping a paragraph is not a change.
    expect(digests(base.replace('Segundo párrafo con', 'Segundo párrafo\ncon'))).toEqual(before);
  });

  it('keeps the ids of other sections and activities when a paragraph is added', () => {
    const added = ids(base.replace('## Seguridad\n', '## Seguridad\n\nUn párrafo nuevo.\n'));
    expect(added).toContain('l01-cuidar:seguridad:p1');
    expect(added.filter((id) => id !== 'l01-cuidar:seguridad:p1')).toEqual(ids(base));
  });
});
