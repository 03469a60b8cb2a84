/**
 * Joins the guide's separately printed parts (each a tagged PDF written by Chromium) into one
 * tagged PDF: pages in order, one structure tree (the parts' `Document` elements become one, their
 * parent trees are renumbered), the named destinations of the parts that own them, an outline
 * built from the table of contents, and the running header and footer drawn from a separately
 * printed overlay as artifacts (so screen readers skip them, as they skip Chromium's own).
 * Objects are copied as they are, stream data untouched (pdf-objects.ts).
 */
import { PdfName, PdfRef, PdfString, dictOf, pageTree, readPdf, readValue, renumberRaw, resolve, textString, writePdf, type PdfDict, type PdfFile, type PdfValue, type WritableObject } from './pdf-objects.ts';

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

type OutObject = WritableObject;

/** The value of an object written so far, parsed now if it was copied as text. */
function valueOf(out: Array<OutObject | undefined>, id: number): PdfValue | undefined {
  const entry = out[id - 1];
  if (!entry) return undefined;
  if ('value' in entry) return entry.value;
  const value = readValue(entry.raw);
  out[id - 1] = entry.stream ? { value, stream: entry.stream } : { value };
  return value;
}

const asBuffer = (bytes: Uint8Array) => Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
const name = (value: string) => new PdfName(value);

function refId(value: PdfValue | undefined): number | undefined {
  return value instanceof PdfRef ? value.id : undefined;
}

function parentTreePairs(file: PdfFile, node: PdfDict | undefined): Array<[number, PdfValue]> {
  if (!node) return [];
  const pairs: Array<[number, PdfValue]> = [];
  const nums = resolve(file, node.get('Nums'));
  if (Array.isArray(nums)) for (let i = 0; i + 1 < nums.length; i += 2) if (typeof nums[i] === 'number') pairs.push([nums[i] as number, nums[i + 1]!]);
  const kids = resolve(file, node.get('Kids'));
  if (Array.isArray(kids)) for (const kid of kids) pairs.push(...parentTreePairs(file, dictOf(resolve(file, kid))));
  return pairs;
}

