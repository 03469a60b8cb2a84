/**
 * The objects of a PDF written by Chromium (Skia): a classic cross-reference table and plain
 * object dictionaries, stream data compressed. Reads every object through the table, parses the
 * dictionaries and arrays (strings are kept as their source text, never decoded), and writes
 * objects back. Enough to join Chromium's PDFs, nothing more: a file in another shape (object
 * streams, cross-reference streams, encryption) is refused with `PdfShapeError`.
 *
 * Hand-written rather than a PDF library because joining the guide's pieces with one (pdf-lib)
 * took most of a rebuild after a one-lesson edit: see the guide section of docs/benchmarks.md.
 */

export type PdfValue = number | boolean | null | PdfName | PdfRef | PdfString | PdfValue[] | PdfDict;
export class PdfName {
  constructor(readonly name: string) {}
}
export class PdfRef {
  constructor(readonly id: number) {}
}
/** A literal `( … )` or hex `< … >` string, as written. */
export class PdfString {
  constructor(readonly source: string) {}
}
export type PdfDict = Map<string, PdfValue>;

export interface PdfObject {
  id: number;
  value: PdfValue;
  /** The value as written in the file (dictionary of a stream included), for copying it unparsed. */
  raw: string;
  /** Stream data as stored (still compressed), when the object is a stream. */
  stream?: Buffer;
}

export interface PdfFile {
  objects: Map<number, PdfObject>;
  trailer: PdfDict;
}

export class PdfShapeError extends Error {}

