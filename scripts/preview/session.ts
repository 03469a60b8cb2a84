/**
 * The programme as `wecare preview` holds it: resolved for every variant, kept in memory, and
 * brought up to date after a change by processing only the files whose text changed (the others
 * come from an in-memory cache that keeps their IR, keyed by content digest).
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import type { ModuleIR, ProgrammeIR } from '../ir/types.ts';
import { runProgramme } from '../parse/load-programme.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import { MemoryCache } from '../validate/check-cache.ts';
import type { Lang } from '../validate/messages.ts';

export interface SessionOptions {
  /** Module ids to serve; default: all. */
  modules?: string[];
  /** Variant codes to serve; default: every variant the programme ships. */
  variants?: string[];
  lang?: Lang;
}

export interface RebuildResult {
  /** Files processed again (the others were unchanged). */
  processed: number;
  /** Pages (`variant/module`) whose content changed. */
  changedPages: string[];
  milliseconds: number;
}

/** Key of one served module page. */
export const pageKey = (variant: string, moduleId: string) => `${variant}/${moduleId}`;

export class PreviewSession {
  readonly root: string;
  private readonly cache = new MemoryCache(true);
  /** Last good programme of each variant: a broken programme.yaml keeps the previous one served. */
  private readonly programmes = new Map<string, ProgrammeIR>();
  private readonly digests = new Map<string, string>();
  private allDiagnostics: Diagnostic[] = [];
  /** Files changed since the preview started, most recent last: their problems are shown. */
  private readonly edited = new Set<string>();
  build = 0;

  constructor(root: string, private readonly options: SessionOptions = {}) {
    this.root = path.resolve(root);
  }

  /** Loads (first call) or updates the programme; `changed` are paths relative to the root. */
  async rebuild(changed: string[] = []): Promise<RebuildResult> {
    const started = performance.now();
    for (const file of changed) {
      this.edited.delete(file);
      this.edited.add(file);
    }
    const result = await runProgramme(this.root, { html: true, cache: this.cache, modules: this.options.modules, variants: this.options.variants, lang: this.options.lang });
    this.cache.prune();
    this.allDiagnostics = result.diagnostics;
    for (const programme of result.programmes) this.programmes.set(programme.variant.code, programme);
    const changedPages: string[] = [];
    const seen = new Set<string>();
    for (const programme of result.programmes) {
      for (const module of modulesOf(programme)) {
        const key = pageKey(programme.variant.code, module.id);
        seen.add(key);
        const digest = digestOf(programme, module);
        if (this.digests.get(key) !== digest) changedPages.push(key);
        this.digests.set(key, digest);
      }
    }
    if (result.programmes.length) {
      for (const key of [...this.digests.keys()]) {
        if (!seen.has(key)) {
          this.digests.delete(key);
          changedPages.push(key);
        }
      }
    }
    this.build += 1;
    return { processed: result.processed, changedPages, milliseconds: performance.now() - started };
  }

  /** Language of messages and of the preview's own pages: the check's. */
  get lang(): Lang {
    if (this.options.lang) return this.options.lang;
    const first = this.programmes.values().next().value;
    return first?.programme.language === 'es' ? 'es' : 'en';
  }

  get variants(): ProgrammeIR[] {
    return [...this.programmes.values()];
  }

  programme(variant: string): ProgrammeIR | undefined {
    return this.programmes.get(variant);
  }

  module(variant: string, moduleId: string): { programme: ProgrammeIR; module: ModuleIR } | undefined {
    const programme = this.programmes.get(variant);
    const module = programme && modulesOf(programme).find((m) => m.id === moduleId);
    return programme && module ? { programme, module } : undefined;
  }

  /** Digest of every served page's content, by `variant/module`. */
  pageDigests(): Record<string, string> {
    return Object.fromEntries(this.digests);
  }

  /** Errors and warnings of the files edited since the preview started. */
  problems(): Diagnostic[] {
    return this.allDiagnostics.filter((d) => d.severity !== 'info' && this.edited.has(d.file));
  }

  /** Every error and warning of the programme (what `wecare check` would print). */
  diagnostics(): Diagnostic[] {
    return this.allDiagnostics.filter((d) => d.severity !== 'info');
  }
}

export function modulesOf(programme: ProgrammeIR): ModuleIR[] {
  return [...programme.modules, ...(programme.assessment ? [programme.assessment] : [])];
}

function digestOf(programme: ProgrammeIR, module: ModuleIR): string {
  return createHash('sha1').update(JSON.stringify([programme.variant, programme.programme, module])).digest('hex').slice(0, 16);
}
