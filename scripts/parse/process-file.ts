/**
 * One Markdown source (a lesson or a module.md) through the whole pipeline: parse, front matter,
 * directive validation, coverage, then, for each variant, resolution, substitution and blocks.
 * Everything it returns is plain data, so results can be cached by content digest.
 */
import type { Root } from 'mdast';
import { unified, type Processor } from 'unified';
import { VFile } from 'vfile';
import type { Block, Citation, TrainerNote } from '../ir/types.ts';
import { extractFile, fileHeader, type ExtractOptions, type ParsedFrontMatter } from '../translate/extract.ts';
import type { CachedFileUnits } from '../translate/unit-cache.ts';
import type { Diagnostic } from '../validate/diagnostic.ts';
import type { Lang } from '../validate/messages.ts';
import remarkValidateDirectives, { type Reference, type ReviewFact } from '../validate/remark-validate-directives.ts';
import { diagnosticsOf, report, sortDiagnostics } from '../validate/report.ts';
import { suggest } from '../validate/suggest.ts';
import type { VariantContext } from '../variants/context.ts';
import { substitutePlain, type PlainTextProblem } from '../variants/plain-text.ts';
import remarkResolveVariants from '../variants/remark-resolve-variants.ts';
import remarkSubstitute from '../variants/remark-substitute.ts';
import remarkVariantCoverage from '../variants/remark-variant-coverage.ts';
import { buildLesson, rewriteLocalUrls, type IdFact } from './build-lesson.ts';
import { blocksToHtml } from './html.ts';
import { parseMarkdown } from './markdown.ts';
import { VARIANT_CODE_PATTERN } from './schema.ts';
import { lessonFrontMatterSchema, moduleFrontMatterSchema, type LessonFrontMatter, type ModuleFrontMatter } from './schemas.ts';
import { applySchema, parseYaml } from './yaml-source.ts';

/** What every file of a programme is checked against. */
export interface SharedContext {
  lang: Lang;
  /** Programme language (default labels). */
  language: string;
  /** Variant codes the programme ships. */
  shipped: string[];
  /** Competence ids of the framework, when it could be read. */
  competences?: ReadonlySet<string>;
  /** Learning outcome id → its competence id, when the framework could be read. */
  outcomes?: ReadonlyMap<string, string>;
  /** The shipped variants that could be read. */
  variants: ReadonlyMap<string, VariantContext>;
  /**
   * Variants taught in another language than the programme's, with what their translation units
   * are extracted with: each file's units are extracted from this parse (see `ProcessedFile.units`).
   */
  translations?: ReadonlyMap<string, ExtractOptions>;
}

export interface FileJob {
  /** Path relative to the programme root. */
  path: string;
  text: string;
  kind: 'module' | 'lesson';
  /** Variants the enclosing module exists in (for module.md: the programme's). */
  scope: string[];
  /** Pass mark quizzes default to. */
  passMark: number;
  /** Build learner HTML (false when only checking). */
  html: boolean;
  anchors?: ReadonlyMap<string, string>;
  /**
   * Only the errors of this run are kept (a translated text: its warnings are the source's, reported
   * from the source), so the checks that can only warn are left out.
   */
  errorsOnly?: boolean;
}

export interface VariantResult {
  blocks: Block[];
  trainerNotes: TrainerNote[];
  ids: IdFact[];
  media: string[];
  sources: Citation[];
  /** module.md only: the introduction's HTML. */
  introHtml?: string;
  /** Front matter title (and module summary) with `:var` / `:term` substituted. */
  title?: string;
  summary?: string;
}

export interface ProcessedFile {
  diagnostics: Diagnostic[];
  frontMatter?: ModuleFrontMatter | LessonFrontMatter;
  /** Variants this file exists in. */
  scope: string[];
  references: Reference[];
  reviews: ReviewFact[];
  perVariant: Record<string, VariantResult>;
  /**
   * Translation units by translated variant (`SharedContext.translations`): the file's units when
   * the variant sees the file, else only what its front matter says. Absent when extraction failed.
   * Disk caches hold them packed (see unit-cache.ts).
   */
  units?: Record<string, CachedFileUnits>;
}

/** A deep copy of a tree for one variant's transformers; positions are shared (never mutated). */
function cloneTree<T>(value: T): T {
  if (Array.isArray(value)) return value.map(cloneTree) as T;
  if (value === null || typeof value !== 'object') return value;
  const copy: Record<string, unknown> = {};
  for (const key in value) {
    const entry = (value as Record<string, unknown>)[key];
    copy[key] = key === 'position' ? entry : cloneTree(entry);
  }
  return copy as T;
}

type VariantPipeline = Processor<Root, Root, Root>;
const pipelines = new WeakMap<VariantContext, VariantPipeline>();

function pipelineFor(context: VariantContext): VariantPipeline {
  let pipeline = pipelines.get(context);
  if (!pipeline) {
    pipeline = unified().use(remarkResolveVariants, { variant: context.variant.code }).use(remarkSubstitute, context).freeze() as unknown as VariantPipeline;
    pipelines.set(context, pipeline);
  }
  return pipeline;
}

/** The translation units of the file for each translated variant, from the check's own parse. */
function translationUnits(tree: Root, job: FileJob, scope: readonly string[], translations: ReadonlyMap<string, ExtractOptions>, parsed: ParsedFrontMatter | undefined): Record<string, CachedFileUnits> {
  const units: Record<string, CachedFileUnits> = {};
  for (const [code, options] of translations) {
    try {
      units[code] = scope.includes(code) ? extractFile(job.text, job.path, job.kind, options, tree, parsed) : fileHeader(tree, job.text, parsed);
    } catch {
      // Left out: the translation plan extracts the file itself and reports what goes wrong there.
    }
  }
  return units;
}