export function mergeGuideParts(options: MergeOptions): { pdf: Buffer; pageCount: number; pages: Map<string, number> } {
  const out: Array<OutObject | undefined> = [];
  const reserve = () => {
    out.push(undefined);
    return out.length;
  };
  const add = (value: PdfValue, stream?: Buffer) => {
    out.push(stream ? { value, stream } : { value });
    return out.length;
  };
  const set = (id: number, value: PdfValue, stream?: Buffer) => {
    out[id - 1] = stream ? { value, stream } : { value };
  };
  const catalogId = reserve();
  const pagesId = reserve();
  const structRootId = reserve();
  const documentId = reserve();
  const save = add(new Map(), Buffer.from('q\n'));
  const restore = add(new Map(), Buffer.from('Q\n'));
  const pageIds: number[] = [];
  const pageDicts: PdfDict[] = [];
  const documentKids: PdfValue[] = [];
  const parentTree: PdfValue[] = [];
  const dests: PdfDict = new Map();
  const destinationPages = new Map<string, number>();
  let nextKey = 0;

  /**
   * Copies one file's objects, except `dropped`; references to `replaced` ids point to their
   * replacements. Objects in `parse` are copied as values (to be changed); the others as text.
   */
  const copyObjects = (file: PdfFile, dropped: Set<number>, replaced: Map<number, number>, parse: Set<number>) => {
    const ids = new Map(replaced);
    for (const id of file.objects.keys()) if (!dropped.has(id) && !ids.has(id)) ids.set(id, reserve());
    const rewrite = (value: PdfValue): PdfValue => {
      if (value instanceof PdfRef) {
        const id = ids.get(value.id);
        return id === undefined ? null : new PdfRef(id);
      }
      if (Array.isArray(value)) return value.map(rewrite);
      if (value instanceof Map) {
        const copy: PdfDict = new Map();
        for (const [key, item] of value) copy.set(key, rewrite(item));
        return copy;
      }
      return value;
    };
    const renumber = (id: number) => ids.get(id);
    for (const [id, object] of file.objects) {
      if (dropped.has(id) || replaced.has(id)) continue;
      if (parse.has(id)) set(ids.get(id)!, rewrite(object.value), object.stream);
      else out[ids.get(id)! - 1] = object.stream ? { raw: renumberRaw(object.raw, renumber), stream: object.stream } : { raw: renumberRaw(object.raw, renumber) };
    }
    return { ids, rewrite };
  };

  for (const part of options.parts) {
    const file = readPdf(asBuffer(part.pdf));
    const catalogRef = refId(file.trailer.get('Root'));
    const catalog = dictOf(resolve(file, file.trailer.get('Root')));
    if (!catalog || catalogRef === undefined) throw new Error('A printed guide piece has no catalog.');
    const tree = pageTree(file);
    const structRootRef = refId(catalog.get('StructTreeRoot'));
    const structRoot = dictOf(resolve(file, catalog.get('StructTreeRoot')));
    const top = structRoot?.get('K');
    const documentElements = (Array.isArray(top) ? top : top ? [top] : []).map(refId).filter((id): id is number => id !== undefined);
    const parentTreeRef = refId(structRoot?.get('ParentTree'));

    const dropped = new Set<number>([catalogRef, ...tree.nodes]);
    for (const id of [refId(file.trailer.get('Info')), refId(catalog.get('Dests')), refId(catalog.get('Outlines')), parentTreeRef]) if (id !== undefined) dropped.add(id);
    const replaced = new Map<number, number>(tree.nodes.map((id) => [id, pagesId]));
    if (structRootRef !== undefined) replaced.set(structRootRef, structRootId);
    for (const id of documentElements) replaced.set(id, documentId);
    // Pages and their annotations are changed (structure keys renumbered); everything else is copied as written.
    const changed = new Set<number>(tree.leaves);
    for (const leaf of tree.leaves) {
      const annots = dictOf(file.objects.get(leaf)?.value)?.get('Annots');
      for (const annot of Array.isArray(annots) ? annots : []) if (annot instanceof PdfRef) changed.add(annot.id);
    }
    const { ids, rewrite } = copyObjects(file, dropped, replaced, changed);
    const keyOffset = nextKey;
    const firstPage = pageIds.length;

    for (const leaf of tree.leaves) {
      const id = ids.get(leaf)!;
      const page = dictOf(valueOf(out, id)) ?? new Map();
      const contents = page.get('Contents');
      page.set('Contents', [new PdfRef(save), ...(Array.isArray(contents) ? contents : contents ? [contents] : []), new PdfRef(restore)]);
      const structParents = page.get('StructParents');
      if (typeof structParents === 'number') page.set('StructParents', structParents + keyOffset);
      set(id, page);
      pageIds.push(id);
      pageDicts.push(page);
      const annots = page.get('Annots');
      for (const annot of Array.isArray(annots) ? annots : []) {
        const annotId = refId(annot);
        const dict = annotId === undefined ? dictOf(annot) : dictOf(valueOf(out, annotId));
        const key = dict?.get('StructParent');
        if (dict && typeof key === 'number') dict.set('StructParent', key + keyOffset);
      }
    }

    for (const element of documentElements) {
      const kids = dictOf(file.objects.get(element)?.value)?.get('K');
      for (const kid of Array.isArray(kids) ? kids : kids !== undefined ? [kids] : []) documentKids.push(rewrite(kid));
    }
    const pairs = parentTreePairs(file, dictOf(resolve(file, structRoot?.get('ParentTree'))));
    for (const [key, value] of pairs) parentTree.push(key + keyOffset, rewrite(value));
    const declared = structRoot?.get('ParentTreeNextKey');
    nextKey = keyOffset + (typeof declared === 'number' ? declared : pairs.reduce((max, [key]) => Math.max(max, key + 1), 0));

    const partDests = dictOf(resolve(file, catalog.get('Dests')));
    for (const [id, value] of partDests ?? []) {
      if (!part.owns.has(id)) continue;
      const target = rewrite(resolve(file, value) ?? null);
      dests.set(id, target);
      const page = Array.isArray(target) ? refId(target[0]) : undefined;
      const index = page === undefined ? -1 : pageIds.indexOf(page, firstPage);
      if (index >= 0) destinationPages.set(id, index + 1);
    }
  }

  if (options.overlay) drawOverlay(readPdf(asBuffer(options.overlay)), pageDicts, { reserve, set, add, copyObjects, out });

  set(documentId, new Map<string, PdfValue>([['Type', name('StructElem')], ['S', name('Document')], ['Lang', new PdfString(`(${options.lang.replace(/[()\\]/g, '')})`)], ['P', new PdfRef(structRootId)], ['K', documentKids]]));
  set(structRootId, new Map<string, PdfValue>([['Type', name('StructTreeRoot')], ['K', new PdfRef(documentId)], ['ParentTree', new Map([['Nums', parentTree]])], ['ParentTreeNextKey', nextKey]]));
  set(pagesId, new Map<string, PdfValue>([['Type', name('Pages')], ['Kids', pageIds.map((id) => new PdfRef(id))], ['Count', pageIds.length]]));
  const catalog: PdfDict = new Map<string, PdfValue>([
    ['Type', name('Catalog')],
    ['Pages', new PdfRef(pagesId)],
    ['StructTreeRoot', new PdfRef(structRootId)],
    ['MarkInfo', new Map<string, PdfValue>([['Type', name('MarkInfo')], ['Marked', true]])],
    ['Dests', new PdfRef(add(dests))],
    ['ViewerPreferences', new Map<string, PdfValue>([['Type', name('ViewerPreferences')], ['DisplayDocTitle', true]])],
    ['Lang', new PdfString(`(${options.lang.replace(/[()\\]/g, '')})`)],
  ]);
  const outline = addOutline(options.outline, destinationPages, reserve, set);
  if (outline !== undefined) {
    catalog.set('Outlines', new PdfRef(outline));
    catalog.set('PageMode', name('UseOutlines'));
  }
  set(catalogId, catalog);
  const info = add(new Map<string, PdfValue>([['Title', textString(options.title)], ['Creator', textString('wecare-toolkit')], ['Producer', textString('wecare-toolkit (Chromium)')]]));
  const pdf = writePdf(out, new Map<string, PdfValue>([['Root', new PdfRef(catalogId)], ['Info', new PdfRef(info)]]));
  return { pdf, pageCount: pageIds.length, pages: destinationPages };
}

