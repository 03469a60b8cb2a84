/**
 * Reads an XLIFF 2.0 file back (saxes, a streaming XML parser that knows each element's line)
 * into units of pieces and codes, with the line each unit starts on, for messages that send the
 * translator to it.
 */
import { SaxesParser } from 'saxes';
import type { InlineCode, Piece } from './inline.ts';

export interface ReadUnit {
  id: string;
  line: number;
  source: Piece[];
  /** Undefined when the unit has no target (not translated). */
  target?: Piece[];
  state?: string;
  /** Codes as the file's `<source>` and `<originalData>` describe them. */
  codes: Map<string, InlineCode>;
  /** Problems reading the unit's codes (a `<pc>` in the target without `id`, a data reference that is not there). */
  problems: string[];
}

export interface ReadFile {
  id: string;
  original?: string;
  /** `wecare:exported`: when the file was exported. */
  exported?: string;
  line: number;
  units: ReadUnit[];
}

export interface ReadXliff {
  srcLang?: string;
  trgLang?: string;
  version?: string;
  files: ReadFile[];
}

export class XliffError extends Error {
  constructor(
    message: string,
    readonly line: number,
  ) {
    super(message);
  }
}

interface XmlNode {
  '#name': string;
  _?: string;
  $?: Record<string, string>;
  $$?: XmlNode[];
  line?: number;
}

/** The document as a tree of elements and text runs, each element with the line it starts on. */
function parseXml(text: string): XmlNode {
  const parser = new SaxesParser({ position: true });
  const root: XmlNode = { '#name': '#document', $$: [] };
  const stack: XmlNode[] = [root];
  let failure: XliffError | undefined;
  parser.on('error', (error) => {
    failure ??= new XliffError(`not well-formed XML: ${error.message.replace(/^[^:]*:\d+:\d+: /, '')}`, parser.line);
  });
  parser.on('opentag', (tag) => {
    const node: XmlNode = { '#name': tag.name, $: tag.attributes as Record<string, string>, $$: [], line: parser.line };
    stack[stack.length - 1]!.$$!.push(node);
    stack.push(node);
  });
  parser.on('closetag', () => {
    stack.pop();
  });
  const addText = (value: string) => stack[stack.length - 1]!.$$!.push({ '#name': '__text__', _: value });
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text).close();
  if (failure) throw failure;
  return root;
}

const childrenNamed = (node: XmlNode | undefined, name: string) => (node?.$$ ?? []).filter((child) => child['#name'] === name);
const firstNamed = (node: XmlNode | undefined, name: string) => childrenNamed(node, name)[0];

function readInline(node: XmlNode | undefined, problems: string[], defs?: Map<string, { kind: 'ph' | 'pc'; attributes: Record<string, string> }>): Piece[] {
  const pieces: Piece[] = [];
  const visit = (parent: XmlNode) => {
    for (const child of parent.$$ ?? []) {
      const name = child['#name'];
      if (name === '__text__') {
        pieces.push((child._ ?? '').replace(/\s+/g, ' '));
      } else if (name === 'ph') {
        const id = child.$?.id;
        if (!id) problems.push('a <ph> code has no id');
        else {
          pieces.push({ ph: id });
          defs?.set(id, { kind: 'ph', attributes: child.$ ?? {} });
        }
      } else if (name === 'pc') {
        const id = child.$?.id;
        if (!id) problems.push('a <pc> code has no id');
        else {
          pieces.push({ open: id });
          defs?.set(id, { kind: 'pc', attributes: child.$ ?? {} });
        }
        visit(child);
        if (id) pieces.push({ close: id });
      } else if (name === 'sc' || name === 'ec') {
        problems.push(`<${name}> codes are not used by wecare: keep the <pc> codes of the source`);
      } else if (name === 'mrk') {
        visit(child); // annotations (comments, terms) carry no text of their own
      } else if (name === 'cp') {
        const hex = child.$?.hex;
        if (hex) pieces.push(String.fromCodePoint(Number.parseInt(hex, 16)));
      } else {
        problems.push(`unexpected <${name}> in the text`);
      }
    }
  };
  if (node) visit(node);
  // Merge neighbouring text runs.
  const merged: Piece[] = [];
  for (const piece of pieces) {
    const last = merged[merged.length - 1];
    if (typeof piece === 'string' && typeof last === 'string') merged[merged.length - 1] = last + piece;
    else merged.push(piece);
  }
  if (typeof merged[0] === 'string') merged[0] = merged[0].replace(/^\s+/, '');
  const end = merged.length - 1;
  if (typeof merged[end] === 'string') merged[end] = (merged[end] as string).replace(/\s+$/, '');
  return merged.filter((piece) => piece !== '');
}

