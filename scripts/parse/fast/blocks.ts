/**
 * Flow content: paragraphs, ATX headings, lists (with GFM task items), block quotes, GFM tables,
 * and leaf and container directives. Each container hands the lines it owns, with its prefix
 * removed, to a nested `parseFlow`. Anything whose CommonMark meaning depends on lazy continuation,
 * setext underlines, indented code or the like is left to micromark (`bail`).
 */
import type { AlignType, BlockContent, Blockquote, Heading, List, ListItem, Paragraph, PhrasingContent, RootContent, Table, TableCell, TableRow } from 'mdast';
import { scanAttributes, scanLabel, scanName } from './directive-syntax.ts';
import { parsePhrasing, type InlineLine } from './inline.ts';
import { bail, type Source } from './source.ts';

/** A line as a container sees it: `start` is where the container's content begins. */
interface Line {
  index: number;
  start: number;
}

type Context = 'root' | 'directive' | 'list' | 'quote';

const thematicBreak = /^(?:([-*_]) *)(?:\1 *){2,}$/;
const setextUnderline = /^(?:=+|-+) *$/;
const listMarker = /^(?:([-*+])|(\d{1,9})([.)]))( +|$)/;
/** A line that could be a GFM table's delimiter row (it needs no `|` when it has a `:`). */
const delimiterRow = /^[|: -]*-[|: -]*$/;
const delimiterCell = /^ *(:?)-+(:?) *$/;

export class BlockParser {
  constructor(private readonly source: Source) {}

  parseFlow(lines: Line[], context: Context): RootContent[] {
    const out: RootContent[] = [];
    let index = 0;
    while (index < lines.length) {
      const line = lines[index]!;
      const { indent, at, end } = this.measure(line);
      if (at === end) {
        index += 1;
        continue;
      }
      if (indent >= 4) bail();
      const text = this.source.text;
      this.refuseAmbiguousLine(at, end);
      const char = text[at];
      if (char === '|' && index + 1 < lines.length && this.isDelimiterRow(lines[index + 1]!)) {
        if (indent > 0) bail();
        index = this.table(lines, index, out);
      } else if (this.delimiterRowAt(at, end)) {
        bail();
      } else if (char === '#' && this.headingDepth(at, end) > 0) {
        out.push(this.heading(at, end));
        index += 1;
      } else if (char === '>') {
        index = this.blockquote(lines, index, out);
      } else if (this.listMarkerAt(at, end)) {
        index = this.list(lines, index, out, context);
      } else if (char === ':' && text[at + 1] === ':') {
        if (indent > 0 || context === 'list' || context === 'quote') bail();
        index = text[at + 2] === ':' ? this.containerDirective(lines, index, out) : this.leafDirective(lines, index, out);
      } else {
        index = this.paragraph(lines, index, out);
      }
    }
    return out;
  }

  private measure(line: Line): { indent: number; at: number; end: number } {
    const text = this.source.text;
    const end = this.source.lineEnds[line.index]!;
    let at = line.start;
    while (at < end && text[at] === ' ') at += 1;
    return { indent: at - line.start, at, end };
  }

  /** The list item marker (bullet, or number and `.`/`)`) at `at`, if the line starts one. */
  private listMarkerAt(at: number, end: number): RegExpExecArray | null {
    // The first character decides most lines without cutting out their text.
    const code = this.source.text.charCodeAt(at);
    if (at >= end || !(code === 45 || code === 42 || code === 43 || (code >= 48 && code <= 57))) return null;
    return listMarker.exec(this.source.text.slice(at, Math.min(end, at + 12)));
  }

  /** Could `[at, end)` be a table's delimiter row? */
  private delimiterRowAt(at: number, end: number): boolean {
    const code = this.source.text.charCodeAt(at);
    return at < end && (code === 124 || code === 58 || code === 32 || code === 45) && delimiterRow.test(this.source.text.slice(at, end));
  }