function readFrontMatter(tree: Root, job: FileJob, shared: SharedContext, file: VFile) {
  const first = tree.children[0];
  const yaml = first?.type === 'yaml' ? first : undefined;
  const source = parseYaml(yaml?.value ?? '', file, { lineOffset: yaml?.position?.start.line ?? 0 });
  if (!yaml) source.data = {};
  const parsed = yaml ? source.parsed : undefined;
  const schema = job.kind === 'module' ? moduleFrontMatterSchema : lessonFrontMatterSchema;
  const frontMatter = applySchema(schema, source, file, shared.lang) as ModuleFrontMatter | LessonFrontMatter | undefined;
  let scope = job.scope;
  const declared = (source.data as { variants?: unknown } | null)?.variants;
  if (Array.isArray(declared)) {
    declared.forEach((code, index) => {
      if (typeof code === 'string' && VARIANT_CODE_PATTERN.test(code) && !shared.shipped.includes(code)) {
        report(file, 'unknown-variant', { code, suggestion: suggest(code, shared.shipped), known: shared.shipped.join(', ') }, source.locate(['variants', index]));
      }
    });
    const wanted = declared.map(String);
    scope = scope.filter((code) => wanted.includes(code));
  }
  if (job.kind === 'module' && frontMatter && 'competences' in frontMatter && shared.competences) {
    frontMatter.competences?.forEach((id, index) => {
      if (!shared.competences!.has(id)) report(file, 'unknown-competence', { id, suggestion: suggest(id, shared.competences!) }, source.locate(['competences', index]));
    });
  }
  if (job.kind === 'module' && frontMatter && 'outcomes' in frontMatter && shared.outcomes) {
    const covered = new Set(('competences' in frontMatter ? frontMatter.competences : undefined) ?? []);
    frontMatter.outcomes?.forEach((id, index) => {
      const competence = shared.outcomes!.get(id);
      const at = source.locate(['outcomes', index]);
      if (!competence) report(file, 'unknown-outcome', { id, suggestion: suggest(id, [...shared.outcomes!.keys()]) }, at);
      else if (!covered.has(competence)) report(file, 'outcome-outside-module', { id, competence }, at);
    });
  }
  return { frontMatter, scope, parsed };
}

/** Title and summary for one variant; problems are reported at the front matter (line 2). */
function resolvePlainTexts(frontMatter: ModuleFrontMatter | LessonFrontMatter | undefined, context: VariantContext, file: VFile, code: string) {
  const result: { title?: string; summary?: string } = {};
  const onProblem = (problem: PlainTextProblem) => {
    if (problem.kind === 'variable') report(file, 'unknown-variable', { path: problem.path, variant: code, file: context.variantFile }, { line: 2, column: 1 });
    else report(file, 'unknown-term', { term: problem.term, suggestion: suggest(problem.term, context.terms.keys()) }, { line: 2, column: 1 });
  };
  if (frontMatter?.title) result.title = substitutePlain(frontMatter.title, context, onProblem);
  if (frontMatter && 'summary' in frontMatter && frontMatter.summary) result.summary = substitutePlain(frontMatter.summary, context, onProblem);
  return result;
}

export function processFile(job: FileJob, shared: SharedContext): ProcessedFile {
  const file = new VFile({ path: job.path, value: job.text });
  file.data.lang = shared.lang;
  if (job.errorsOnly) file.data.errorsOnly = true;
  const tree = parseMarkdown(job.text);
  const { frontMatter, scope, parsed } = readFrontMatter(tree, job, shared, file);
  // Before the checks and variant pipelines below, which may rewrite the tree.
  const units = shared.translations?.size ? translationUnits(tree, job, scope, shared.translations, parsed) : undefined;

  remarkValidateDirectives({ competences: shared.competences, variants: shared.shipped, intro: job.kind === 'module' })(tree, file);
  if (!job.errorsOnly) remarkVariantCoverage({ scope })(tree, file);
  const references = file.data.references ?? [];
  const reviews = file.data.reviews ?? [];

  const perVariant: Record<string, VariantResult> = {};
  const codes = scope.filter((code) => shared.variants.has(code));
  for (const [index, code] of codes.entries()) {
    const context = shared.variants.get(code)!;
    // Resolving rewrites the tree: every variant but the last gets a copy.
    const copy = index === codes.length - 1 ? tree : cloneTree(tree);
    const resolved = pipelineFor(context).runSync(copy, file);
    const citations = file.data.citations ?? [];
    const plain = resolvePlainTexts(frontMatter, context, file, code);
    if (job.kind === 'module') {
      const media = rewriteLocalUrls(resolved, job.anchors);
      const content = resolved.children.filter((node) => node.type !== 'yaml');
      perVariant[code] = { blocks: [], trainerNotes: [], ids: [], media, sources: citations, introHtml: job.html ? blocksToHtml(content) : '', ...plain };
      continue;
    }
    const built = buildLesson(resolved, { file, passMark: job.passMark, language: shared.language, html: job.html, anchors: job.anchors });
    // A file without valid front matter already has errors; "empty for es, for co…" would be noise.
    if (!built.blocks.length && frontMatter) {
      report(file, 'empty-lesson', { id: (frontMatter?.id as string | undefined) ?? job.path, variant: code }, { line: 1, column: 1 });
    }
    perVariant[code] = { ...built, sources: citations, ...plain };
  }
  const diagnostics = sortDiagnostics(diagnosticsOf(file));
  if (job.errorsOnly) return { diagnostics: diagnostics.filter((diagnostic) => diagnostic.severity === 'error'), scope, references: [], reviews: [], perVariant };
  const result: ProcessedFile = { diagnostics, frontMatter, scope, references, reviews, perVariant };
  if (units) result.units = units;
  return result;
}
