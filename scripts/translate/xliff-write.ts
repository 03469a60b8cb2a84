/**
 * XLIFF 2.0 (OASIS, core module) for translators: one `<file>` per module (or for `content/`),
 * one `<unit>` per segment with its context notes, the Markdown of its inline codes in
 * `<originalData>`, and `<ph>` / `<pc>` codes in the text that CAT tools keep intact.
 */
import type { Unit } from './extract.ts';
import type { InlineCode, Piece } from './inline.ts';
import type { StoredUnit } from './store.ts';

export const XLIFF_NS = 'urn:oasis:names:tc:xliff:document:2.0';
/** Namespace of the toolkit's own attributes (export time, variant). */
export const WECARE_NS = 'urn:wecare-toolkit:xliff:1';

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) => escapeText(text).replace(/"/g, '&quot;').replace(/\n/g, '&#10;').replace(/\t/g, '&#9;').replace(/\r/g, '&#13;');
/** Characters XML 1.0 cannot carry at all. */
const xmlSafe = (text: string) => text.replace(/[\0-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]/g, '');

function attributes(values: Record<string, string | undefined>): string {
  return Object.entries(values)
    .filter(([, value]) => value !== undefined && value !== '')
    .map(([name, value]) => ` ${name}="${escapeAttribute(xmlSafe(value!))}"`)
    .join('');
}

/** Inline content: text and codes; `dataRef` ids are `d<code id>` and `d<code id>e` for a pair's end. */
function inline(pieces: readonly Piece[], codes: ReadonlyMap<string, InlineCode>): string {
  let out = '';
  for (const piece of pieces) {
    if (typeof piece === 'string') {
      out += escapeText(xmlSafe(piece));
      continue;
    }
    if ('ph' in piece) {
      const code = codes.get(piece.ph)!;
      out += `<ph${attributes({ id: code.id, dataRef: `d${code.id}`, type: code.type, subType: code.subType, disp: code.disp, equiv: code.equiv })}/>`;
    } else if ('open' in piece) {
      const code = codes.get(piece.open)!;
      out += `<pc${attributes({ id: code.id, dataRefStart: `d${code.id}`, dataRefEnd: `d${code.id}e`, type: code.type, subType: code.subType, dispStart: code.disp ?? code.data, dispEnd: code.dataEnd })}>`;
    } else {
      out += '</pc>';
    }
  }
  return out;
}

function originalData(codes: ReadonlyMap<string, InlineCode>): string {
  if (!codes.size) return '';
  const entries: string[] = [];
  for (const code of codes.values()) {
    entries.push(`<data id="d${code.id}">${escapeText(xmlSafe(code.data))}</data>`);
    if (code.kind === 'pc') entries.push(`<data id="d${code.id}e">${escapeText(xmlSafe(code.dataEnd ?? ''))}</data>`);
  }
  return `      <originalData>\n${entries.map((entry) => `        ${entry}\n`).join('')}      </originalData>\n`;
}

export interface XliffFileInput {
  /** Module id or `content`. */
  id: string;
  /** The module folder or `content`, for the translator. */
  original: string;
  title: string;
  units: Unit[];
  /** Stored translations, to send back for revision. */
  stored: ReadonlyMap<string, StoredUnit>;
  /** Turns a stored translation back into pieces, or undefined when it cannot (then no target). */
  targetPieces: (unit: Unit, stored: StoredUnit) => Piece[] | undefined;
}

export interface XliffDocumentInput {
  srcLang: string;
  trgLang: string;
  variant: string;
  /** ISO date-time: translations imported from this file count as made then. */
  exported: string;
  files: XliffFileInput[];
}

export function writeXliff(input: XliffDocumentInput): string {
  const lines: string[] = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<xliff xmlns="${XLIFF_NS}" xmlns:wecare="${WECARE_NS}" version="2.0"${attributes({ srcLang: input.srcLang, trgLang: input.trgLang })}>`,
  ];
  for (const file of input.files) {
    lines.push(`  <file${attributes({ id: file.id, original: file.original, 'wecare:variant': input.variant, 'wecare:exported': input.exported })}>`);
    lines.push(`    <notes><note category="title">${escapeText(xmlSafe(file.title))}</note></notes>`);
    for (const unit of file.units) {
      const stored = file.stored.get(unit.id);
      const target = stored ? file.targetPieces(unit, stored) : undefined;
      const stale = stored && stored.source !== unit.digest;
      let body = `    <unit${attributes({ id: unit.id })}>\n      <notes>\n`;
      for (const note of unit.notes) body += `        <note category="context">${escapeText(xmlSafe(note))}</note>\n`;
      if (stale) body += '        <note category="status">the source changed since this was translated: revise the target</note>\n';
      body += '      </notes>\n';
      body += originalData(unit.codes);
      const state = target ? (stale ? 'initial' : stored!.reviewed ? 'reviewed' : 'translated') : 'initial';
      body += `      <segment state="${state}">\n        <source xml:space="preserve">${inline(unit.pieces, unit.codes)}</source>\n`;
      if (target) body += `        <target xml:space="preserve">${inline(target, unit.codes)}</target>\n`;
      body += '      </segment>\n    </unit>';
      lines.push(body);
    }
    lines.push('  </file>');
  }
  lines.push('</xliff>', '');
  return lines.join('\n');
}
