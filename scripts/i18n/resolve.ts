/**
 * The one lookup rule for every learner- and staff-facing interface string (player, H5P content,
 * trainer guide, Moodle report, professional profile). Each surface keeps its own catalogues; this
 * module resolves them the same way:
 *
 *   the language's complete catalogue (fr for fr-BE, es for es-CO)
 *   → the locale's regional wording, if any (fr-BE, es-CO)
 *   → the variant's `ui` overrides for that surface.
 *
 * A locale whose language has no catalogue is an error (`wecare check` reports it as
 * `missing-interface-strings`): there is no silent fallback to English.
 */

/** A catalogue: strings, possibly grouped (`mode.collective`). */
export interface Strings {
  [key: string]: string | Strings;
}

export type DeepPartial<T> = { [K in keyof T]?: T[K] extends string ? string : DeepPartial<T[K]> };

export type SurfaceId = 'player' | 'h5p' | 'guide' | 'report' | 'profile';

export interface Surface<T extends Strings> {
  id: SurfaceId;
  /** Where the catalogues live, for messages and docs. */
  home: string;
  /**
   * Variant `ui` keys that override this surface's strings: `guide.` matches `guide.title`; the
   * empty prefix matches keys without a dot (the player's historical `ui: { next: Continuar }`).
   */
  uiPrefixes: string[];
  /** Complete catalogues by primary language subtag. `en` is the reference every other one matches. */
  languages: Record<string, T>;
  /** Regional wording by BCP 47 locale (`es-CO`, `fr-BE`, `de-AT`), laid over its language. */
  regions: Record<string, DeepPartial<T>>;
}

/** `fr-be` → `fr-BE`; `IT` → `it`. */
export function normaliseLocale(locale: string): string {
  const [language = '', ...rest] = locale.trim().split(/[-_]/);
  return [language.toLowerCase(), ...rest.map((part) => (part.length === 2 ? part.toUpperCase() : part))].join('-');
}

/** The primary language subtag: `fr-BE` → `fr`. */
export function languageOf(locale: string): string {
  return normaliseLocale(locale).split('-')[0]!;
}

export class MissingInterfaceStrings extends Error {
  constructor(
    readonly locale: string,
    readonly surfaces: SurfaceId[],
  ) {
    super(`No interface strings for locale "${locale}" (${surfaces.join(', ')}): add a catalogue for "${languageOf(locale)}" (docs/i18n.md).`);
    this.name = 'MissingInterfaceStrings';
  }
}

export function hasLanguage(surface: Surface<Strings>, locale: string): boolean {
  return Object.hasOwn(surface.languages, languageOf(locale));
}

const isGroup = (value: unknown): value is Strings => typeof value === 'object' && value !== null;

function overlay<T extends Strings>(base: T, over: DeepPartial<T> | undefined): T {
  if (!over) return base;
  const merged: Strings = { ...base };
  for (const [key, value] of Object.entries(over as Strings)) {
    const current = merged[key];
    if (typeof value === 'string' && typeof current === 'string') merged[key] = value;
    else if (isGroup(value) && isGroup(current)) merged[key] = overlay(current, value);
  }
  return merged as T;
}

/** Sets `path` (`mode.collective`) to `value` when it names an existing string. */
function setPath(target: Strings, path: string, value: string): void {
  const parts = path.split('.');
  let node: Strings = target;
  for (const part of parts.slice(0, -1)) {
    const next = node[part];
    if (!isGroup(next)) return;
    node[part] = { ...next };
    node = node[part] as Strings;
  }
  const last = parts.at(-1)!;
  if (typeof node[last] === 'string') node[last] = value;
}

/** Whether `key` of a variant's `ui` names a string of this surface (`guide.mode.collective`). */
export function acceptsUiKey(surface: Surface<Strings>, key: string): boolean {
  return surface.uiPrefixes.some((prefix) => {
    if (prefix === '' ? key.includes('.') : !key.startsWith(prefix)) return false;
    let node: string | Strings | undefined = surface.languages.en;
    for (const part of key.slice(prefix.length).split('.')) node = isGroup(node) ? node[part] : undefined;
    return typeof node === 'string';
  });
}

/** The variant's `ui` entries meant for this surface, keyed by their path in the catalogue. */
function overridesFor(surface: Surface<Strings>, ui: Record<string, unknown>): Array<[string, string]> {
  const found: Array<[string, string]> = [];
  for (const [key, value] of Object.entries(ui)) {
    if (typeof value !== 'string') continue;
    for (const prefix of surface.uiPrefixes) {
      if (prefix === '' ? !key.includes('.') : key.startsWith(prefix)) found.push([key.slice(prefix.length), value]);
    }
  }
  return found;
}

/**
 * The strings of `surface` for `locale`, with the variant's `ui` overrides. Throws
 * `MissingInterfaceStrings` when the locale's language has no catalogue.
 */
export function resolveStrings<T extends Strings>(surface: Surface<T>, locale: string, ui: Record<string, unknown> = {}): T {
  const tag = normaliseLocale(locale);
  const base = surface.languages[languageOf(tag)];
  if (!base) throw new MissingInterfaceStrings(locale, [surface.id]);
  const resolved = structuredClone(overlay(base, surface.regions[tag]));
  for (const [path, value] of overridesFor(surface as unknown as Surface<Strings>, ui)) setPath(resolved, path, value);
  return resolved;
}

/** Fills `{name}` slots; unknown names stay as they are. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (Object.hasOwn(values, name) ? String(values[name]) : whole));
}