  private refuseAmbiguousLine(at: number, end: number): void {
    // Thematic breaks, setext underlines and fences start with one of - * _ = and the backtick.
    const code = this.source.text.charCodeAt(at);
    if (!(code === 45 || code === 42 || code === 95 || code === 61 || code === 96)) return;
    const content = this.source.text.slice(at, end);
    if (thematicBreak.test(content) || setextUnderline.test(content) || content.startsWith('```')) bail();
  }

  private headingDepth(at: number, end: number): number {
    const text = this.source.text;
    let depth = 0;
    while (at + depth < end && text[at + depth] === '#') depth += 1;
    if (depth > 6) return 0;
    return at + depth === end || text[at + depth] === ' ' ? depth : 0;
  }

  private heading(at: number, end: number): Heading {
    const text = this.source.text;
    const depth = this.headingDepth(at, end);
    let contentStart = at + depth;
    while (contentStart < end && text[contentStart] === ' ') contentStart += 1;
    let contentEnd = end;
    while (contentEnd > contentStart && text[contentEnd - 1] === ' ') contentEnd -= 1;
    if (contentStart === contentEnd || text[contentEnd - 1] === '#') bail();
    const children = this.phrasing([[contentStart, contentEnd]]);
    return { type: 'heading', depth: depth as Heading['depth'], children, position: this.source.position(at, end) };
  }

  /** Does this line end an open paragraph (rather than continue it)? */
  private interruptsParagraph(at: number, end: number): boolean {
    const text = this.source.text;
    const char = text[at];
    if (char === '#') return this.headingDepth(at, end) > 0;
    // A quote or list item interrupting a paragraph has its first line read in micromark's interrupt
    // mode, where a nested list or quote follows paragraph rules: leave those to micromark.
    if (char === '>') {
      if (this.opensNestedContainer(text.slice(at + 1, end))) bail();
      return true;
    }
    if (char === ':' && text[at + 1] === ':') {
      let colons = 2;
      while (text[at + colons] === ':') colons += 1;
      this.directiveHead(at, end, colons);
      return true;
    }
    const marker = this.listMarkerAt(at, end);
    if (!marker) return false;
    if (marker[4] === '' || (marker[2] !== undefined && marker[2] !== '1')) bail();
    if (this.opensNestedContainer(text.slice(at + marker[0].length, end))) bail();
    return true;
  }

  private opensNestedContainer(rest: string): boolean {
    const content = rest.trimStart();
    return content.startsWith('>') || listMarker.test(content);
  }

  private paragraph(lines: Line[], first: number, out: RootContent[]): number {
    const text = this.source.text;
    const segments: [number, number][] = [];
    let index = first;
    for (; index < lines.length; index += 1) {
      const { indent, at, end } = this.measure(lines[index]!);
      if (at === end) break;
      if (index > first && this.delimiterRowAt(at, end)) bail();
      if (index > first && indent < 4) {
        this.refuseAmbiguousLine(at, end);
        if (this.interruptsParagraph(at, end)) break;
      }
      segments.push([at, end]);
    }
    if (text[segments[0]![0]] === '[') bail();
    out.push(this.paragraphNode(segments));
    return index;
  }

  private paragraphNode(segments: [number, number][]): Paragraph {
    const end = segments[segments.length - 1]![1];
    return { type: 'paragraph', children: this.phrasing(segments), position: this.source.position(segments[0]![0], end) };
  }

  /** Joins the lines of a paragraph (each `[start, end)` after its leading spaces) into inline text. */
  private phrasing(segments: [number, number][], keepTrailingSpaces = false): PhrasingContent[] {
    const text = this.source.text;
    let joined = '';
    const lines: InlineLine[] = [];
    for (let position = 0; position < segments.length; position += 1) {
      const [start, end] = segments[position]!;
      let contentEnd = end;
      while (!keepTrailingSpaces && contentEnd > start && text[contentEnd - 1] === ' ') contentEnd -= 1;
      const at = joined.length;
      joined += text.slice(start, contentEnd);
      if (position < segments.length - 1) {
        const hard = end - contentEnd >= 2;
        const line = this.source.point(end).line;
        lines.push({ at, source: start, end: joined.length, endSource: hard ? contentEnd : this.source.lineEnds[line - 1]!, hardBreak: hard, next: this.source.lineStarts[line]! });
        joined += '\n';
      } else {
        lines.push({ at, source: start, end: joined.length, endSource: contentEnd, hardBreak: false, next: contentEnd });
      }
    }
    return parsePhrasing(this.source, { text: joined, lines });
  }