/** Bookmarks: one per table-of-contents entry whose destination exists, lessons under their chapter. */
function addOutline(entries: OutlineEntry[], pages: Map<string, number>, reserve: () => number, set: (id: number, value: PdfValue) => void): number | undefined {
  const present = entries.filter((entry) => pages.has(entry.id));
  if (!present.length) return undefined;
  interface Item {
    id: number;
    entry: OutlineEntry;
    children: Item[];
  }
  const rootId = reserve();
  const top: Item[] = [];
  for (const entry of present) {
    const item: Item = { id: reserve(), entry, children: [] };
    const parent = entry.level === 2 ? top[top.length - 1] : undefined;
    (parent ? parent.children : top).push(item);
  }
  const link = (items: Item[], parentId: number) => {
    items.forEach((item, index) => {
      const dict: PdfDict = new Map<string, PdfValue>([['Title', textString(item.entry.title)], ['Parent', new PdfRef(parentId)], ['Dest', name(item.entry.id)]]);
      if (index > 0) dict.set('Prev', new PdfRef(items[index - 1]!.id));
      if (index < items.length - 1) dict.set('Next', new PdfRef(items[index + 1]!.id));
      if (item.children.length) {
        dict.set('First', new PdfRef(item.children[0]!.id));
        dict.set('Last', new PdfRef(item.children[item.children.length - 1]!.id));
        // Negative: closed, so that a long guide opens as its list of chapters.
        dict.set('Count', -item.children.length);
        link(item.children, item.id);
      }
      set(item.id, dict);
    });
  };
  link(top, rootId);
  set(rootId, new Map<string, PdfValue>([['Type', name('Outlines')], ['First', new PdfRef(top[0]!.id)], ['Last', new PdfRef(top[top.length - 1]!.id)], ['Count', top.length]]));
  return rootId;
}