/** Character classes of the first 256 codes: 1 whitespace, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const code of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[code] = 1;
for (const code of [0x28, 0x29, 0x3c, 0x3e, 0x5b, 0x5d, 0x7b, 0x7d, 0x2f, 0x25]) CLASS[code] = 2;
const WHITESPACE = { has: (code: number) => CLASS[code & 0xff] === 1 && code < 256 };
const DELIMITERS = { has: (code: number) => CLASS[code & 0xff] === 2 && code < 256 };
const isDigit = (code: number) => code >= 0x30 && code <= 0x39;

class Parser {
  position = 0;
  constructor(private readonly text: string) {}

  private skipSpace(): void {
    const text = this.text;
    for (;;) {
      const code = text.charCodeAt(this.position);
      if (WHITESPACE.has(code)) this.position += 1;
      else if (code === 0x25) {
        // comment up to the end of the line
        while (this.position < text.length && text.charCodeAt(this.position) !== 0x0a && text.charCodeAt(this.position) !== 0x0d) this.position += 1;
      } else return;
    }
  }

  private regular(): string {
    const start = this.position;
    const text = this.text;
    while (this.position < text.length) {
      const code = text.charCodeAt(this.position);
      if (WHITESPACE.has(code) || DELIMITERS.has(code)) break;
      this.position += 1;
    }
    return text.slice(start, this.position);
  }

  value(): PdfValue {
    this.skipSpace();
    const text = this.text;
    const char = text[this.position];
    if (char === '/') {
      this.position += 1;
      return new PdfName(this.regular().replace(/#([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))));
    }
    if (char === '<' && text[this.position + 1] === '<') {
      this.position += 2;
      const dict: PdfDict = new Map();
      for (;;) {
        this.skipSpace();
        if (text[this.position] === '>' && text[this.position + 1] === '>') {
          this.position += 2;
          return dict;
        }
        const key = this.value();
        if (!(key instanceof PdfName)) throw new PdfShapeError(`dictionary key expected at ${this.position}`);
        dict.set(key.name, this.value());
      }
    }
    if (char === '<') {
      const end = text.indexOf('>', this.position);
      if (end < 0) throw new PdfShapeError('unterminated hex string');
      const source = text.slice(this.position, end + 1);
      this.position = end + 1;
      return new PdfString(source);
    }
    if (char === '(') return new PdfString(this.literalString());
    if (char === '[') {
      this.position += 1;
      const array: PdfValue[] = [];
      for (;;) {
        this.skipSpace();
        if (text[this.position] === ']') {
          this.position += 1;
          return array;
        }
        array.push(this.value());
      }
    }
    const word = this.regular();
    if (word === 'true') return true;
    if (word === 'false') return false;
    if (word === 'null') return null;
    const number = Number(word);
    if (word !== '' && Number.isFinite(number)) {
      // `12 0 R` is a reference: look ahead for the generation and the R.
      if (isDigit(word.charCodeAt(0)) && Number.isInteger(number) && !word.includes('.')) {
        const save = this.position;
        this.skipSpace();
        const start = this.position;
        while (isDigit(text.charCodeAt(this.position))) this.position += 1;
        const isGeneration = this.position > start;
        this.skipSpace();
        if (isGeneration && text[this.position] === 'R' && (this.position + 1 >= text.length || WHITESPACE.has(text.charCodeAt(this.position + 1)) || DELIMITERS.has(text.charCodeAt(this.position + 1)))) {
          this.position += 1;
          return new PdfRef(number);
        }
        this.position = save;
      }
      return number;
    }
    throw new PdfShapeError(`unexpected "${word || char}" at ${this.position}`);
  }

  private literalString(): string {
    const text = this.text;
    const start = this.position;
    let depth = 0;
    while (this.position < text.length) {
      const char = text[this.position]!;
      if (char === '\\') this.position += 2;
      else {
        if (char === '(') depth += 1;
        else if (char === ')') {
          depth -= 1;
          if (depth === 0) {
            this.position += 1;
            return text.slice(start, this.position);
          }
        }
        this.position += 1;
      }
    }
    throw new PdfShapeError('unterminated string');
  }
}

/** Reads every object listed in the file's (classic) cross-reference table. */
export function readPdf(bytes: Buffer): PdfFile {
  const text = bytes.toString('latin1');
  const startxref = /startxref\s+(\d+)\s+%%EOF\s*$/.exec(text.slice(-64));
  if (!startxref) throw new PdfShapeError('no startxref');
  let at = Number(startxref[1]);
  if (!text.startsWith('xref', at)) throw new PdfShapeError('not a classic cross-reference table');
  const offsets = new Map<number, number>();
  const rows = /(\d+) (\d+)\s*\r?\n|(\d{10}) (\d{5}) ([nf])\s*\r?\n?/y;
  rows.lastIndex = at + 'xref'.length + 1;
  let next = 0;
  for (;;) {
    const row = rows.exec(text);
    if (!row) break;
    if (row[1] !== undefined) next = Number(row[1]);
    else {
      if (row[5] === 'n') offsets.set(next, Number(row[3]));
      next += 1;
    }
  }
  at = rows.lastIndex;
  const trailerAt = text.indexOf('trailer', at);
  if (trailerAt < 0) throw new PdfShapeError('no trailer');
  const trailerParser = new Parser(text);
  trailerParser.position = trailerAt + 'trailer'.length;
  const trailer = trailerParser.value();
  if (!(trailer instanceof Map) || trailer.has('Encrypt')) throw new PdfShapeError('unexpected trailer');

  const objects = new Map<number, PdfObject>();
  for (const [id, offset] of offsets) {
    const header = /(\d+)\s+(\d+)\s+obj\b/y;
    header.lastIndex = offset;
    if (!header.exec(text) || Number(/(\d+)/.exec(text.slice(offset, offset + 12))![1]) !== id) throw new PdfShapeError(`object ${id} not at its offset`);
    const parser = new Parser(text);
    parser.position = header.lastIndex;
    const value = parser.value();
    const after = /\s*stream\r?\n/y;
    after.lastIndex = parser.position;
    if (after.exec(text)) {
      if (!(value instanceof Map)) throw new PdfShapeError(`stream ${id} without a dictionary`);
      let length = value.get('Length');
      if (length instanceof PdfRef) {
        const lengthAt = offsets.get(length.id);
        const found = lengthAt === undefined ? undefined : /\d+\s+\d+\s+obj\s+(\d+)/y;
        if (found) found.lastIndex = lengthAt!;
        length = found ? Number(found.exec(text)?.[1]) : undefined;
      }
      if (typeof length !== 'number' || !Number.isFinite(length)) throw new PdfShapeError(`stream ${id} has no length`);
      objects.set(id, { id, value, raw: text.slice(header.lastIndex, parser.position).trim(), stream: bytes.subarray(after.lastIndex, after.lastIndex + length) });
    } else {
      objects.set(id, { id, value, raw: text.slice(header.lastIndex, parser.position).trim() });
    }
  }
  return { objects, trailer };
}

