/**
 * `wecare translate export`: the units of one variant as XLIFF 2.0, one file per module and one
 * for `content/`, with the stored translations as targets so translators revise rather than redo.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { loadContent } from '../parse/content.ts';
import { contentUnits, extractOptions, moduleUnits, translationTargets, type TranslationTarget } from './programme.ts';
import { CONTENT_NAME, languageOf, readTranslations } from './store.ts';
import { storedToPieces } from './target-pieces.ts';
import { writeXliff } from './xliff-write.ts';

export interface ExportOptions {
  root: string;
  variant: string;
  /** Default: `<root>/dist/translate/<lang>`. */
  outDir?: string;
  /** Export time written into the files (tests fix it). */
  now?: Date;
}

export interface ExportResult {
  outDir: string;
  language: string;
  files: Array<{ path: string; units: number; translated: number; stale: number }>;
}

export class TranslateError extends Error {}

/** The variant's translation target, or a clear error when it has none. */
export function targetFor(root: string, variant: string): { target: TranslationTarget; content: ReturnType<typeof loadContent> } {
  const content = loadContent(root);
  const programme = content.programme;
  if (!programme) throw new TranslateError(`no readable content/programme.yaml under ${root}: run \`wecare check\` for details`);
  if (!programme.variants.includes(variant)) throw new TranslateError(`the programme ships no variant "${variant}" (it ships: ${programme.variants.join(', ')})`);
  const context = content.variants.get(variant);
  if (!context) throw new TranslateError(`content/variants/${variant}.yaml cannot be read: run \`wecare check\``);
  const target = translationTargets(content).get(variant);
  if (!target) {
    throw new TranslateError(`variant ${variant} (${context.variant.locale}) teaches in "${languageOf(context.variant.locale)}", the programme's language: it has nothing to translate`);
  }
  return { target, content };
}

export function exportVariant(options: ExportOptions): ExportResult {
  const root = path.resolve(options.root);
  const { target, content } = targetFor(root, options.variant);
  const outDir = path.resolve(root, options.outDir ?? path.join('dist', 'translate', target.language));
  mkdirSync(outDir, { recursive: true });
  const stored = readTranslations(root, target.language);
  const extract = extractOptions(content, target);
  const exported = (options.now ?? new Date()).toISOString();
  const common = { srcLang: content.programme!.language, trgLang: target.variant.locale, variant: target.code, exported };
  const result: ExportResult = { outDir, language: target.language, files: [] };
  const write = (name: string, original: string, title: string, units: ReturnType<typeof contentUnits>) => {
    const storedFile = stored.get(name)?.units ?? new Map();
    const xliff = writeXliff({ ...common, files: [{ id: name, original, title, units, stored: storedFile, targetPieces: (unit, entry) => storedToPieces(unit, entry.target, extract) }] });
    const file = path.join(outDir, `${name}.xlf`);
    writeFileSync(file, xliff);
    const translated = units.filter((unit) => storedFile.has(unit.id)).length;
    const stale = units.filter((unit) => storedFile.has(unit.id) && storedFile.get(unit.id)!.source !== unit.digest).length;
    result.files.push({ path: file, units: units.length, translated, stale });
  };
  for (const module of moduleUnits(root, content, target)) {
    if (!module.units.length) continue;
    write(module.id, module.dir, module.title, module.units);
  }
  write(CONTENT_NAME, 'content', content.programme!.title, contentUnits(root, content, target));
  return result;
}