export async function readXliff(text: string): Promise<ReadXliff> {
  const root = firstNamed(parseXml(text), 'xliff');
  if (!root) throw new XliffError('not an XLIFF file (no <xliff> root element)', 1);
  const result: ReadXliff = { files: [] };
  if (root.$?.version) result.version = root.$.version;
  if (root.$?.srcLang) result.srcLang = root.$.srcLang;
  if (root.$?.trgLang) result.trgLang = root.$.trgLang;
  for (const fileNode of childrenNamed(root, 'file')) {
    const id = fileNode.$?.id ?? '';
    const file: ReadFile = { id, line: fileNode.line ?? 1, units: [] };
    if (fileNode.$?.original) file.original = fileNode.$.original;
    if (fileNode.$?.['wecare:exported']) file.exported = fileNode.$['wecare:exported'];
    const units: XmlNode[] = [];
    const collect = (parent: XmlNode) => {
      for (const child of parent.$$ ?? []) {
        if (child['#name'] === 'unit') units.push(child);
        else if (child['#name'] === 'group') collect(child);
      }
    };
    collect(fileNode);
    for (const unitNode of units) {
      const unitId = unitNode.$?.id ?? '';
      const problems: string[] = [];
      const data = new Map<string, string>();
      for (const entry of childrenNamed(firstNamed(unitNode, 'originalData'), 'data')) {
        if (entry.$?.id) data.set(entry.$.id, (entry.$$ ?? []).map((c) => c._ ?? '').join(''));
      }
      const segments = childrenNamed(unitNode, 'segment');
      const segment = segments[0];
      if (segments.length > 1) problems.push(`${segments.length} segments: wecare writes one per unit; join them again`);
      const defs = new Map<string, { kind: 'ph' | 'pc'; attributes: Record<string, string> }>();
      const source = readInline(firstNamed(segment, 'source'), problems, defs);
      const codes = new Map<string, InlineCode>();
      for (const [codeId, def] of defs) {
        const ref = def.kind === 'ph' ? def.attributes.dataRef : def.attributes.dataRefStart;
        const code: InlineCode = { id: codeId, kind: def.kind, data: ref ? (data.get(ref) ?? '') : '', type: (def.attributes.type as InlineCode['type']) ?? 'other' };
        if (ref && !data.has(ref)) problems.push(`code ${codeId} refers to data "${ref}", which <originalData> lacks`);
        if (def.kind === 'pc') code.dataEnd = def.attributes.dataRefEnd ? (data.get(def.attributes.dataRefEnd) ?? '') : '';
        if (def.attributes.subType) code.subType = def.attributes.subType;
        const disp = def.attributes.disp ?? def.attributes.dispStart;
        if (disp) code.disp = disp;
        codes.set(codeId, code);
      }
      const unit: ReadUnit = { id: unitId, line: unitNode.line ?? file.line, source, codes, problems };
      const targetNode = firstNamed(segment, 'target');
      if (targetNode) {
        const target = readInline(targetNode, problems);
        if (target.length) unit.target = target;
      }
      if (segment?.$?.state) unit.state = segment.$.state;
      file.units.push(unit);
    }
    result.files.push(file);
  }
  return result;
}
