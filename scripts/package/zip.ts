import { ZipArchive } from 'archiver';
import { Writable } from 'node:stream';
import yauzl from 'yauzl';

export interface ZipEntry {
  /** Forward-slash path inside the archive, relative, no `..` segments. */
  name: string;
  data: Buffer | string;
}

/**
 * Every entry gets this timestamp. It is built from local-time parts because zip stores DOS
 * local time: the same parts give the same bytes in every time zone.
 */
const FIXED_DATE = new Date(2020, 0, 1, 0, 0, 0);

export class UnsafeZipPathError extends Error {
  constructor(readonly entryName: string) {
    super(`Refusing zip entry "${entryName}": absolute paths and ".." segments are not allowed.`);
    this.name = 'UnsafeZipPathError';
  }
}

/** True for relative forward-slash paths that stay inside the archive root. */
export function isSafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\\') || name.includes('\0')) return false;
  if (name.startsWith('/') || /^[a-zA-Z]:/.test(name)) return false;
  return name.split('/').every((segment) => segment !== '..' && segment !== '.');
}

/**
 * Writes a zip deterministically: entries sorted by name, fixed timestamps and modes, no directory
 * entries (H5P's validator rejects them), so unchanged inputs give identical bytes.
 */
export async function createZip(entries: ZipEntry[]): Promise<Buffer> {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!isSafeEntryName(entry.name) || entry.name.endsWith('/')) throw new UnsafeZipPathError(entry.name);
    if (seen.has(entry.name)) throw new Error(`Duplicate zip entry "${entry.name}".`);
    seen.add(entry.name);
  }
  const sorted = [...entries].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const chunks: Buffer[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      chunks.push(chunk);
      callback();
    },
  });
  const archive = new ZipArchive({ zlib: { level: 9 } });
  const done = new Promise<void>((resolve, reject) => {
    sink.on('finish', resolve);
    sink.on('error', reject);
    archive.on('error', reject);
    archive.on('warning', reject);
  });
  archive.pipe(sink);
  for (const entry of sorted) {
    const data = typeof entry.data === 'string' ? Buffer.from(entry.data, 'utf8') : entry.data;
    archive.append(data, { name: entry.name, date: FIXED_DATE, mode: 0o644 });
  }
  await archive.finalize();
  await done;
  return Buffer.concat(chunks);
}

export interface ReadZipOptions {
  /** Stop with an error past this many bytes of uncompressed content (zip bombs). Default 512 MiB. */
  maxTotalBytes?: number;
}

/**
 * Reads every file entry of a zip into memory. Refuses entries with absolute paths or `..`
 * segments (UnsafeZipPathError) instead of skipping them, so callers can report the package.
 * Directory entries are returned with an empty buffer and a trailing slash in the name.
 */
export async function readZip(buffer: Buffer, options: ReadZipOptions = {}): Promise<Map<string, Buffer>> {
  const maxTotal = options.maxTotalBytes ?? 512 * 1024 * 1024;
  const zip = await new Promise<yauzl.ZipFile>((resolve, reject) =>
    // yauzl's own name validation would throw a generic error; we check names ourselves.
    yauzl.fromBuffer(buffer, { lazyEntries: true, validateEntrySizes: true, decodeStrings: false }, (error, file) =>
      error || !file ? reject(error ?? new Error('Not a zip file.')) : resolve(file),
    ),
  );
  const files = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    const fail = (error: unknown) => {
      zip.close();
      reject(error);
    };
    zip.on('error', fail);
    zip.on('end', () => resolve(files));
    zip.on('entry', (entry: yauzl.Entry) => {
      // With decodeStrings off yauzl hands over raw bytes and leaves path checks to us.
      const name = Buffer.from(entry.fileName as unknown as Uint8Array).toString('utf8');
      const isDirectory = name.endsWith('/');
      if (!isSafeEntryName(isDirectory ? name.slice(0, -1) : name)) return fail(new UnsafeZipPathError(name));
      if (isDirectory) {
        files.set(name, Buffer.alloc(0));
        return zip.readEntry();
      }
      zip.openReadStream(entry, (error, stream) => {
        if (error || !stream) return fail(error ?? new Error(`Cannot read zip entry "${name}".`));
        const parts: Buffer[] = [];
        stream.on('data', (chunk: Buffer) => {
          total += chunk.length;
          if (total > maxTotal) {
            stream.destroy();
            return fail(new Error(`Zip content exceeds ${maxTotal} bytes uncompressed.`));
          }
          parts.push(chunk);
        });
        stream.on('error', fail);
        stream.on('end', () => {
          files.set(name, Buffer.concat(parts));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}
