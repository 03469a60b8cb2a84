/** Media files referenced by modules: type, size and SHA-256, read once per run. */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { MediaFile } from '../ir/types.ts';
import { z } from 'zod';
import { derivedMedia } from '../media/derived-cache.ts';
import { mayNeedSanitising, sanitiseSvg } from '../media/svg.ts';
import { imageSize, type ImageSize } from './image-size.ts';

const mimeTypes: Record<string, string> = {
  '.svg': 'image/svg+xml', '.png': 'image/png', '.jpg': 'image/jpeg', '.jpeg': 'image/jpeg', '.gif': 'image/gif', '.webp': 'image/webp',
  '.avif': 'image/avif', '.mp3': 'audio/mpeg', '.ogg': 'audio/ogg', '.m4a': 'audio/mp4', '.mp4': 'video/mp4', '.webm': 'video/webm',
  '.vtt': 'text/vtt', '.pdf': 'application/pdf', '.txt': 'text/plain', '.csv': 'text/csv',
};

export function mimeTypeOf(file: string): string {
  return mimeTypes[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Remembers which files exist and what they hash to, for one run. */
export class MediaCatalogue {
  private readonly exists = new Map<string, boolean>();
  private readonly files = new Map<string, Omit<MediaFile, 'path'>>();
  private readonly sizes = new Map<string, ImageSize | undefined>();
  private readonly unsafeSvg = new Map<string, Promise<string[]>>();

  /**
   * What the build will remove from an SVG (scripts, event handlers…), reported once per file per
   * run: the second reference to the same file gets an empty list.
   */
  unsafeSvgParts(absolutePath: string): Promise<string[]> {
    if (this.unsafeSvg.has(absolutePath)) return Promise.resolve([]);
    const found = (async () => {
      const source = readFileSync(absolutePath, 'utf8');
      if (!mayNeedSanitising(source)) return [];
      const digest = createHash('sha256').update(source).digest('hex');
      const removed = await derivedMedia('svg-removed', digest, async () => Buffer.from(JSON.stringify((await sanitiseSvg(source)).removed)));
      return z.array(z.string()).parse(JSON.parse(removed.toString('utf8')));
    })().catch(() => []);
    this.unsafeSvg.set(absolutePath, found);
    return found;
  }

  /** Intrinsic size of an image inside `moduleDir`, when it can be read from its header. */
  size(moduleDir: string, relative: string): ImageSize | undefined {
    const absolutePath = path.join(moduleDir, relative);
    if (!this.sizes.has(absolutePath)) {
      let size: ImageSize | undefined;
      if (this.isFile(absolutePath)) {
        try {
          size = imageSize(readFileSync(absolutePath), mimeTypeOf(absolutePath));
        } catch {
          size = undefined;
        }
      }
      this.sizes.set(absolutePath, size);
    }
    return this.sizes.get(absolutePath);
  }

  isFile(absolutePath: string): boolean {
    let known = this.exists.get(absolutePath);
    if (known === undefined) {
      try {
        known = statSync(absolutePath).isFile();
      } catch {
        known = false;
      }
      this.exists.set(absolutePath, known);
    }
    return known;
  }

  /** The media entry for `relative` (module-relative) inside `moduleDir`, or undefined when absent. */
  describe(moduleDir: string, relative: string): MediaFile | undefined {
    const absolutePath = path.join(moduleDir, relative);
    if (!this.isFile(absolutePath)) return undefined;
    let info = this.files.get(absolutePath);
    if (!info) {
      const bytes = readFileSync(absolutePath);
      info = { absolutePath, mimeType: mimeTypeOf(absolutePath), sha256: createHash('sha256').update(bytes).digest('hex'), bytes: bytes.length };
      this.files.set(absolutePath, info);
    }
    return { path: relative, ...info };
  }
}
