/** The player's interface strings: per-locale wording, variant overrides, no English fallback. */
import { describe, expect, it } from 'vitest';
import { MissingInterfaceStrings } from '../../scripts/i18n/resolve.ts';
import { en } from '../../templates/player/i18n/en.ts';
import { es } from '../../templates/player/i18n/es.ts';
import { it as italian } from '../../templates/player/i18n/it.ts';
import { playerSurface, resolveStrings } from '../../templates/player/i18n/index.ts';

describe('player strings', () => {
  it('resolve locale wording, then variant overrides, with the language as the fallback', () => {
    expect(resolveStrings('es-CO').minWords).toBe('Escriba al menos {n} palabras.');
    expect(resolveStrings('es-ES').minWords).toBe('Escribe al menos {n} palabras.');
    expect(resolveStrings('es-MX')).toEqual(es);
    expect(resolveStrings('es-CO', { next: 'Continuar' }).next).toBe('Continuar');
  });

  it('give an Italian variant the Italian interface, not English', () => {
    const strings = resolveStrings('it-IT');
    expect(strings).toEqual(italian);
    expect([strings.progress, strings.toc, strings.next, strings.pageOf]).toEqual(['Avanzamento', 'Indice', 'Avanti', 'Pagina {n} di {total}']);
    expect(strings.next).not.toBe(en.next);
  });

  it('refuse a locale whose language has no catalogue instead of falling back to English', () => {
    expect(() => resolveStrings('sv-SE')).toThrow(MissingInterfaceStrings);
    expect(Object.keys(playerSurface.languages)).toContain('en');
    expect(resolveStrings('en-GB')).toEqual(en);
  });
});