/** Parses one value from its text. */
export function readValue(text: string): PdfValue {
  return new Parser(text).value();
}

export function dictOf(value: PdfValue | undefined): PdfDict | undefined {
  return value instanceof Map ? value : undefined;
}

/** Object ids of the page tree's leaves in order, and of its inner nodes. */
export function pageTree(file: PdfFile): { leaves: number[]; nodes: number[] } {
  const leaves: number[] = [];
  const nodes: number[] = [];
  const catalog = dictOf(resolve(file, file.trailer.get('Root')));
  const walk = (ref: PdfValue | undefined, seen: Set<number>) => {
    if (!(ref instanceof PdfRef) || seen.has(ref.id)) return;
    seen.add(ref.id);
    const node = dictOf(file.objects.get(ref.id)?.value);
    if (!node) return;
    const kids = node.get('Kids');
    if (Array.isArray(kids)) {
      nodes.push(ref.id);
      for (const kid of kids) walk(kid, seen);
    } else leaves.push(ref.id);
  };
  walk(catalog?.get('Pages'), new Set());
  return { leaves, nodes };
}

/** Follows a reference (once) within a file. */
export function resolve(file: PdfFile, value: PdfValue | undefined): PdfValue | undefined {
  return value instanceof PdfRef ? file.objects.get(value.id)?.value : value;
}

const NAME_ESCAPE = /[^!-~]|[#()<>[\]{}/%]/g;
const writtenNames = new Map<string, string>();

function writeName(name: string): string {
  let written = writtenNames.get(name);
  if (written === undefined) {
    written = `/${name.replace(NAME_ESCAPE, (char) => `#${char.charCodeAt(0).toString(16).padStart(2, '0')}`)}`;
    if (writtenNames.size < 10_000) writtenNames.set(name, written);
  }
  return written;
}

/** Writes a value; references go through `renumber`. */
export function writeValue(value: PdfValue, renumber: (id: number) => number = (id) => id): string {
  if (value === null) return 'null';
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Math.round(value * 1e5) / 1e5);
  if (typeof value === 'boolean') return String(value);
  if (value instanceof PdfName) return writeName(value.name);
  if (value instanceof PdfRef) return `${renumber(value.id)} 0 R`;
  if (value instanceof PdfString) return value.source;
  if (Array.isArray(value)) {
    let text = '[';
    for (const item of value) text += `${writeValue(item, renumber)} `;
    return `${text}]`;
  }
  let text = '<<';
  for (const [key, item] of value) text += `${writeName(key)} ${writeValue(item, renumber)}\n`;
  return `${text}>>`;
}

/** A PDF text string (UTF-16BE with BOM, hex), for titles in any language. */
export function textString(text: string): PdfString {
  let hex = 'FEFF';
  for (let index = 0; index < text.length; index++) hex += text.charCodeAt(index).toString(16).padStart(4, '0').toUpperCase();
  return new PdfString(`<${hex}>`);
}

/** An object to write: a value, or (copied unparsed) its text as read with references renumbered. */
export type WritableObject = { value: PdfValue; stream?: Buffer } | { raw: string; stream?: Buffer };

