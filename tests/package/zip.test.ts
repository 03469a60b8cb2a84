import { describe, expect, it } from 'vitest';
import { ZipArchive } from 'archiver';
import { Writable } from 'node:stream';
import { createZip, isSafeEntryName, readZip, UnsafeZipPathError } from '../../scripts/package/zip.ts';

/**
 * A zip holding an entry named `hostile`. Archivers clean such names, so the entry is written under
 * a harmless name of the same length and the name bytes are then patched in both headers.
 */
async function hostileZip(hostile: string): Promise<Buffer> {
  const placeholder = 'q'.repeat(hostile.length);
  const chunks: Buffer[] = [];
  const sink = new Writable({ write: (c: Buffer, _e, cb) => (chunks.push(c), cb()) });
  const archive = new ZipArchive();
  const done = new Promise((r) => sink.on('finish', r));
  archive.pipe(sink);
  archive.append('ok', { name: 'ok.txt' });
  archive.append('x', { name: placeholder });
  await archive.finalize();
  await done;
  const zip = Buffer.concat(chunks);
  let at = zip.indexOf(placeholder);
  let patched = 0;
  while (at !== -1) {
    zip.write(hostile, at, 'latin1');
    patched += 1;
    at = zip.indexOf(placeholder, at + 1);
  }
  expect(patched).toBe(2);
  return zip;
}

describe('createZip', () => {
  it('gives identical bytes for the same entries in any order', async () => {
    const a = await createZip([{ name: 'b.txt', data: 'B' }, { name: 'a/c.txt', data: Buffer.from('C') }]);
    const b = await createZip([{ name: 'a/c.txt', data: 'C' }, { name: 'b.txt', data: 'B' }]);
    expect(a.equals(b)).toBe(true);
  });

  it('round-trips through readZip without directory entries', async () => {
    const zip = await createZip([{ name: 'content/content.json', data: '{"a":1}' }, { name: 'h5p.json', data: '{}' }]);
    const files = await readZip(zip);
    expect([...files.keys()]).toEqual(['content/content.json', 'h5p.json']);
    expect(files.get('content/content.json')?.toString()).toBe('{"a":1}');
  });

  it.each(['../evil.txt', '/etc/passwd', 'a/../../b', 'C:/x', 'a\\b', 'dir/'])('refuses the entry name %s', async (name) => {
    await expect(createZip([{ name, data: 'x' }])).rejects.toBeInstanceOf(UnsafeZipPathError);
  });

  it('refuses duplicate names', async () => {
    await expect(createZip([{ name: 'a', data: '1' }, { name: 'a', data: '2' }])).rejects.toThrow(/Duplicate/);
  });
});

describe('readZip', () => {
  it('refuses archives with a parent-directory entry', async () => {
    await expect(readZip(await hostileZip('../escape.txt'))).rejects.toBeInstanceOf(UnsafeZipPathError);
  });

  it('refuses archives with an absolute entry', async () => {
    await expect(readZip(await hostileZip('/abs.txt'))).rejects.toBeInstanceOf(UnsafeZipPathError);
  });

  it('rejects bytes that are not a zip', async () => {
    await expect(readZip(Buffer.from('not a zip at all'))).rejects.toThrow();
  });

  it('accepts ordinary nested names', () => {
    expect(isSafeEntryName('content/images/a.png')).toBe(true);
    expect(isSafeEntryName('..hidden/a')).toBe(true);
  });
});