  private blockquote(lines: Line[], first: number, out: RootContent[]): number {
    const text = this.source.text;
    const inner: Line[] = [];
    let index = first;
    for (; index < lines.length; index += 1) {
      const { indent, at, end } = this.measure(lines[index]!);
      if (at === end) break;
      if (indent >= 4 || text[at] !== '>') bail();
      const start = text[at + 1] === ' ' ? at + 2 : at + 1;
      // micromark stretches lists and nested quotes over quoted blank lines in its own way.
      if (text.slice(start, end).trim() === '') bail();
      inner.push({ index: lines[index]!.index, start });
    }
    const children = this.parseFlow(inner, 'quote') as BlockContent[];
    const last = children[children.length - 1];
    if (!last) bail();
    const start = this.measure(lines[first]!).at;
    const lastLine = this.source.lineEnds[lines[index - 1]!.index]!;
    const node: Blockquote = { type: 'blockquote', children, position: this.source.position(start, lastLine) };
    out.push(node);
    return index;
  }

  private list(lines: Line[], first: number, out: RootContent[], context: Context): number {
    const text = this.source.text;
    const items: ListItem[] = [];
    let ordered = false;
    let start: number | null = null;
    let kind = '';
    let spread = false;
    let index = first;
    let endOfLast = 0;
    let trailingBlank = false;
    while (index < lines.length) {
      const line = lines[index]!;
      const { indent, at, end } = this.measure(line);
      const marker = this.listMarkerAt(at, end);
      if (!marker || indent >= 4) break;
      const itemKind = marker[1] ?? marker[3]!;
      if (kind && itemKind !== kind) bail();
      if (!kind) {
        kind = itemKind;
        ordered = marker[1] === undefined;
        start = ordered ? Number(marker[2]) : null;
      }
      const markerWidth = marker[0].length - marker[4]!.length;
      const spaces = marker[4]!.length;
      if (spaces === 0 || spaces >= 5 || at + markerWidth + spaces >= end) bail();
      const width = indent + markerWidth + spaces;
      const box = this.taskBox(at + markerWidth + spaces, end);
      const { checked } = box;
      const itemLines: Line[] = [{ index: line.index, start: box.contentStart }];
      let blankRun = 0;
      let sawInnerBlank = false;
      const blankLines: number[] = [];
      index += 1;
      for (; index < lines.length; index += 1) {
        const next = this.measure(lines[index]!);
        if (next.at === next.end) {
          blankRun += 1;
          continue;
        }
        if (next.indent >= width) {
          if (blankRun > 0) {
            sawInnerBlank = true;
            for (let back = blankRun; back > 0; back -= 1) {
              const blank = lines[index - back]!;
              blankLines.push(blank.index);
              itemLines.push({ index: blank.index, start: Math.min(blank.start + width, this.source.lineEnds[blank.index]!) });
            }
          }
          blankRun = 0;
          itemLines.push({ index: lines[index]!.index, start: lines[index]!.start + width });
          continue;
        }
        if (blankRun === 0 && !this.listMarkerAt(next.at, next.end)) bail();
        break;
      }
      const children = this.parseFlow(itemLines, 'list') as ListItem['children'];
      const lastChild = children[children.length - 1];
      if (!lastChild) bail();
      // mdast-util-gfm-task-list-item moves the paragraph's start past the box only when it is followed by text.
      const firstChild = children[0]!;
      if (checked !== null && firstChild.type === 'paragraph' && firstChild.children[0]?.type !== 'text') firstChild.position!.start = this.source.point(box.boxStart);
      if (blankRun > 0 && lastChild.type === 'list') bail();
      trailingBlank = blankRun > 0;
      const itemSpread = sawInnerBlank && blankLines.some((lineIndex) => !children.some((child) => child.type === 'list' && child.position!.start.line <= lineIndex + 1 && child.position!.end.line >= lineIndex + 1));
      const lastLine = itemLines[itemLines.length - 1]!;
      endOfLast = this.source.lineEnds[lastLine.index]!;
      items.push({ type: 'listItem', spread: itemSpread, checked, children, position: this.source.position(at, endOfLast) });
      const following = index < lines.length ? this.measure(lines[index]!) : undefined;
      const continues = following !== undefined && following.indent < 4 && this.listMarkerAt(following.at, following.end);
      if (!continues) break;
      if (blankRun > 0) spread = true;
    }
    // Inside a block quote, micromark stretches a list over the quoted blank lines that follow it.
    if (context === 'quote' && trailingBlank) bail();
    const list: List = { type: 'list', ordered, start, spread, children: items, position: { start: items[0]!.position!.start, end: this.source.point(endOfLast) } };
    out.push(list);
    return index;
  }

