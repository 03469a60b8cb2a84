/**
 * The custom mdast nodes the pipeline creates while resolving a lesson, declared once so every
 * plugin is typed against the same tree. Directives themselves (`containerDirective`,
 * `leafDirective`, `textDirective`) are declared by mdast-util-directive.
 */
import type { Parent, PhrasingContent } from 'mdast';
import type { Node } from 'unist';

/** A source cited with `:cite[…]`: shown as `<cite>` (linked when it has a URL). */
export interface Citation extends Parent {
  type: 'citation';
  url?: string;
  children: PhrasingContent[];
}

/** Where a gap of a fill-blanks or drag-words question goes: becomes `<span data-blank="N"></span>`. */
export interface BlankMarker extends Node {
  type: 'blankMarker';
  index: number;
}

declare module 'mdast' {
  interface PhrasingContentMap {
    citation: Citation;
    blankMarker: BlankMarker;
  }
  interface RootContentMap {
    citation: Citation;
    blankMarker: BlankMarker;
  }
}

export type ContainerDirective = Extract<import('mdast').Nodes, { type: 'containerDirective' }>;
export type LeafDirective = Extract<import('mdast').Nodes, { type: 'leafDirective' }>;
export type TextDirective = Extract<import('mdast').Nodes, { type: 'textDirective' }>;
