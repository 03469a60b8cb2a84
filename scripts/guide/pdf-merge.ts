/**
 * Joins the guide's separately printed parts (each a tagged PDF written by Chromium) into one
 * tagged PDF: pages in order, one structure tree (the parts' `Document` elements become one, their
 * parent trees are renumbered), the named destinations of the parts that own them, an outline
 * built from the table of contents, and the running header and footer drawn from a separately
 * printed overlay as artifacts (so screen readers skip them, as they skip Chromium's own).
 */
import {
  PDFArray,
  PDFContext,
  PDFDict,
  PDFDocument,
  PDFHexString,
  PDFName,
  PDFNumber,
  PDFPage,
  PDFPageLeaf,
  PDFRawStream,
  PDFOperator,
  PDFOperatorNames,
  PDFRef,
  ParseSpeeds,
  beginMarkedContent,
  endMarkedContent,
  popGraphicsState,
  pushGraphicsState,
  type PDFObject,
} from '@cantoo/pdf-lib';

export interface MergePart {
  pdf: Uint8Array;
  /** Named destinations this part owns (the ids its HTML defines); its other destinations are placeholders. */
  owns: ReadonlySet<string>;
}

export interface OutlineEntry {
  id: string;
  title: string;
  level: 1 | 2;
}

export interface MergeOptions {
  parts: MergePart[];
  /** One page per merged page: the running header and footer, on an otherwise empty page. */
  overlay?: Uint8Array;
  outline: OutlineEntry[];
  title: string;
  lang: string;
}

const name = (value: string) => PDFName.of(value);

/** Copies objects of one PDF into another, each once; references already mapped are reused. */
class ObjectCopier {
  private readonly mapped = new Map<string, PDFRef>();

  constructor(
    private readonly from: PDFContext,
    private readonly to: PDFContext,
  ) {}

  /** Makes `source` (a reference in the source PDF) stand for `target` in the copies. */
  alias(source: PDFRef, target: PDFRef): void {
    this.mapped.set(source.tag, target);
  }

  copy<T extends PDFObject>(object: T): T;
  copy(object: PDFObject): PDFObject {
    if (object instanceof PDFRef) {
      const known = this.mapped.get(object.tag);
      if (known) return known;
      const target = this.to.nextRef();
      this.mapped.set(object.tag, target);
      const value = this.from.lookup(object);
      if (value) this.to.assign(target, this.copy(value));
      return target;
    }
    if (object instanceof PDFDict) return this.copyDict(object);
    if (object instanceof PDFArray) {
      const array = PDFArray.withContext(this.to);
      for (const item of object.asArray()) array.push(this.copy(item));
      return array;
    }
    if (object instanceof PDFRawStream) return PDFRawStream.of(this.copyDict(object.dict), object.contents);
    // Names, numbers, strings, booleans and null hold no references: they are shared as they are.
    return object;
  }

  copyDict(dict: PDFDict, skip: ReadonlySet<string> = new Set()): PDFDict {
    const copy = PDFDict.withContext(this.to);
    for (const [key, value] of dict.entries()) if (!skip.has(key.asString())) copy.set(key, this.copy(value));
    return copy;
  }
}

/** The parent tree's key → value pairs, flattening a number tree with kids. */
function parentTreePairs(context: PDFContext, node: PDFDict | undefined): Array<[number, PDFObject]> {
  if (!node) return [];
  const pairs: Array<[number, PDFObject]> = [];
  const nums = node.lookupMaybe(name('Nums'), PDFArray);
  if (nums) {
    for (let i = 0; i + 1 < nums.size(); i += 2) {
      const key = nums.lookup(i);
      if (key instanceof PDFNumber) pairs.push([key.asNumber(), nums.get(i + 1)]);
    }
  }
  const kids = node.lookupMaybe(name('Kids'), PDFArray);
  for (const kid of kids?.asArray() ?? []) {
    const child = context.lookup(kid);
    if (child instanceof PDFDict) pairs.push(...parentTreePairs(context, child));
  }
  return pairs;
}

function numberOf(dict: PDFDict, key: string): number | undefined {
  const value = dict.lookup(name(key));
  return value instanceof PDFNumber ? value.asNumber() : undefined;
}

