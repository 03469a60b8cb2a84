/** A Markdown source split into lines, with unist points for any offset. */
import type { Point } from 'unist';

/** Thrown (never escapes `parseMarkdownFast`) when the input uses syntax the fast path does not model. */
export const BAIL: unique symbol = Symbol('bail');

export function bail(): never {
  throw BAIL;
}

export class Source {
  readonly lineStarts: number[] = [0];
  /** Offset of each line's end, before its `\n`. */
  readonly lineEnds: number[] = [];

  constructor(readonly text: string) {
    let at = text.indexOf('\n');
    while (at !== -1) {
      this.lineEnds.push(at);
      this.lineStarts.push(at + 1);
      at = text.indexOf('\n', at + 1);
    }
    this.lineEnds.push(text.length);
  }

  get lineCount(): number {
    return this.lineStarts.length;
  }

  point(offset: number): Point {
    const starts = this.lineStarts;
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >> 1;
      if (starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return { line: low + 1, column: offset - starts[low]! + 1, offset };
  }

  position(start: number, end: number): { start: Point; end: Point } {
    return { start: this.point(start), end: this.point(end) };
  }
}
