/**
 * The learner blocks of a resolved tree: consecutive Markdown becomes one HTML block, an image alone
 * in its paragraph an image block, an activity directive an activity; trainer notes are set aside
 * with the index of the block they follow.
 */
import type { Image, Nodes, Paragraph, Parent, Root, RootContent } from 'mdast';
import path from 'node:path';
import type { VFile } from 'vfile';
import type { Activity, Block, ImageBlock, SourceRef, TrainerNote } from '../ir/types.ts';
import { isActivityName } from '../validate/directives.ts';
import { isLocalUrl } from '../validate/remark-validate-directives.ts';
import { buildActivity, type ActivityContext } from './activities.ts';
import { blocksToHtml, inlineToHtml } from './html.ts';

export interface BuildOptions {
  file: VFile;
  passMark: number;
  language: string;
  /** False when only checking: skips HTML generation, the costly part. */
  html: boolean;
  /** Lesson id by lesson file name, to turn links between lessons into `#<lesson-id>` anchors. */
  anchors?: ReadonlyMap<string, string>;
}

export interface IdFact {
  id: string;
  line: number;
  column: number;
}

export interface BuiltLesson {
  blocks: Block[];
  trainerNotes: TrainerNote[];
  /** Ids of the activities and quiz questions, with where they are written. */
  ids: IdFact[];
  /** Module-relative paths of the files the content uses (images, linked documents). */
  media: string[];
}

/** `./media/a.svg?x#y` → `media/a.svg` (posix, relative to the module folder). */
export function normaliseLocalPath(url: string): string {
  const bare = url.split(/[?#]/)[0]!;
  let decoded = bare;
  try {
    decoded = decodeURIComponent(bare);
  } catch {
    // keep the raw text; the media check reports it missing if it is
  }
  return path.posix.normalize(decoded.replace(/\\/g, '/'));
}

const isBlank = (node: Nodes) => node.type === 'text' && !node.value.trim();

function loneImage(node: RootContent): Image | undefined {
  if (node.type !== 'paragraph') return undefined;
  const meaningful = (node as Paragraph).children.filter((child) => !isBlank(child));
  return meaningful.length === 1 && meaningful[0]!.type === 'image' ? (meaningful[0] as Image) : undefined;
}

/**
 * Local URLs: images and documents become module-relative media paths; links to lesson files become
 * `#<lesson-id>` anchors. Returns the media paths used.
 */
export function rewriteLocalUrls(tree: Root, anchors?: ReadonlyMap<string, string>): string[] {
  const media = new Set<string>();
  const rewrite = (parent: Parent) => {
    for (const node of parent.children as Nodes[]) {
      if ((node.type === 'image' || node.type === 'link') && isLocalUrl(node.url)) {
        const local = normaliseLocalPath(node.url);
        if (node.type === 'link' && local.endsWith('.md')) {
          const anchor = anchors?.get(path.posix.basename(local));
          if (anchor) node.url = `#${anchor}`;
        } else if (!local.startsWith('..')) {
          media.add(local);
          node.url = local;
        }
      }
      if ('children' in node) rewrite(node as Parent);
    }
  };
  rewrite(tree);
  return [...media];
}

export function buildLesson(tree: Root, options: BuildOptions): BuiltLesson {
  const { file } = options;
  const html = options.html ? blocksToHtml : () => '';
  const inline = options.html ? inlineToHtml : () => '';
  const sourceRef = (node: Nodes): SourceRef => ({ file: file.path, line: node.position?.start.line ?? 1, column: node.position?.start.column ?? 1 });
  const context: ActivityContext = { file, passMark: options.passMark, language: options.language, html, inline, sourceRef };

  const media = rewriteLocalUrls(tree, options.anchors);

  const blocks: Block[] = [];
  const trainerNotes: TrainerNote[] = [];
  const ids: IdFact[] = [];
  let pending: RootContent[] = [];
  const flush = () => {
    if (!pending.length) return;
    const content = html(pending);
    if (content || !options.html) blocks.push({ kind: 'html', html: content });
    pending = [];
  };
  const remember = (activity: Activity) => {
    ids.push({ id: activity.id, line: activity.source.line, column: activity.source.column });
    if (activity.kind === 'quiz') for (const q of activity.questions) ids.push({ id: q.id, line: q.source.line, column: q.source.column });
  };

  for (const node of tree.children) {
    if (node.type === 'yaml' || node.type === 'definition') continue;
    if (node.type === 'containerDirective' && isActivityName(node.name)) {
      flush();
      const activity = buildActivity(node, context);
      if (activity) {
        blocks.push(activity);
        remember(activity);
      }
      continue;
    }
    if (node.type === 'containerDirective' && node.name === 'trainer-notes') {
      flush();
      trainerNotes.push({ html: html(node.children as RootContent[]), afterBlock: blocks.length - 1, source: sourceRef(node) });
      continue;
    }
    const image = loneImage(node);
    if (image) {
      flush();
      const block: ImageBlock = { kind: 'image', src: image.url, alt: image.alt ?? '' };
      if (image.title) block.title = image.title;
      blocks.push(block);
      continue;
    }
    pending.push(node);
  }
  flush();
  return { blocks, trainerNotes, ids, media };
}
