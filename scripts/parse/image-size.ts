/** Intrinsic width and height of PNG, GIF, JPEG, WebP and SVG images, read by the image-size library. */
import { imageSize as measure } from 'image-size';

export interface ImageSize {
  width: number;
  height: number;
}

/** The image-size type each media type must have: a file whose content is of another type gets no size. */
const TYPES: Record<string, string> = {
  'image/png': 'png',
  'image/gif': 'gif',
  'image/jpeg': 'jpg',
  'image/webp': 'webp',
  'image/svg+xml': 'svg',
};

export function imageSize(bytes: Buffer, mimeType: string): ImageSize | undefined {
  const expected = TYPES[mimeType];
  if (!expected) return undefined;
  try {
    const size = measure(bytes);
    if (size.type !== expected || !(size.width > 0) || !(size.height > 0)) return undefined;
    // EXIF orientations 5–8 turn the picture a quarter: browsers show it with the sides swapped.
    const turned = (size.orientation ?? 1) >= 5;
    const width = Math.round(turned ? size.height : size.width);
    const height = Math.round(turned ? size.width : size.height);
    return { width, height };
  } catch {
    return undefined;
  }
}
