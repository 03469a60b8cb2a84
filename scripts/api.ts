/**
 * The pipeline's public entry points. Compilers, the CLI and the plugin import from here, not
 * from the parser's internals.
 */
import type { ProgrammeIR } from './ir/types.ts';
import type { Diagnostic } from './validate/diagnostic.ts';

export type { ProgrammeIR } from './ir/types.ts';
export type { Diagnostic } from './validate/diagnostic.ts';

export interface LoadOptions {
  /** Variant codes to resolve; default: every variant the programme ships. */
  variants?: string[];
  /** Module ids to resolve; default: all. */
  modules?: string[];
  /** Language of diagnostic messages; default: the programme's language. */
  lang?: 'en' | 'es';
  /**
   * A variant taught in another language ships the source text of units not translated yet,
   * with one warning per module, instead of an error per unit (`wecare build --allow-untranslated`).
   */
  allowUntranslated?: boolean;
}

export interface LoadResult {
  /** One resolved programme per variant, in the programme's variant order. */
  programmes: ProgrammeIR[];
  /** Every problem found, errors and warnings, sorted by file, line, column. */
  diagnostics: Diagnostic[];
}

/** Reads, validates and resolves the programme whose `content/programme.yaml` is under `root`. */
export async function loadProgramme(root: string, options: LoadOptions = {}): Promise<LoadResult> {
  const { loadProgrammeFromDisk } = await import('./parse/load-programme.ts');
  return loadProgrammeFromDisk(root, options);
}
