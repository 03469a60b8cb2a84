/** Shared helpers: the mini programme's content as the context lessons are processed in. */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadContent } from '../../scripts/parse/content.ts';
import { processFile, type ProcessedFile, type SharedContext } from '../../scripts/parse/process-file.ts';
import type { Lang } from '../../scripts/validate/messages.ts';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const miniRoot = path.join(repoRoot, 'tests/fixtures/programme-mini');

const contexts = new Map<Lang, SharedContext>();

export function miniContext(lang: Lang = 'en'): SharedContext {
  let context = contexts.get(lang);
  if (!context) {
    const content = loadContent(miniRoot, lang);
    if (content.diagnostics.length) throw new Error(`mini programme content has problems: ${content.diagnostics[0]!.message}`);
    context = {
      lang,
      language: 'es',
      shipped: content.programme!.variants,
      competences: content.competenceIds,
      variants: content.variants,
    };
    contexts.set(lang, context);
  }
  return context;
}

/** Processes Markdown as a lesson of module 01 of the mini programme, for both variants. */
export function processLesson(text: string, options: { lang?: Lang; html?: boolean; path?: string } = {}): ProcessedFile {
  return processFile(
    { path: options.path ?? 'modules/01-test/01-lesson.md', text, kind: 'lesson', scope: ['es', 'co'], passMark: 70, html: options.html ?? true },
    miniContext(options.lang),
  );
}

/** Prefixes lesson front matter to a body. */
export const lesson = (body: string) => `---\nid: l01-test\ntitle: Test\n---\n\n${body}`;

/** A throw-away copy of the mini programme; returns its root and a cleanup function. */
export function copyMini(): { root: string; cleanup: () => void } {
  const root = mkdtempSync(path.join(os.tmpdir(), 'wecare-mini-'));
  cpSync(miniRoot, root, { recursive: true, filter: (source) => !source.includes('.wecare-cache') });
  return { root, cleanup: () => rmSync(root, { recursive: true, force: true }) };
}
