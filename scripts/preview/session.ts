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
import { sortDiagnostics } from '../validate/report.ts';
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
  private readonly diagnosticsByVariant = new Map<string, Diagnostic[]>();
  /** Files changed since the preview started, most recent last: their problems are shown. */
  private readonly edited = new Set<string>();
  build = 0;

  constructor(root: string, private readonly options: SessionOptions = {}) {
    this.root = path.resolve(root);
  }

  /**
   * Loads (first call) or updates the programme; `changed` are paths relative to the root.
   * A change inside module folders is rebuilt for those modules only, one variant after the
   * other, the variants in `first` first (`onVariant` is awaited after each, so the open pages
   * reload before the other variants are done); any other change (content/, translations/)
   * rebuilds everything.
   */
  async rebuild(changed: string[] = [], onVariant?: (pages: string[]) => Promise<void> | void, first: string[] = []): Promise<RebuildResult> {
    const started = performance.now();
    for (const file of changed) {
      this.edited.delete(file);
      this.edited.add(file);
    }
    const scope = this.build === 0 ? undefined : this.modulesTouched(changed);
    let processed = 0;
    const changedPages: string[] = [];
    if (!scope) {
      const result = await runProgramme(this.root, { html: true, cache: this.cache, modules: this.options.modules, variants: this.options.variants, lang: this.options.lang });
      this.cache.prune();
      processed = result.processed;
      this.diagnosticsByVariant.clear();
      for (const programme of result.programmes) this.programmes.set(programme.variant.code, programme);
      const codes = result.programmes.length ? result.programmes.map((p) => p.variant.code) : [...this.programmes.keys()];
      if (result.programmes.length) {
        for (const code of [...this.programmes.keys()]) if (!codes.includes(code)) this.programmes.delete(code);
      }
      for (const code of codes) this.diagnosticsByVariant.set(code, result.diagnostics);
      this.allDiagnostics = result.diagnostics;
      changedPages.push(...this.updateDigests(result.programmes.length ? [...this.programmes.keys()] : []));
      await onVariant?.(changedPages);
    } else {
      // Variants someone is looking at go first.
      const codes = [...this.programmes.keys()].sort((a, b) => Number(first.includes(b)) - Number(first.includes(a)));
      for (const code of codes) {
        const result = await runProgramme(this.root, { html: true, cache: this.cache, modules: scope.ids, variants: [code], lang: this.options.lang });
        processed += result.processed;
        const fresh = result.programmes[0];
        const old = this.programmes.get(code)!;
        if (fresh) this.programmes.set(code, spliceModules(old, fresh, scope.ids));
        const inScope = (file: string) => scope.folders.some((folder) => file.startsWith(folder));
        const before = this.diagnosticsByVariant.get(code) ?? [];
        this.diagnosticsByVariant.set(code, [...before.filter((d) => !inScope(d.file)), ...result.diagnostics.filter((d) => inScope(d.file))]);
        this.allDiagnostics = mergeDiagnostics([...this.diagnosticsByVariant.values()]);
        const pages = this.updateDigests([code], scope.ids);
        changedPages.push(...pages);
        await onVariant?.(pages);
      }
    }
    this.build += 1;
    return { processed, changedPages, milliseconds: performance.now() - started };
  }

  /** The modules (ids and folders) a set of changed files lies in, or undefined when it touches more. */
  private modulesTouched(changed: string[]): { ids: string[]; folders: string[] } | undefined {
    if (!changed.length) return undefined;
    const folders = new Map<string, string>();
    for (const programme of this.programmes.values()) {
      for (const module of modulesOf(programme)) folders.set(`${path.posix.dirname(module.source.file)}/`, module.id);
    }
    const ids = new Set<string>();
    const touched = new Set<string>();
    for (const file of changed) {
      const folder = [...folders.keys()].find((candidate) => file.startsWith(candidate));
      if (!folder) return undefined;
      ids.add(folders.get(folder)!);
      touched.add(folder);
    }
    return { ids: [...ids], folders: [...touched] };
  }

  /** Recomputes the digests of the given variants' pages (of `moduleIds` only, when given); returns those that changed. */
  private updateDigests(codes: string[], moduleIds?: string[]): string[] {
    const changed: string[] = [];
    for (const code of codes) {
      const programme = this.programmes.get(code);
      if (!programme) continue;
      const present = new Set<string>();
      for (const module of modulesOf(programme)) {
        const key = pageKey(code, module.id);
        present.add(key);
        if (moduleIds && !moduleIds.includes(module.id)) continue;
        const digest = digestOf(programme, module);
        if (this.digests.get(key) !== digest) changed.push(key);
        this.digests.set(key, digest);
      }
      for (const key of [...this.digests.keys()]) {
        if (key.startsWith(`${code}/`) && !present.has(key)) {
          this.digests.delete(key);
          changed.push(key);
        }
      }
    }
    for (const key of [...this.digests.keys()]) {
      if (!this.programmes.has(key.slice(0, key.indexOf('/')))) {
        this.digests.delete(key);
        changed.push(key);
      }
    }
    return changed;
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

/** A variant's programme with the modules `ids` taken from a run scoped to them. */
function spliceModules(old: ProgrammeIR, fresh: ProgrammeIR, ids: string[]): ProgrammeIR {
  const freshById = new Map(fresh.modules.map((module) => [module.id, module]));
  const modules = old.modules.filter((module) => !ids.includes(module.id) || freshById.has(module.id)).map((module) => freshById.get(module.id) ?? module);
  for (const module of fresh.modules) if (!modules.includes(module)) modules.push(module);
  const next: ProgrammeIR = { ...old, modules };
  if (old.assessment && ids.includes(old.assessment.id)) {
    if (fresh.assessment) next.assessment = fresh.assessment;
    else delete next.assessment;
  }
  return next;
}

/** The same problem found in several variants' runs is listed once, in file order. */
function mergeDiagnostics(lists: Diagnostic[][]): Diagnostic[] {
  const seen = new Map<string, Diagnostic>();
  for (const list of lists) {
    for (const d of list) seen.set([d.file, d.line, d.column, d.severity, d.ruleId, d.message].join('\0'), d);
  }
  return sortDiagnostics([...seen.values()]);
}
