import type { BuildFormat, ModuleIR, ProgrammeIR } from '../ir/types.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';

export interface BuildContext {
  /** Programme root (folder holding `content/` and `modules/`). */
  root: string;
  /** Output root, `dist/` by default; a compiler writes under `<outDir>/<variant>/`. */
  outDir: string;
  /** The programme resolved for one variant. */
  programme: ProgrammeIR;
  /** Extra options from the command line (e.g. `h5pLibraries`, `h5pCoreApi`). */
  options: Record<string, string | boolean | undefined>;
  /** Reports a build problem; errors make `wecare build` fail after every format has run. */
  report(diagnostic: Diagnostic): void;
}

export interface BuiltArtifact {
  format: BuildFormat;
  /** Absolute path of the file or folder written. */
  path: string;
  bytes?: number;
}

export interface FormatCompiler {
  format: BuildFormat;
  /** Writes the variant's outputs of this format, for every module of `context.programme`. */
  build(context: BuildContext): Promise<BuiltArtifact[]>;
  /**
   * Optional split of `build` for incremental builds (`wecare build` uses it when present):
   * `module` writes one module's outputs and touches nothing else; `variant` writes what lists
   * or serves every module of the variant (the web index), given the whole programme. A format
   * without it is built, and rebuilt, per variant as a whole.
   */
  parts?: {
    module(context: BuildContext, module: ModuleIR): Promise<BuiltArtifact[]>;
    variant?(context: BuildContext): Promise<BuiltArtifact[]>;
  };
}

/** Each format's compiler, imported only when that format is built. */
export const formatCompilers: Record<BuildFormat, () => Promise<FormatCompiler>> = {
  scorm12: async () => (await import('../scorm/format.ts')).scorm12Format,
  scorm2004: async () => (await import('../scorm/format.ts')).scorm2004Format,
  web: async () => (await import('../scorm/format.ts')).webFormat,
  h5p: async () => (await import('../h5p/format.ts')).h5pFormat,
  guide: async () => (await import('../guide/format.ts')).guideFormat,
  mbz: async () => (await import('../moodle/backup/format.ts')).mbzFormat,
  moodlexml: async () => (await import('../moodle/questions/format.ts')).moodleXmlFormat,
  gift: async () => (await import('../moodle/questions/format.ts')).giftFormat,
};

export const allFormats = Object.keys(formatCompilers) as BuildFormat[];
