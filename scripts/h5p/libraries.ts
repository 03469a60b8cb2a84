/**
 * The few facts about H5P libraries the compiler needs, written for this project from the
 * libraries' library.json / semantics.json (see docs/h5p.md for where they were read). The build
 * never reads ../shared at run time; tests/h5p/libraries.test.ts cross-checks this table against
 * ../shared/standards/h5p when it is present.
 *
 * A library is named `machineName major.minor` (H5P's `libraryToString`), e.g. `H5P.Column 1.18`.
 */

/** One released patch of a major.minor and the H5P core API it declares (absent: none declared). */
export interface KnownPatch {
  patch: number;
  coreApi?: string;
  /**
   * Content parameters this patch added to semantics.json since the previous known patch, as
   * semantics paths (field names joined with `/`). A site with an older patch drops them, so the
   * compiler writes them only for targets that get this patch or a newer one.
   */
  adds?: string[];
}

export interface LibraryFacts {
  machineName: string;
  major: number;
  minor: number;
  /** Shown as `metadata.contentType` for sub-content. */
  contentType?: string;
  runnable: boolean;
  /** Known patches, oldest first. Empty when the library was never inspected (dependencies unverified). */
  patches: KnownPatch[];
  /** `preloadedDependencies` of library.json, as library strings. */
  preloaded: string[];
  /** `editorDependencies`: only needed when library folders are bundled. */
  editor: string[];
  /** Options of `library` fields, by semantics path (field names joined with `/`). */
  subContent?: Record<string, string[]>;
}

const MEDIA_OPTIONS = ['H5P.Image 1.1', 'H5P.Video 1.6', 'H5P.Audio 1.5'];

const COLUMN_OPTIONS = [
  'H5P.Accordion 1.0', 'H5P.Agamotto 1.6', 'H5P.Audio 1.5', 'H5P.AudioRecorder 1.0', 'H5P.Blanks 1.14', 'H5P.Chart 1.2',
  'H5P.Collage 0.3', 'H5P.CoursePresentation 1.26', 'H5P.Dialogcards 1.9', 'H5P.DocumentationTool 1.8', 'H5P.DragQuestion 1.14',
  'H5P.DragText 1.10', 'H5P.Essay 1.5', 'H5P.GuessTheAnswer 1.5', 'H5P.Table 1.2', 'H5P.AdvancedText 1.1', 'H5P.IFrameEmbed 1.0',
  'H5P.Image 1.1', 'H5P.ImageHotspots 1.10', 'H5P.ImageHotspotQuestion 1.8', 'H5P.ImageSlider 1.1', 'H5P.InteractiveVideo 1.27',
  'H5P.Link 1.3', 'H5P.MarkTheWords 1.11', 'H5P.MemoryGame 1.3', 'H5P.MultiChoice 1.16', 'H5P.Questionnaire 1.3',
  'H5P.QuestionSet 1.20', 'H5P.Row 1.0', 'H5P.SingleChoiceSet 1.11', 'H5P.Summary 1.10', 'H5P.Timeline 1.1', 'H5P.TrueFalse 1.8',
  'H5P.Video 1.6', 'H5P.MultiMediaChoice 0.3',
];

const QUESTION_SET_OPTIONS = [
  'H5P.MultiChoice 1.16', 'H5P.DragQuestion 1.15', 'H5P.Blanks 1.14', 'H5P.MarkTheWords 1.11', 'H5P.DragText 1.10',
  'H5P.TrueFalse 1.8', 'H5P.Essay 1.5', 'H5P.MultiMediaChoice 0.3',
];

function lib(
  name: string,
  facts: Omit<LibraryFacts, 'machineName' | 'major' | 'minor' | 'preloaded' | 'editor' | 'runnable'> &
    Partial<Pick<LibraryFacts, 'preloaded' | 'editor' | 'runnable'>>,
): LibraryFacts {
  const { machineName, major, minor } = parseLibraryString(name);
  return { machineName, major, minor, runnable: false, preloaded: [], editor: [], ...facts };
}

const QUESTION_DEPS = ['FontAwesome 4.5', 'H5P.JoubelUI 1.3', 'H5P.Question 1.5'];

