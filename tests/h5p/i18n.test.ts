import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { en } from '../../scripts/h5p/i18n/en.ts';
import { es } from '../../scripts/h5p/i18n/es.ts';
import { esCO } from '../../scripts/h5p/i18n/es-co.ts';
import { stringsFor } from '../../scripts/h5p/i18n/index.ts';
import { it as italian } from '../../scripts/h5p/i18n/it.ts';
import { identicalByDesign } from '../../scripts/i18n/identical.ts';
import { MissingInterfaceStrings } from '../../scripts/i18n/resolve.ts';
import type { SemanticsField } from '../../scripts/h5p/validate/semantics.ts';
import { readZip } from '../../scripts/package/zip.ts';
import path from 'node:path';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';
import { buildSample, hasStandards, noteStandards, standardsSemantics, subContents, tempDir } from './helpers.ts';

describe('H5P learner strings', () => {
  it('resolves the variant locale, then its language (never English), and applies h5p.* overrides', () => {
    expect(stringsFor('es-CO').confirmCheckBody).toBe(esCO.confirmCheckBody);
    expect(stringsFor('es-ES')).toEqual(es);
    expect(stringsFor('es-MX')).toEqual(es);
    expect(stringsFor('it-IT')).toEqual(italian);
    expect(stringsFor('it-IT').check).toBe('Verifica');
    expect(() => stringsFor('sv-SE')).toThrow(MissingInterfaceStrings);
    expect(stringsFor('es-ES', { 'h5p.check': 'Corregir', check: 'ignored', 'h5p.nonsense': 'x' }).check).toBe('Corregir');
  });

  it('keeps the run-time placeholders of every string in every translation', () => {
    const placeholders = (value: string) => (value.match(/[@:%][a-z]+|\{\w+\}/gi) ?? []).sort();
    for (const [key, english] of Object.entries(en)) {
      for (const catalogue of [es, esCO, italian]) expect(placeholders(catalogue[key as keyof typeof en]), key).toEqual(placeholders(english));
    }
  });
});

type Json = Record<string, any>;

/** Text fields with an English default, and what the package holds there. */
function defaults(fields: SemanticsField[], value: Json | undefined, path: string, found: Array<{ path: string; english: string; actual: unknown }>, flatten = false) {
  if (flatten && fields.length === 1) return walkField(fields[0]!, value, path, found);
  for (const field of fields) walkField(field, value?.[field.name!], `${path}.${field.name}`, found);
}

function walkField(field: SemanticsField, value: any, path: string, found: Array<{ path: string; english: string; actual: unknown }>) {
  if (field.deprecated) return;
  if (field.type === 'text' && typeof field.default === 'string' && /[a-z]{3}/i.test(field.default.replace(/@\w+|:\w+|%\w+/g, ''))) {
    found.push({ path, english: field.default, actual: value });
  }
  if (field.type === 'group' && field.fields) defaults(field.fields, value, path, found, true);
  if (field.type === 'list' && field.field && Array.isArray(value)) value.forEach((item, index) => walkField(field.field!, item, `${path}[${index}]`, found));
}

/** The sample built for its own locale, and for each partnership locale in another language. */
const builds: Array<{ variant: string; base: 'es' | 'co'; locale?: string }> = [
  { variant: 'es', base: 'es' },
  { variant: 'co', base: 'co' },
  ...['it-IT', 'fr-BE', 'nl-BE', 'de-AT', 'pt-PT'].map((locale) => ({ variant: locale, base: 'es' as const, locale })),
];

describe.skipIf(!hasStandards)('H5P learner strings in built packages', () => {
  const texts: Array<{ variant: string; path: string; english: string; actual: unknown }> = [];
  const languages = new Map<string, string>();
  beforeAll(async () => {
    noteStandards();
    for (const { variant, base, locale } of builds) {
      const dir = tempDir(variant);
      let programme;
      if (locale) {
        programme = sampleProgramme(base, path.join(dir, 'src'));
        programme.variant = { ...programme.variant, locale };
        programme.modules = programme.modules.map((module) => ({ ...module, locale }));
      }
      const build = await buildSample(base, {}, dir, programme);
      for (const artifact of build.artifacts) {
        const files = await readZip(readFileSync(artifact.path));
        const h5p = JSON.parse(files.get('h5p.json')!.toString());
        const content = JSON.parse(files.get('content/content.json')!.toString());
        languages.set(variant, h5p.language);
        const main = h5p.preloadedDependencies[0];
        const items = [{ library: `${main.machineName} ${main.majorVersion}.${main.minorVersion}`, params: content }, ...subContents(content)];
        for (const item of items) {
          const found: Array<{ path: string; english: string; actual: unknown }> = [];
          defaults(standardsSemantics!(item.library)!, item.params, item.library, found);
          texts.push(...found.map((entry) => ({ variant, ...entry })));
        }
      }
    }
  });

  it('fills every UI string the libraries would otherwise show in English', () => {
    expect(texts.length).toBeGreaterThan(100);
    const english = texts.filter((t) => t.actual === undefined || t.actual === t.english);
    // Fields we leave empty on purpose: optional inputs, not UI strings.
    // Words the language writes as English does (scripts/i18n/identical.ts: "Score" in French and Dutch).
    const sameByDesign = (t: { variant: string; actual: unknown }) => {
      const language = t.variant.includes('-') ? t.variant.split('-')[0]! : 'es';
      return Object.entries(identicalByDesign.h5p).some(([key, languages]) => languages.includes(language) && en[key as keyof typeof en] === t.actual);
    };
    const allowed = english.filter((t) => !/(coverDescription|baseColor|\.text$|taskDescription$)/.test(t.path) && !sameByDesign(t));
    expect(allowed.map((t) => `${t.variant} ${t.path} = ${String(t.actual)}`)).toEqual([]);
  });

  it('writes each locale’s own strings and declares its language in h5p.json', () => {
    for (const { variant, locale } of builds.filter((b) => b.locale)) {
      const strings = stringsFor(locale!);
      const shown = new Set(texts.filter((t) => t.variant === variant).map((t) => t.actual));
      expect(shown, variant).toContain(strings.check);
      expect(shown, variant).toContain(strings.showSolution);
      expect(shown, variant).not.toContain(es.showSolution);
      expect(languages.get(variant)).toBe(locale!.split('-')[0]);
    }
    expect(languages.get('co')).toBe('es');
  });
});
