import { describe, expect, it } from 'vitest';
import { imageSize } from '../../scripts/parse/image-size.ts';

function png(width: number, height: number): Buffer {
  const bytes = Buffer.alloc(33);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes, 0);
  bytes.writeUInt32BE(13, 8);
  bytes.write('IHDR', 12, 'latin1');
  bytes.writeUInt32BE(width, 16);
  bytes.writeUInt32BE(height, 20);
  return bytes;
}

function jpeg(width: number, height: number): Buffer {
  // SOI, an APP0 segment of 16 bytes, then SOF0 with the frame size.
  const app0 = Buffer.concat([Buffer.from([0xff, 0xe0, 0x00, 0x10]), Buffer.alloc(14)]);
  const sof = Buffer.from([0xff, 0xc0, 0x00, 0x11, 0x08, height >> 8, height & 255, width >> 8, width & 255, 0x03, ...Array(9).fill(0)]);
  return Buffer.concat([Buffer.from([0xff, 0xd8]), app0, sof]);
}

/** A lossy WebP (simple VP8 format): RIFF header, VP8 chunk, key frame start code, 14-bit sizes. */
function webp(width: number, height: number): Buffer {
  const frame = Buffer.alloc(20);
  Buffer.from([0x9d, 0x01, 0x2a]).copy(frame, 3);
  frame.writeUInt16LE(width, 6);
  frame.writeUInt16LE(height, 8);
  const chunk = Buffer.concat([Buffer.from('VP8 ', 'latin1'), Buffer.from([frame.length, 0, 0, 0]), frame]);
  const header = Buffer.concat([Buffer.from('RIFF', 'latin1'), Buffer.alloc(4), Buffer.from('WEBP', 'latin1')]);
  header.writeUInt32LE(4 + chunk.length, 4);
  return Buffer.concat([header, chunk]);
}

describe('imageSize', () => {
  it('reads PNG, JPEG, GIF and SVG headers', () => {
    expect(imageSize(png(640, 480), 'image/png')).toEqual({ width: 640, height: 480 });
    expect(imageSize(jpeg(1024, 768), 'image/jpeg')).toEqual({ width: 1024, height: 768 });
    expect(imageSize(Buffer.from([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 0x20, 0x00, 0x10, 0x00]), 'image/gif')).toEqual({ width: 32, height: 16 });
    expect(imageSize(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" width="120px" height="80">'), 'image/svg+xml')).toEqual({ width: 120, height: 80 });
    expect(imageSize(Buffer.from('<svg viewBox="0 0 300 150.4">'), 'image/svg+xml')).toEqual({ width: 300, height: 150 });
  });

  it('gives up quietly on truncated or foreign data', () => {
    expect(imageSize(Buffer.from([0x89, 0x50]), 'image/png')).toBeUndefined();
    expect(imageSize(Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]), 'image/jpeg')).toBeUndefined();
    expect(imageSize(Buffer.from('<svg>'), 'image/svg+xml')).toBeUndefined();
    expect(imageSize(Buffer.from('x'), 'application/pdf')).toBeUndefined();
    // Content of another type than the file's extension says.
    expect(imageSize(png(640, 480), 'image/jpeg')).toBeUndefined();
  });

  it('reads lossy WebP as well (through the image-size library)', () => {
    expect(imageSize(webp(400, 300), 'image/webp')).toEqual({ width: 400, height: 300 });
  });
});