/** Every library the compiler may reference, directly or as a dependency. */
export const LIBRARIES: Record<string, LibraryFacts> = Object.fromEntries(
  [
    lib('H5P.MultiChoice 1.16', {
      contentType: 'Multiple Choice', runnable: true,
      patches: [{ patch: 26, coreApi: '1.27' }, { patch: 27, coreApi: '1.28' }],
      preloaded: QUESTION_DEPS, editor: ['H5PEditor.RangeList 1.0', 'H5PEditor.ShowWhen 1.0'],
      subContent: { 'media/type': MEDIA_OPTIONS },
    }),
    lib('H5P.TrueFalse 1.8', {
      contentType: 'True/False Question', runnable: true,
      patches: [{ patch: 20, coreApi: '1.19' }, { patch: 24, coreApi: '1.28' }],
      preloaded: ['FontAwesome 4.5', 'H5P.Question 1.5', 'H5P.JoubelUI 1.3', 'H5P.FontIcons 1.0'],
      editor: ['H5PEditor.RadioGroup 1.1', 'H5PEditor.ShowWhen 1.0'],
      subContent: { 'media/type': MEDIA_OPTIONS },
    }),
    lib('H5P.Blanks 1.14', {
      contentType: 'Fill in the Blanks', runnable: true,
      patches: [{ patch: 34, coreApi: '1.19' }, { patch: 37, coreApi: '1.28', adds: ['behaviour/allowRetryIfCorrect'] }],
      preloaded: ['FontAwesome 4.5', 'H5P.Question 1.5', 'H5P.JoubelUI 1.3', 'H5P.TextUtilities 1.3'],
      editor: ['H5PEditor.RangeList 1.0', 'H5PEditor.ShowWhen 1.0'],
      subContent: { 'media/type': MEDIA_OPTIONS },
    }),
    lib('H5P.DragText 1.10', {
      contentType: 'Drag the Words', runnable: true,
      patches: [{ patch: 47, coreApi: '1.19' }, { patch: 49, coreApi: '1.28' }],
      preloaded: ['FontAwesome 4.5', 'jQuery.ui 1.10', 'H5P.JoubelUI 1.3', 'H5P.Question 1.5', 'H5P.Components 1.0'],
      editor: ['H5PEditor.RangeList 1.0', 'H5PEditor.ShowWhen 1.0'],
      subContent: { 'media/type': MEDIA_OPTIONS },
    }),
    lib('H5P.QuestionSet 1.21', {
      contentType: 'Question Set', runnable: true,
      patches: [{ patch: 9, coreApi: '1.26' }, { patch: 13, coreApi: '1.28' }],
      preloaded: ['FontAwesome 4.5', 'H5P.Video 1.6', 'H5P.JoubelUI 1.3', 'H5P.Components 1.0'],
      editor: ['H5PEditor.RangeList 1.0', 'H5PEditor.VerticalTabs 1.3', 'H5PEditor.QuestionSetTextualEditor 1.3', 'H5PEditor.ShowWhen 1.0'],
      subContent: { 'questions/question': QUESTION_SET_OPTIONS },
    }),
    lib('H5P.Column 1.18', {
      contentType: 'Column', runnable: true,
      patches: [{ patch: 6, coreApi: '1.27' }],
      subContent: { 'content/content/content': COLUMN_OPTIONS },
    }),
    lib('H5P.InteractiveBook 1.11', {
      contentType: 'Interactive Book', runnable: true,
      patches: [{ patch: 12, coreApi: '1.27' }],
      preloaded: ['FontAwesome 4.5', 'H5P.JoubelUI 1.3'],
      editor: ['H5PEditor.VerticalTabs 1.3', 'H5PEditor.ShowWhen 1.0', 'H5PEditor.ColorSelector 1.3'],
      subContent: { 'bookCover/coverMedium': ['H5P.Image 1.1', 'H5P.Video 1.6'], 'chapters/item/chapter': ['H5P.Column 1.18'] },
    }),
    lib('H5P.AdvancedText 1.1', { contentType: 'Text', patches: [{ patch: 21 }] }),
    lib('H5P.Image 1.1', { contentType: 'Image', patches: [{ patch: 28, coreApi: '1.19' }], editor: ['H5PEditor.ShowWhen 1.0'] }),
    // Support libraries.
    lib('H5P.Question 1.5', { patches: [{ patch: 50, coreApi: '1.7' }, { patch: 56, coreApi: '1.28' }], preloaded: ['FontAwesome 4.5', 'H5P.JoubelUI 1.3', 'H5P.Components 1.0'] }),
    lib('H5P.JoubelUI 1.3', { patches: [{ patch: 30, coreApi: '1.3' }], preloaded: ['FontAwesome 4.5', 'H5P.Transition 1.0', 'H5P.FontIcons 1.0'] }),
    lib('H5P.Components 1.0', { patches: [{ patch: 89 }, { patch: 98, coreApi: '1.28' }], preloaded: ['jQuery.ui 1.10'] }),
    lib('H5P.Video 1.6', { patches: [{ patch: 67, coreApi: '1.19' }, { patch: 71, coreApi: '1.28' }] }),
    lib('H5P.Transition 1.0', { patches: [{ patch: 4 }] }),
    lib('H5P.FontIcons 1.0', { patches: [{ patch: 6 }] }),
    // Never inspected: believed to have no dependencies (docs/h5p.md says so).
    lib('FontAwesome 4.5', { patches: [] }),
    lib('jQuery.ui 1.10', { patches: [] }),
    lib('H5P.TextUtilities 1.3', { patches: [] }),
    // Editor libraries (bundled only with --h5p-libraries).
    lib('H5PEditor.RangeList 1.0', { patches: [{ patch: 13, coreApi: '1.14' }], preloaded: ['H5PEditor.TableList 1.0'] }),
    lib('H5PEditor.TableList 1.0', { patches: [{ patch: 4, coreApi: '1.14' }] }),
    lib('H5PEditor.ShowWhen 1.0', { patches: [{ patch: 9 }] }),
    lib('H5PEditor.RadioGroup 1.1', { patches: [{ patch: 4, coreApi: '1.12' }] }),
    lib('H5PEditor.VerticalTabs 1.3', { patches: [{ patch: 16, coreApi: '1.24' }], preloaded: ['FontAwesome 4.5'] }),
    lib('H5PEditor.QuestionSetTextualEditor 1.3', { patches: [{ patch: 18, coreApi: '1.24' }] }),
    lib('H5PEditor.ColorSelector 1.3', { patches: [{ patch: 1, coreApi: '1.24' }] }),
  ].map((facts) => [`${facts.machineName} ${facts.major}.${facts.minor}`, facts]),
);