/** After whitespace or a delimiter other than `/` (a name's own digits are not a number). */
const startsToken = (previous: number) => CLASS[previous & 0xff] === 1 || (CLASS[previous & 0xff] === 2 && previous !== 0x2f);

const REFERENCE = /(\d+)[\0\t\n\f\r ]+(\d+)[\0\t\n\f\r ]+R(?![^\0\t\n\f\r ()<>[\]{}/%])/y;

/**
 * The text of a value with every reference renumbered (to `null` when `renumber` has no number
 * for it), strings and comments left exactly as they are.
 */
export function renumberRaw(raw: string, renumber: (id: number) => number | undefined): string {
  let out = '';
  let copied = 0;
  let index = 0;
  while (index < raw.length) {
    const code = raw.charCodeAt(index);
    if (code === 0x28) {
      // a literal string: balanced parentheses, backslash escapes
      let depth = 0;
      for (; index < raw.length; index++) {
        const char = raw.charCodeAt(index);
        if (char === 0x5c) index += 1;
        else if (char === 0x28) depth += 1;
        else if (char === 0x29 && --depth === 0) break;
      }
      index += 1;
    } else if (code === 0x3c) {
      if (raw.charCodeAt(index + 1) === 0x3c) index += 2;
      else {
        // a hex string
        const end = raw.indexOf('>', index);
        index = end < 0 ? raw.length : end + 1;
      }
    } else if (code === 0x25) {
      while (index < raw.length && raw.charCodeAt(index) !== 0x0a && raw.charCodeAt(index) !== 0x0d) index += 1;
    } else if (isDigit(code) && (index === 0 || startsToken(raw.charCodeAt(index - 1)))) {
      REFERENCE.lastIndex = index;
      const reference = REFERENCE.exec(raw);
      if (reference) {
        const target = renumber(Number(reference[1]));
        out += `${raw.slice(copied, index)}${target === undefined ? 'null' : `${target} 0 R`}`;
        index = REFERENCE.lastIndex;
        copied = index;
      } else {
        while (index < raw.length && CLASS[raw.charCodeAt(index) & 0xff] === 0) index += 1;
      }
    } else index += 1;
  }
  return copied ? out + raw.slice(copied) : raw;
}

/** Writes a file from objects numbered 1…n (`objects[i]` is object i + 1; a hole is written as null). */
export function writePdf(objects: Array<WritableObject | undefined>, trailer: PdfDict): Buffer {
  const chunks: Buffer[] = [Buffer.from('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n', 'latin1')];
  let length = chunks[0]!.length;
  const offsets: number[] = [];
  const identity = (id: number) => id;
  Array.from(objects).forEach((entry, index) => {
    offsets.push(length);
    const object: WritableObject = entry ?? { value: null };
    let text: string;
    if ('raw' in object) text = object.raw;
    else {
      let value = object.value;
      if (object.stream) {
        value = new Map(dictOf(value));
        value.set('Length', object.stream.length);
      }
      text = writeValue(value, identity);
    }
    const head = Buffer.from(`${index + 1} 0 obj\n${text}\n${object.stream ? 'stream\n' : ''}`, 'latin1');
    chunks.push(head);
    length += head.length;
    if (object.stream) {
      chunks.push(object.stream);
      length += object.stream.length;
    }
    const tail = Buffer.from(`${object.stream ? '\nendstream' : ''}\nendobj\n`, 'latin1');
    chunks.push(tail);
    length += tail.length;
  });
  const xref = [`xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`, ...offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`)].join('');
  const end = new Map(trailer);
  end.set('Size', objects.length + 1);
  chunks.push(Buffer.from(`${xref}trailer\n${writeValue(end, identity)}\nstartxref\n${length}\n%%EOF\n`, 'latin1'));
  return Buffer.concat(chunks);
}
