/**
 * Images for `content/images/`. H5P only accepts raster formats there (SVG is refused by the
 * validator), so SVG is rendered to PNG with resvg; formats H5P does not accept at all are
 * reported so the caller can fall back to the image's description.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MediaFile } from '../ir/types.ts';
import { derivedMedia } from '../media/derived-cache.ts';

export interface PackagedImage {
  /** Path relative to `content/`, as written in content.json: `images/lavado-1a2b3c4d.png`. */
  path: string;
  mime: string;
  data: Buffer;
  width?: number;
  height?: number;
  /** True when the file was converted (SVG → PNG). */
  converted: boolean;
}

export type ImageResult = { ok: true; image: PackagedImage } | { ok: false; reason: 'unreadable' | 'unsupported-type' | 'svg-failed'; detail: string };

const RASTER: Record<string, { ext: string; mime: string }> = {
  'image/png': { ext: 'png', mime: 'image/png' },
  'image/jpeg': { ext: 'jpg', mime: 'image/jpeg' },
  'image/gif': { ext: 'gif', mime: 'image/gif' },
};

/** Rendered width of SVG images, in pixels: sharp on phones, small on slow connections. */
const SVG_MIN_WIDTH = 640;
const SVG_MAX_WIDTH = 1200;

const cache = new Map<string, Promise<ImageResult>>();

/** Reads (and converts if needed) one media file; results are cached by content hash. */
export function packageImage(media: MediaFile): Promise<ImageResult> {
  const key = `${media.sha256}:${media.mimeType}:${path.basename(media.path)}`;
  let result = cache.get(key);
  if (!result) {
    result = loadImage(media);
    cache.set(key, result);
  }
  return result;
}

function imageName(media: MediaFile, ext: string): string {
  const stem = path.basename(media.path).replace(/\.[^.]+$/, '').normalize('NFKD').replace(/[^\w-]+/g, '-').replace(/^-+|-+$/g, '').toLowerCase() || 'imagen';
  return `images/${stem}-${media.sha256.slice(0, 8)}.${ext}`;
}

async function loadImage(media: MediaFile): Promise<ImageResult> {
  let bytes: Buffer;
  try {
    bytes = await readFile(media.absolutePath);
  } catch (error) {
    return { ok: false, reason: 'unreadable', detail: (error as NodeJS.ErrnoException).code ?? 'error' };
  }
  const raster = RASTER[media.mimeType];
  if (raster) {
    const size = rasterSize(bytes);
    return { ok: true, image: { path: imageName(media, raster.ext), mime: raster.mime, data: bytes, ...size, converted: false } };
  }
  if (media.mimeType === 'image/svg+xml') return svgToPng(media, bytes);
  return { ok: false, reason: 'unsupported-type', detail: media.mimeType };
}

async function svgToPng(media: MediaFile, svg: Buffer): Promise<ImageResult> {
  try {
    const data = await derivedMedia('svg-png', media.sha256, async () => {
      const { Resvg } = await import('@resvg/resvg-js');
      // Reading the size needs no fonts; loading them is most of the cost.
      const probe = new Resvg(svg, { font: { loadSystemFonts: false } });
      const width = Math.round(Math.min(SVG_MAX_WIDTH, Math.max(SVG_MIN_WIDTH, probe.width)));
      return new Resvg(svg, { fitTo: { mode: 'width', value: width }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' } }).render().asPng();
    });
    return { ok: true, image: { path: imageName(media, 'png'), mime: 'image/png', data, ...rasterSize(data), converted: true } };
  } catch (error) {
    return { ok: false, reason: 'svg-failed', detail: error instanceof Error ? error.message : String(error) };
  }
}

/** Pixel size of PNG, GIF and JPEG files, read from their headers. */
export function rasterSize(bytes: Buffer): { width?: number; height?: number } {
  if (bytes.length >= 24 && bytes.readUInt32BE(0) === 0x89504e47) return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  if (bytes.length >= 10 && bytes.toString('latin1', 0, 3) === 'GIF') return { width: bytes.readUInt16LE(6), height: bytes.readUInt16LE(8) };
  if (bytes.length >= 4 && bytes[0] === 0xff && bytes[1] === 0xd8) {
    let offset = 2;
    while (offset + 9 < bytes.length) {
      if (bytes[offset] !== 0xff) break;
      const marker = bytes[offset + 1]!;
      const length = bytes.readUInt16BE(offset + 2);
      if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
        return { height: bytes.readUInt16BE(offset + 5), width: bytes.readUInt16BE(offset + 7) };
      }
      offset += 2 + length;
    }
  }
  return {};
}
