/** Translation units written to the check cache come back from it as they were extracted. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../scripts/parse/content.ts';
import { extractFile, type ExtractOptions, type Unit } from '../../scripts/translate/extract.ts';
import { moduleUnits, translationTargets } from '../../scripts/translate/programme.ts';
import { packUnits, unitsFromCache, type PackedUnit } from '../../scripts/translate/unit-cache.ts';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Through JSON, as `.wecare-cache/check.json` holds them, and back. */
const throughDisk = (units: readonly Unit[], file: string) => unitsFromCache(JSON.parse(JSON.stringify(packUnits(units))) as PackedUnit[], file);

const options: ExtractOptions = { variant: 'it', shipped: ['es', 'co', 'it'], native: new Set(['it']), sourceLanguage: 'es', glossary: new Map([['dependencia', { wording: 'dipendenza', definition: 'Situazione permanente.' }]]) };

const lesson = `---
id: l01-cuidar
title: Cuidar a la :term[dependencia]
summary: "Qué hace un auxiliar"
---

Un párrafo con **énfasis**, un [enlace](https://example.org "Título") y :var[currency.symbol].

![Una mano que ayuda](media/mano.svg "Ayuda en casa")

| Paso | Qué hacer |
|---|---|
| 1 | Lavarse las \\| manos |

:::fill-blanks{#m01-huecos}
Completa.

Las vacaciones son de :blank[30]{alt="treinta|XXX"} días.
:::

:::self-assessment{#m01-auto scale="Nada|Algo|Mucho"}
- Sé lavarme las manos.
:::
`;

describe('translation units in the disk cache', () => {
  it('come back equal for every kind of segment: codes, placements, gaps, length limits, notes', () => {
    const units = extractFile(lesson, 'modules/01/01-cuidar.md', 'lesson', options).units;
    // The lesson covers each field that packing leaves out when it has its usual value.
    expect(units.some((unit) => unit.placement.encode === 'yaml')).toBe(true);
    expect(units.some((unit) => unit.parent && unit.maxLength)).toBe(true);
    expect(units.some((unit) => unit.placement.prefix && unit.placement.suffix)).toBe(true);
    expect(units.some((unit) => [...unit.codes.values()].some((code) => code.dataEnd))).toBe(true);
    expect(units.some((unit) => unit.terms.length && unit.notes.some((note) => note.includes('dipendenza')))).toBe(true);
    expect(new Set(units.map((unit) => unit.context))).toEqual(new Set(['plain', 'inline', 'image-alt', 'attribute', 'table-cell']));
    expect(throughDisk(units, 'modules/01/01-cuidar.md')).toEqual(units);
  });

  it('come back equal for every unit of the sample programme seen by its Italian variant', () => {
    const content = loadContent(repo);
    const target = translationTargets(content).get('it');
    expect(target, 'the sample has an Italian variant').toBeDefined();
    const modules = moduleUnits(repo, content, target!);
    let count = 0;
    for (const module of modules) {
      for (const file of module.files) {
        expect(throughDisk(file.units, file.path)).toEqual(file.units);
        count += file.units.length;
      }
    }
    expect(count).toBeGreaterThan(100);
  });

  it('are unpacked once and leave units extracted in this process as they are', () => {
    const units = extractFile(lesson, 'modules/01/01-cuidar.md', 'lesson', options).units;
    expect(unitsFromCache(units, 'modules/01/01-cuidar.md')).toBe(units);
    const packed = packUnits(units);
    expect(packUnits(packed)).toBe(packed);
    expect(unitsFromCache(packed, 'modules/01/01-cuidar.md')).toBe(unitsFromCache(packed, 'modules/01/01-cuidar.md'));
  });
});