/**
 * Where each `library` field of `subContent` sits in content.json: lists become `[]`, and a
 * single-field group inside a list is flattened away (InteractiveBook's `chapters/item`).
 */
export const SUB_CONTENT_JSON_PATHS: Record<string, string> = {
  'media/type': 'media.type',
  'questions/question': 'questions[]',
  'content/content/content': 'content[].content',
  'bookCover/coverMedium': 'bookCover.coverMedium',
  'chapters/item/chapter': 'chapters[]',
};

/** Options of the `library` field at a content.json path of `library`'s parameters, if known. */
export function subContentOptionsAt(library: string, jsonPath: string): string[] | undefined {
  const fields = LIBRARIES[library]?.subContent ?? {};
  for (const [semanticsPath, options] of Object.entries(fields)) if (SUB_CONTENT_JSON_PATHS[semanticsPath] === jsonPath) return options;
  return undefined;
}

/** The library strings the compiler writes into content.json. */
export const LIB = {
  multiChoice: 'H5P.MultiChoice 1.16',
  trueFalse: 'H5P.TrueFalse 1.8',
  blanks: 'H5P.Blanks 1.14',
  dragText: 'H5P.DragText 1.10',
  questionSet: 'H5P.QuestionSet 1.21',
  column: 'H5P.Column 1.18',
  book: 'H5P.InteractiveBook 1.11',
  text: 'H5P.AdvancedText 1.1',
  image: 'H5P.Image 1.1',
} as const;

export const DEFAULT_CORE_API = '1.27';

export interface LibraryName {
  machineName: string;
  major: number;
  minor: number;
}