export async function mergeGuideParts(options: MergeOptions): Promise<{ pdf: Uint8Array; pageCount: number; pages: Map<string, number> }> {
  const out = await PDFDocument.create({ updateMetadata: false });
  const context = out.context;
  const rootRef = context.nextRef();
  const documentRef = context.nextRef();
  const documentKids = PDFArray.withContext(context);
  const parentTree = PDFArray.withContext(context);
  const dests = PDFDict.withContext(context);
  const destinationPages = new Map<string, number>();
  const pageRefs: PDFRef[] = [];
  let nextKey = 0;

  // Keeps each part's drawing state to itself, so that the overlay is drawn in page space.
  const save = context.register(context.contentStream([pushGraphicsState()]));
  const restore = context.register(context.contentStream([popGraphicsState()]));

  for (const part of options.parts) {
    const source = await PDFDocument.load(part.pdf, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
    const copier = new ObjectCopier(source.context, context);
    const keyOffset = nextKey;
    const structRoot = source.catalog.lookupMaybe(name('StructTreeRoot'), PDFDict);
    const structRootRef = source.catalog.get(name('StructTreeRoot'));
    if (structRootRef instanceof PDFRef) copier.alias(structRootRef, rootRef);

    const sourcePages = source.getPages();
    const firstPage = pageRefs.length;
    const targets = sourcePages.map((page) => {
      const target = context.nextRef();
      copier.alias(page.ref, target);
      return target;
    });
    sourcePages.forEach((page, index) => {
      const copied = copier.copyDict(page.node, new Set(['Parent', 'Contents', 'StructParents']));
      const contents = PDFArray.withContext(context);
      contents.push(save);
      const original = page.node.get(name('Contents'));
      const originalList = original instanceof PDFRef && source.context.lookup(original) instanceof PDFArray ? (source.context.lookup(original) as PDFArray).asArray() : original instanceof PDFArray ? original.asArray() : original ? [original] : [];
      for (const stream of originalList) contents.push(copier.copy(stream));
      contents.push(restore);
      copied.set(name('Contents'), contents);
      const structParents = numberOf(page.node, 'StructParents');
      if (structParents !== undefined) copied.set(name('StructParents'), PDFNumber.of(structParents + keyOffset));
      const leaf = PDFPageLeaf.fromMapWithContext(new Map(copied.entries()), context, false);
      context.assign(targets[index]!, leaf);
      out.addPage(PDFPage.of(leaf, targets[index]!, out));
      pageRefs.push(targets[index]!);
      for (const annotRef of leaf.lookupMaybe(name('Annots'), PDFArray)?.asArray() ?? []) {
        const annot = context.lookup(annotRef);
        const key = annot instanceof PDFDict ? numberOf(annot, 'StructParent') : undefined;
        if (annot instanceof PDFDict && key !== undefined) annot.set(name('StructParent'), PDFNumber.of(key + keyOffset));
      }
    });

    if (structRoot) {
      const top = structRoot.lookup(name('K'));
      const documentElements = top instanceof PDFArray ? top.asArray() : top ? [structRoot.get(name('K'))!] : [];
      for (const elementRef of documentElements) {
        const element = source.context.lookup(elementRef);
        if (!(element instanceof PDFDict)) continue;
        // The part's Document element becomes the merged one; its children move up to it.
        if (elementRef instanceof PDFRef) copier.alias(elementRef, documentRef);
        const kids = element.lookup(name('K'));
        const list = kids instanceof PDFArray ? kids.asArray() : element.get(name('K')) ? [element.get(name('K'))!] : [];
        for (const kid of list) documentKids.push(copier.copy(kid));
      }
      const pairs = parentTreePairs(source.context, structRoot.lookupMaybe(name('ParentTree'), PDFDict));
      for (const [key, value] of pairs) {
        parentTree.push(PDFNumber.of(key + keyOffset));
        parentTree.push(copier.copy(value));
      }
      nextKey = keyOffset + (numberOf(structRoot, 'ParentTreeNextKey') ?? pairs.reduce((max, [key]) => Math.max(max, key + 1), 0));
    }

    const partDests = source.catalog.lookupMaybe(name('Dests'), PDFDict);
    for (const [key, value] of partDests?.entries() ?? []) {
      const id = key.decodeText();
      if (!part.owns.has(id)) continue;
      const copied = copier.copy(value);
      dests.set(key, copied);
      const target = context.lookup(copied);
      const pageRef = target instanceof PDFArray ? target.get(0) : undefined;
      const page = pageRef instanceof PDFRef ? pageRefs.indexOf(pageRef, firstPage) : -1;
      if (page >= 0) destinationPages.set(id, page + 1);
    }
  }

  context.assign(documentRef, context.obj({ Type: 'StructElem', S: 'Document', Lang: PDFHexString.fromText(options.lang), P: rootRef, K: documentKids }));
  context.assign(rootRef, context.obj({ Type: 'StructTreeRoot', K: documentRef, ParentTree: context.obj({ Nums: parentTree }), ParentTreeNextKey: nextKey }));
  out.catalog.set(name('StructTreeRoot'), rootRef);
  out.catalog.set(name('MarkInfo'), context.obj({ Type: 'MarkInfo', Marked: true }));
  out.catalog.set(name('Dests'), context.register(dests));
  out.setTitle(options.title, { showInWindowTitleBar: true });
  out.setLanguage(options.lang);
  out.setCreator('wecare-toolkit');
  out.setProducer('wecare-toolkit (Chromium, pdf-lib)');

  addOutline(out, options.outline, destinationPages);
  if (options.overlay) await drawOverlay(out, options.overlay);
  const pdf = await out.save({ useObjectStreams: false, addDefaultPage: false, updateFieldAppearances: false });
  return { pdf, pageCount: pageRefs.length, pages: destinationPages };
}

/** Bookmarks: one per table-of-contents entry whose destination exists, lessons under their chapter. */
function addOutline(out: PDFDocument, entries: OutlineEntry[], pages: Map<string, number>): void {
  const context = out.context;
  const present = entries.filter((entry) => pages.has(entry.id));
  if (!present.length) return;
  const outlinesRef = context.nextRef();
  interface Item {
    ref: PDFRef;
    dict: PDFDict;
    children: Item[];
  }
  const top: Item[] = [];
  for (const entry of present) {
    const item: Item = { ref: context.nextRef(), dict: context.obj({ Title: PDFHexString.fromText(entry.title), Dest: name(entry.id) }), children: [] };
    const parent = entry.level === 2 ? top[top.length - 1] : undefined;
    (parent ? parent.children : top).push(item);
  }
  const link = (items: Item[], parentRef: PDFRef) => {
    items.forEach((item, index) => {
      item.dict.set(name('Parent'), parentRef);
      if (index > 0) item.dict.set(name('Prev'), items[index - 1]!.ref);
      if (index < items.length - 1) item.dict.set(name('Next'), items[index + 1]!.ref);
      if (item.children.length) {
        item.dict.set(name('First'), item.children[0]!.ref);
        item.dict.set(name('Last'), item.children[item.children.length - 1]!.ref);
        // Negative: closed, so that a long guide opens as its list of chapters.
        item.dict.set(name('Count'), PDFNumber.of(-item.children.length));
        link(item.children, item.ref);
      }
      context.assign(item.ref, item.dict);
    });
  };
  link(top, outlinesRef);
  context.assign(outlinesRef, context.obj({ Type: 'Outlines', First: top[0]!.ref, Last: top[top.length - 1]!.ref, Count: top.length }));
  out.catalog.set(name('Outlines'), outlinesRef);
  out.catalog.set(name('PageMode'), name('UseOutlines'));
}

/**
 * Draws each overlay page on its page as a form XObject made from the overlay page's own content
 * stream (no decoding), inside an `/Artifact` marked-content sequence.
 */
async function drawOverlay(out: PDFDocument, overlay: Uint8Array): Promise<void> {
  const context = out.context;
  const source = await PDFDocument.load(overlay, { updateMetadata: false, parseSpeed: ParseSpeeds.Fastest });
  const copier = new ObjectCopier(source.context, context);
  const sheets = source.getPages();
  out.getPages().forEach((page, index) => {
    const sheet = sheets[index];
    const stream = sheet?.node.get(name('Contents'));
    if (!sheet || !(stream instanceof PDFRef) || !(source.context.lookup(stream) instanceof PDFRawStream)) return;
    const formRef = copier.copy(stream);
    const form = context.lookup(formRef);
    if (!(form instanceof PDFRawStream)) return;
    const box = sheet.getMediaBox();
    form.dict.set(name('Type'), name('XObject'));
    form.dict.set(name('Subtype'), name('Form'));
    form.dict.set(name('BBox'), context.obj([box.x, box.y, box.x + box.width, box.y + box.height]));
    const resources = sheet.node.get(name('Resources'));
    if (resources) form.dict.set(name('Resources'), copier.copy(resources));
    const pageResources = page.node.lookupMaybe(name('Resources'), PDFDict) ?? context.obj({});
    page.node.set(name('Resources'), pageResources);
    const xobjects = pageResources.lookupMaybe(name('XObject'), PDFDict) ?? context.obj({});
    pageResources.set(name('XObject'), xobjects);
    xobjects.set(name('WcRunningHead'), formRef);
    const draw = context.register(context.contentStream([beginMarkedContent('Artifact'), pushGraphicsState(), PDFOperator.of(PDFOperatorNames.DrawObject, [name('WcRunningHead')]), popGraphicsState(), endMarkedContent()]));
    page.node.lookup(name('Contents'), PDFArray).push(draw);
  });
}
