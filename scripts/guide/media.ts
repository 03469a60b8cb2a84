/** Inlines a module's media as data URIs, so the guide is one self-contained file. */
import { readShippableMedia } from '../media/svg.ts';
import type { ModuleIR } from '../ir/types.ts';

export interface MediaProblem {
  module: ModuleIR;
  message: string;
}

/** Module-relative media path → `data:` URI. Unreadable files are reported, not thrown. */
export async function inlineModuleMedia(module: ModuleIR, problems: MediaProblem[]): Promise<Map<string, string>> {
  const uris = new Map<string, string>();
  for (const file of module.media) {
    try {
      const bytes = await readShippableMedia(file);
      uris.set(file.path, `data:${file.mimeType};base64,${bytes.toString('base64')}`);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      problems.push({ module, message: `Cannot read media file "${file.path}" for the trainer guide: ${reason}` });
    }
  }
  return uris;
}

const imgSrc = /(<img\b[^>]*?\bsrc=")([^"]*)(")/g;

/**
 * Points `<img src>` of sanitised HTML at the inlined data. Sources that are not the module's
 * media are returned in `missing` so the caller can warn: a guide must not depend on the network.
 */
export function inlineImages(html: string, uris: Map<string, string>, missing: string[] = []): string {
  return html.replace(imgSrc, (match, start: string, src: string, end: string) => {
    const uri = uris.get(src) ?? uris.get(src.replace(/^\.\//, ''));
    if (uri) return `${start}${uri}${end}`;
    if (!src.startsWith('data:')) missing.push(src);
    return match;
  });
}