/** `H5P.Column 1.18` → parts. Throws on anything else (a bug, not an author error). */
export function parseLibraryString(name: string): LibraryName {
  const match = /^([\w.$-]+) (\d+)\.(\d+)$/.exec(name);
  if (!match) throw new Error(`Not an H5P library string: "${name}"`);
  return { machineName: match[1]!, major: Number(match[2]), minor: Number(match[3]) };
}

export const libraryString = (name: LibraryName) => `${name.machineName} ${name.major}.${name.minor}`;
/** Folder name of a library inside a package (`H5PCore::libraryToFolderName`). */
export const libraryFolder = (name: LibraryName) => `${name.machineName}-${name.major}.${name.minor}`;

/** Parses `1.27` into a comparable pair; undefined for anything that is not `major.minor`. */
export function parseCoreApi(value: string): [number, number] | undefined {
  const match = /^(\d+)\.(\d+)$/.exec(value.trim());
  return match ? [Number(match[1]), Number(match[2])] : undefined;
}

export function compareCoreApi(a: string, b: string): number {
  const [am, an] = parseCoreApi(a) ?? [0, 0];
  const [bm, bn] = parseCoreApi(b) ?? [0, 0];
  return am - bm || an - bn;
}

export function factsOf(name: string): LibraryFacts {
  const facts = LIBRARIES[name];
  if (!facts) throw new Error(`No facts for H5P library "${name}"`);
  return facts;
}

/**
 * The newest known patch usable with a site whose H5P core API is `target`; `null` when the library
 * was never inspected (any patch), `undefined` when every known patch needs a newer core.
 */
export function patchFor(name: string, target: string): KnownPatch | null | undefined {
  const { patches } = factsOf(name);
  if (!patches.length) return null;
  return [...patches].reverse().find((p) => !p.coreApi || compareCoreApi(p.coreApi, target) <= 0);
}

/** A content parameter that a site of some core API does not have yet. */
export interface NewerField {
  /** Semantics path, field names joined with `/`. */
  path: string;
  /** `H5P.Blanks 1.14.37`: the first patch that has it, and the core API that patch needs. */
  since: string;
  sinceCoreApi?: string;
  /** The patch a site of the target core API has, e.g. `H5P.Blanks 1.14.34`. */
  target: string;
}

/**
 * Content parameters of `name` that the patch a site of core API `target` has does not know
 * (added by a newer patch). Empty when the library was never inspected or has no usable patch.
 */
export function fieldsNewerThan(name: string, target: string): NewerField[] {
  const chosen = patchFor(name, target);
  if (!chosen) return [];
  const facts = factsOf(name);
  const version = (patch: KnownPatch) => `${facts.machineName} ${facts.major}.${facts.minor}.${patch.patch}`;
  return facts.patches
    .filter((patch) => patch.patch > chosen.patch)
    .flatMap((patch) => (patch.adds ?? []).map((path) => ({ path, since: version(patch), ...(patch.coreApi ? { sinceCoreApi: patch.coreApi } : {}), target: version(chosen) })));
}

/** Whether sites of core API `target` have the content parameter `path` (semantics path) of `name`. */
export function hasField(name: string, path: string, target: string): boolean {
  return !fieldsNewerThan(name, target).some((field) => field.path === path);
}

/** The oldest core API any known patch accepts (for messages). */
export function minimumCoreApi(name: string): string | undefined {
  return factsOf(name).patches[0]?.coreApi;
}

/** `names` plus every runtime (preloaded) dependency, transitively, in a stable order. */
export function runtimeClosure(names: Iterable<string>): string[] {
  return closure(names, (facts) => facts.preloaded);
}

/** Runtime closure plus editor dependencies (and theirs): what must be bundled with library folders. */
export function packageClosure(names: Iterable<string>): string[] {
  return closure(names, (facts) => [...facts.preloaded, ...facts.editor]);
}

function closure(names: Iterable<string>, next: (facts: LibraryFacts) => string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name)) return;
    seen.add(name);
    for (const dep of next(factsOf(name))) visit(dep);
  };
  for (const name of names) visit(name);
  return [...seen];
}