interface Writer {
  reserve(): number;
  add(value: PdfValue, stream?: Buffer): number;
  set(id: number, value: PdfValue, stream?: Buffer): void;
  copyObjects(file: PdfFile, dropped: Set<number>, replaced: Map<number, number>, parse: Set<number>): { ids: Map<number, number>; rewrite: (value: PdfValue) => PdfValue };
  out: Array<OutObject | undefined>;
}

/**
 * Draws each overlay page on its page as a form XObject made from the overlay page's own content
 * stream (still compressed), inside an `/Artifact` marked-content sequence.
 */
function drawOverlay(overlay: PdfFile, pages: PdfDict[], writer: Writer): void {
  const tree = pageTree(overlay);
  const catalogRef = refId(overlay.trailer.get('Root'));
  const dropped = new Set<number>([...tree.nodes, ...tree.leaves]);
  if (catalogRef !== undefined) dropped.add(catalogRef);
  const info = refId(overlay.trailer.get('Info'));
  if (info !== undefined) dropped.add(info);
  const sheetStreams = new Set(tree.leaves.map((leaf) => refId(dictOf(overlay.objects.get(leaf)?.value)?.get('Contents'))).filter((id): id is number => id !== undefined));
  const { ids, rewrite } = writer.copyObjects(overlay, dropped, new Map(), sheetStreams);
  pages.forEach((page, index) => {
    const sheetId = tree.leaves[index];
    const sheet = sheetId === undefined ? undefined : dictOf(overlay.objects.get(sheetId)?.value);
    const streamId = refId(sheet?.get('Contents'));
    const formId = streamId === undefined ? undefined : ids.get(streamId);
    const form = formId === undefined ? undefined : writer.out[formId - 1];
    const formDict = formId === undefined ? undefined : dictOf(valueOf(writer.out, formId));
    if (!sheet || formId === undefined || !form?.stream || !formDict) return;
    formDict.set('Type', name('XObject'));
    formDict.set('Subtype', name('Form'));
    formDict.set('BBox', (resolve(overlay, sheet.get('MediaBox')) as PdfValue | undefined) ?? [0, 0, 595.92, 842.88]);
    const resources = sheet.get('Resources');
    if (resources !== undefined) formDict.set('Resources', rewrite(resources));
    // Resources may be shared between pages: each page gets its own copy with its own sheet.
    const inline = (value: PdfValue | undefined) => new Map(value instanceof PdfRef ? dictOf(valueOf(writer.out, value.id)) : dictOf(value));
    const pageResources = inline(page.get('Resources'));
    page.set('Resources', pageResources);
    const xobjects = inline(pageResources.get('XObject'));
    pageResources.set('XObject', xobjects);
    xobjects.set('WcRunningHead', new PdfRef(formId));
    const draw = writer.add(new Map(), Buffer.from('/Artifact BMC\nq\n/WcRunningHead Do\nQ\nEMC\n', 'latin1'));
    const contents = page.get('Contents');
    page.set('Contents', [...(Array.isArray(contents) ? contents : []), new PdfRef(draw)]);
  });
}
