/**
 * Every interface catalogue of every surface against the English reference: same keys, same
 * placeholders, no English left over (except identical-by-design strings), every tag in the review
 * registry, and each locale the partnership needs resolving in its own language.
 */
import { describe, expect, it } from 'vitest';
import { identicalByDesign } from '../../scripts/i18n/identical.ts';
import { MissingInterfaceStrings, resolveStrings, type Strings, type Surface } from '../../scripts/i18n/resolve.ts';
import { catalogueReview } from '../../scripts/i18n/reviewed.ts';
import { cataloguesOf, interfaceLanguages, surfaces, surfacesMissing, unreviewedCatalogues } from '../../scripts/i18n/surfaces.ts';

/** The partnership's locales (issue 12), with their language. */
const partnership = ['es-ES', 'es-CO', 'it-IT', 'fr-FR', 'fr-BE', 'nl-BE', 'de-AT', 'de-DE', 'pt-PT', 'en'];
const required = ['en', 'es', 'it', 'fr', 'nl', 'de', 'pt'];

/** `{n}` (filled by the toolkit) and `@score`, `:num`, `%total` (filled by H5P at run time). */
const placeholders = (text: string) => (text.match(/\{\w+\}|[@:%][a-z]+/gi) ?? []).sort();

/** Every string of a catalogue by its path (`mode.collective`). */
function flatten(strings: Strings, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(strings)) {
    if (typeof value === 'string') out.set(prefix + key, value);
    else for (const [path, text] of flatten(value, `${prefix}${key}.`)) out.set(path, text);
  }
  return out;
}

describe.each(surfaces.map((surface) => [surface.id, surface] as [string, Surface<Strings>]))('%s catalogues', (_, surface) => {
  const english = flatten(surface.languages.en!);

  it('have every key of the English reference, and no other, with the same placeholders', () => {
    expect(english.size).toBeGreaterThan(10);
    for (const [language, catalogue] of Object.entries(surface.languages)) {
      const strings = flatten(catalogue);
      expect([...strings.keys()].sort(), language).toEqual([...english.keys()].sort());
      for (const [path, text] of strings) {
        expect(text.trim(), `${language} ${path}`).not.toBe('');
        expect(placeholders(text), `${language} ${path}`).toEqual(placeholders(english.get(path)!));
      }
    }
  });

  it('override only existing keys in regional wording, keeping the placeholders', () => {
    for (const [locale, overlay] of Object.entries(surface.regions)) {
      for (const [path, text] of flatten(overlay as Strings)) {
        expect(english.has(path), `${locale} ${path}`).toBe(true);
        expect(placeholders(text), `${locale} ${path}`).toEqual(placeholders(english.get(path)!));
      }
    }
  });

  it('leave no string in English except those identical by design', () => {
    const allowed = identicalByDesign[surface.id];
    const leaks: string[] = [];
    for (const locale of [...Object.keys(surface.languages).filter((l) => l !== 'en'), ...Object.keys(surface.regions)]) {
      const language = locale.split('-')[0]!;
      for (const [path, text] of flatten(resolveStrings(surface, locale))) {
        if (text === english.get(path) && !allowed[path]?.includes(language)) leaks.push(`${locale} ${path} = ${text}`);
      }
    }
    expect(leaks).toEqual([]);
  });

  it('list identical-by-design strings that are really identical (no stale entries)', () => {
    for (const [path, languages] of Object.entries(identicalByDesign[surface.id])) {
      for (const language of languages.filter((l) => surface.languages[l])) {
        expect(flatten(surface.languages[language]!).get(path), `${language} ${path}`).toBe(english.get(path));
      }
    }
  });

  it('are all in the review registry', () => {
    for (const tag of [...Object.keys(surface.languages), ...Object.keys(surface.regions)]) expect(catalogueReview, tag).toHaveProperty(tag);
  });
});

describe('the shared lookup rule', () => {
  const player = surfaces.find((s) => s.id === 'player')!;
  const guide = surfaces.find((s) => s.id === 'guide')!;

  it('falls back from a region to its language, never to English', () => {
    expect(resolveStrings(player, 'es-MX')).toEqual(resolveStrings(player, 'es'));
    expect(resolveStrings(player, 'it-CH').next).toBe(player.languages.it!.next);
    expect(() => resolveStrings(player, 'sv-SE')).toThrow(MissingInterfaceStrings);
    expect(() => resolveStrings(player, 'sv-SE')).toThrow(/"sv-SE" \(player\)/);
  });

  it('lays regional wording over the language, then the variant `ui` overrides of that surface only', () => {
    expect(resolveStrings(player, 'es-CO').minWords).toBe('Escriba al menos {n} palabras.');
    expect(resolveStrings(player, 'es-co').minWords).toBe('Escriba al menos {n} palabras.');
    expect(resolveStrings(player, 'es-ES').minWords).toBe('Escribe al menos {n} palabras.');
    const ui = { next: 'Continuar', 'player.prev': 'Volver', 'guide.title': 'Guía del facilitador', 'guide.mode.individual': 'Tutoría', 'guide.nonsense': 'x', 'h5p.check': 'Corregir' };
    const strings = resolveStrings(player, 'es-CO', ui);
    expect([strings.next, strings.prev, strings.check]).toEqual(['Continuar', 'Volver', 'Comprobar']);
    const guideStrings = resolveStrings(guide, 'es-CO', ui) as { title: string; mode: { individual: string; collective: string } };
    expect(guideStrings.title).toBe('Guía del facilitador');
    expect(guideStrings.mode).toEqual({ individual: 'Tutoría', collective: 'Colectiva' });
    expect(guideStrings).not.toHaveProperty('nonsense');
    expect((guide.languages.es as { mode: { individual: string } }).mode.individual).toBe('Individual');
  });

  it('gives every partnership locale its own language on every surface', () => {
    for (const language of required) expect(interfaceLanguages()).toContain(language);
    for (const locale of partnership.filter((l) => required.includes(l.split('-')[0]!))) {
      expect(surfacesMissing(locale), locale).toEqual([]);
      for (const surface of surfaces) {
        const language = locale.split('-')[0]!;
        if (language === 'en') continue;
        const resolved = flatten(resolveStrings(surface, locale));
        const english = flatten(surface.languages.en!);
        const same = [...resolved].filter(([path, text]) => text === english.get(path) && !identicalByDesign[surface.id][path]?.includes(language));
        expect(same, `${surface.id} ${locale}`).toEqual([]);
      }
    }
    expect(surfacesMissing('sv-SE')).toEqual(['player', 'h5p', 'guide', 'report', 'profile']);
  });

  it('names the catalogues a locale uses that no native speaker has reviewed', () => {
    expect(cataloguesOf('es-CO')).toEqual(['es', 'es-CO']);
    expect(unreviewedCatalogues('es-CO')).toEqual([]);
    expect(unreviewedCatalogues('it-IT')).toEqual(['it']);
  });
});