  private isDelimiterRow(line: Line): boolean {
    const { at, end } = this.measure(line);
    return this.delimiterRowAt(at, end);
  }

  /** A GFM table written with outer pipes on every row, ended by a blank line. */
  private table(lines: Line[], first: number, out: RootContent[]): number {
    const text = this.source.text;
    const header = this.tableCells(lines[first]!);
    const delimiter = this.tableCells(lines[first + 1]!);
    if (header.cells.length !== delimiter.cells.length) bail();
    const align = delimiter.cells.map(({ contentStart, contentEnd }): AlignType => {
      const match = delimiterCell.exec(text.slice(contentStart - 1, contentEnd + 1).slice(1, -1));
      if (!match) bail();
      return match[1] ? (match[2] ? 'center' : 'left') : match[2] ? 'right' : null;
    });
    const rows: TableRow[] = [this.tableRow(header)];
    let index = first + 2;
    for (; index < lines.length; index += 1) {
      const { at, end } = this.measure(lines[index]!);
      if (at === end) break;
      const row = this.tableCells(lines[index]!);
      if (row.cells.length !== header.cells.length) bail();
      rows.push(this.tableRow(row));
    }
    const table: Table = { type: 'table', align, children: rows, position: { start: rows[0]!.position!.start, end: this.source.point(this.measure(lines[index - 1]!).end) } };
    out.push(table);
    return index;
  }

  private tableCells(line: Line): { at: number; end: number; cells: { start: number; end: number; contentStart: number; contentEnd: number }[] } {
    const text = this.source.text;
    const { indent, at, end } = this.measure(line);
    if (indent > 0 || text[at] !== '|' || text[end - 1] !== '|' || end - at < 2) bail();
    // An escaped pipe does not split cells: such rows are micromark's.
    if (text.slice(at, end).includes('\\')) bail();
    const pipes: number[] = [];
    for (let offset = at; offset < end; offset += 1) if (text[offset] === '|') pipes.push(offset);
    const cells = [];
    for (let cell = 0; cell < pipes.length - 1; cell += 1) {
      let contentStart = pipes[cell]! + 1;
      let contentEnd = pipes[cell + 1]!;
      while (contentStart < contentEnd && text[contentStart] === ' ') contentStart += 1;
      while (contentEnd > contentStart && text[contentEnd - 1] === ' ') contentEnd -= 1;
      const last = cell === pipes.length - 2;
      cells.push({ start: pipes[cell]!, end: last ? pipes[cell + 1]! + 1 : pipes[cell + 1]!, contentStart, contentEnd });
    }
    return { at, end, cells };
  }

