/** Every surface with interface strings, and what a locale has of them (used by `wecare check`). */
import { reportSurface } from '../../plugin/src/report/i18n/index.ts';
import { playerSurface } from '../../templates/player/i18n/index.ts';
import { guideSurface } from '../guide/strings.ts';
import { h5pSurface } from '../h5p/i18n/index.ts';
import { profileSurface } from '../profile/strings.ts';
import { acceptsUiKey, hasLanguage, languageOf, normaliseLocale, type Strings, type Surface, type SurfaceId } from './resolve.ts';
import { isReviewed } from './reviewed.ts';

export const surfaces = [playerSurface, h5pSurface, guideSurface, reportSurface, profileSurface] as unknown as Array<Surface<Strings>>;

/** Surfaces whose catalogues lack the locale's language. */
export function surfacesMissing(locale: string): SurfaceId[] {
  return surfaces.filter((surface) => !hasLanguage(surface, locale)).map((surface) => surface.id);
}

/** Languages every surface has a catalogue for, sorted. */
export function interfaceLanguages(): string[] {
  const [first, ...rest] = surfaces;
  return Object.keys(first!.languages)
    .filter((language) => rest.every((surface) => Object.hasOwn(surface.languages, language)))
    .sort();
}

/** The catalogue tags a locale's strings come from (`fr-BE` → `fr`, and `fr-BE` where a surface has regional wording). */
export function cataloguesOf(locale: string): string[] {
  const tag = normaliseLocale(locale);
  const tags = [languageOf(tag)];
  if (surfaces.some((surface) => Object.hasOwn(surface.regions, tag))) tags.push(tag);
  return tags;
}

/** Catalogue tags a locale uses that no native speaker has reviewed yet. */
export function unreviewedCatalogues(locale: string): string[] {
  return cataloguesOf(locale).filter((tag) => !isReviewed(tag));
}

/** `ui` keys of a variant that no surface has a string for (typos, or keys of another surface). */
export function unknownUiKeys(ui: Record<string, unknown>): string[] {
  return Object.keys(ui).filter((key) => !surfaces.some((surface) => acceptsUiKey(surface, key)));
}

/** Every `ui` key a variant may use, each surface under its first prefix (for "did you mean"). */
export function uiKeys(): string[] {
  const keys: string[] = [];
  const walk = (strings: Strings, prefix: string) => {
    for (const [key, value] of Object.entries(strings)) {
      if (typeof value === 'string') keys.push(prefix + key);
      else walk(value, `${prefix}${key}.`);
    }
  };
  for (const surface of surfaces) if (surface.uiPrefixes.length) walk(surface.languages.en!, surface.uiPrefixes[0]!);
  return keys;
}
