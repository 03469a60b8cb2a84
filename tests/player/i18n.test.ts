/** Interface strings: Spanish per locale, English fallback, variant overrides, no orphan keys. */
import { describe, expect, it } from 'vitest';
import { en } from '../../templates/player/i18n/en.ts';
import { es } from '../../templates/player/i18n/es.ts';
import { esCO } from '../../templates/player/i18n/es-CO.ts';
import { esES } from '../../templates/player/i18n/es-ES.ts';
import { resolveStrings } from '../../templates/player/i18n/index.ts';

const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('player strings', () => {
  it('translate every English key into Spanish, with the same placeholders', () => {
    expect(Object.keys(es).sort()).toEqual(Object.keys(en).sort());
    for (const [key, text] of Object.entries(es)) expect(placeholders(text), key).toEqual(placeholders(en[key]!));
  });

  it('only override keys that exist, keeping their placeholders', () => {
    for (const table of [esES, esCO]) {
      for (const [key, text] of Object.entries(table)) {
        expect(en, key).toHaveProperty(key);
        expect(placeholders(text), key).toEqual(placeholders(en[key]!));
      }
    }
  });

  it('resolve locale wording, then variant overrides, with English as the fallback', () => {
    expect(resolveStrings('es-CO').minWords).toBe('Escriba al menos {n} palabras.');
    expect(resolveStrings('es-ES').minWords).toBe('Escribe al menos {n} palabras.');
    expect(resolveStrings('es-MX').minWords).toBe('Escribe al menos {n} palabras.');
    expect(resolveStrings('it-IT').next).toBe('Next');
    expect(resolveStrings('es-CO', { next: 'Continuar' }).next).toBe('Continuar');
  });
});