  private tableRow(row: ReturnType<BlockParser['tableCells']>): TableRow {
    const children = row.cells.map(
      (cell): TableCell => ({ type: 'tableCell', children: cell.contentStart < cell.contentEnd ? this.phrasing([[cell.contentStart, cell.contentEnd]]) : [], position: this.source.position(cell.start, cell.end) }),
    );
    return { type: 'tableRow', children, position: this.source.position(row.at, row.end) };
  }

  /** A GFM task box (`[ ]`, `[x]`) opening a list item's content at `at`, and where the content goes on. */
  private taskBox(at: number, end: number): { checked: boolean | null; boxStart: number; contentStart: number } {
    const text = this.source.text;
    const task = /^\[([ xX])\] (?=[^ ])/.exec(text.slice(at, Math.min(end, at + 16)));
    if (!task || at + task[0].length >= end) return { checked: null, boxStart: at, contentStart: at };
    const restAt = at + task[0].length;
    const rest = text[restAt];
    // The box makes the line a paragraph; parseFlow must not read its rest as another block.
    if (rest === '#' || rest === '>' || rest === '|' || rest === '[' || (rest === ':' && text[restAt + 1] === ':')) bail();
    if (this.listMarkerAt(restAt, end) || this.delimiterRowAt(restAt, end)) bail();
    return { checked: task[1] !== ' ', boxStart: at, contentStart: restAt };
  }

  private directiveHead(at: number, end: number, colons: number): { name: string; label?: [number, number]; attributes: Record<string, string> } {
    const text = this.source.text;
    const nameEnd = scanName(text, at + colons, end);
    if (nameEnd === -1) bail();
    let index = nameEnd;
    let label: [number, number] | undefined;
    if (text[index] === '[') {
      const span = scanLabel(text, index, end);
      if (!span) bail();
      label = [span.open, span.close];
      index = span.close + 1;
    }
    let attributes: Record<string, string> = {};
    if (text[index] === '{') {
      const list = scanAttributes(text, index, end);
      if (!list) bail();
      attributes = list.attributes;
      index = list.end;
    }
    while (index < end && text[index] === ' ') index += 1;
    if (index !== end) bail();
    return { name: text.slice(at + colons, nameEnd), label, attributes };
  }

  private leafDirective(lines: Line[], first: number, out: RootContent[]): number {
    const { at, end } = this.measure(lines[first]!);
    const head = this.directiveHead(at, end, 2);
    const children = head.label ? this.labelPhrasing(head.label) : [];
    out.push({ type: 'leafDirective', name: head.name, attributes: head.attributes, children, position: this.source.position(at, end) });
    return first + 1;
  }

  private containerDirective(lines: Line[], first: number, out: RootContent[]): number {
    const text = this.source.text;
    const { at, end } = this.measure(lines[first]!);
    let colons = 0;
    while (text[at + colons] === ':') colons += 1;
    const head = this.directiveHead(at, end, colons);
    let close = first + 1;
    for (; close < lines.length; close += 1) {
      const { indent, at: fenceAt, end: fenceEnd } = this.measure(lines[close]!);
      if (indent >= 4) continue;
      let size = 0;
      while (text[fenceAt + size] === ':') size += 1;
      if (size < colons) continue;
      let after = fenceAt + size;
      while (after < fenceEnd && text[after] === ' ') after += 1;
      if (after === fenceEnd) break;
    }
    if (close >= lines.length) bail();
    const children = this.parseFlow(lines.slice(first + 1, close), 'directive') as BlockContent[];
    if (head.label) {
      const [open, closeBracket] = head.label;
      children.unshift({ type: 'paragraph', data: { directiveLabel: true }, children: this.labelPhrasing(head.label), position: this.source.position(open, closeBracket + 1) } as Paragraph);
    }
    out.push({ type: 'containerDirective', name: head.name, attributes: head.attributes, children, position: this.source.position(at, this.source.lineEnds[lines[close]!.index]!) });
    return close + 1;
  }

  private labelPhrasing([open, close]: [number, number]): PhrasingContent[] {
    return this.phrasing([[open + 1, close]], true);
  }
}
