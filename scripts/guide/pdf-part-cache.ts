/**
 * Printed pieces of trainer guides, kept between builds under the digest of what was printed
 * (`<programme>/.wecare-cache/guide-pdf/`). Each guide lists the pieces it used; a piece no guide
 * lists any more is removed, so the folder holds about one guide's worth of PDF per variant.
 * A missing, unreadable or damaged entry is a cache miss, never an error.
 */
import { mkdir, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';

export interface PrintedPart {
  key: string;
  pdf: Uint8Array;
  pageCount: number;
  /** Named destination → page within the piece. */
  destinations: Record<string, number>;
}

/** Pieces written since this process started are never removed by it: guides printing at once share the folder. */
const processStart = Date.now();

const metaSchema = z.object({ pageCount: z.number().int().positive(), destinations: z.record(z.string(), z.number().int().positive()) });
const listSchema = z.object({ parts: z.array(z.string()), frontPages: z.number().int().positive() });

export class PrintedPartCache {
  constructor(private readonly dir: string | undefined) {}

  async get(key: string): Promise<PrintedPart | undefined> {
    if (!this.dir) return undefined;
    try {
      const meta = metaSchema.parse(JSON.parse(await readFile(path.join(this.dir, `${key}.json`), 'utf8')));
      const pdf = await readFile(path.join(this.dir, `${key}.pdf`));
      if (pdf.subarray(0, 5).toString('latin1') !== '%PDF-') return undefined;
      return { key, pdf, ...meta };
    } catch {
      return undefined;
    }
  }

  async put(part: PrintedPart): Promise<void> {
    if (!this.dir) return;
    try {
      await mkdir(this.dir, { recursive: true });
      // The PDF first: an entry whose metadata exists is complete.
      await writeFile(path.join(this.dir, `${part.key}.pdf`), part.pdf);
      await writeFile(path.join(this.dir, `${part.key}.json`), JSON.stringify({ pageCount: part.pageCount, destinations: part.destinations }));
    } catch {
      // A cache that cannot be written only costs time.
    }
  }

  /** How many pages the cover and contents of this guide took last time. */
  async frontPages(name: string | undefined): Promise<number | undefined> {
    return (await this.list(name))?.frontPages;
  }

  /** Records the pieces `name` uses now and removes the pieces that no guide uses. */
  async remember(name: string | undefined, parts: PrintedPart[], frontPages: number): Promise<void> {
    if (!this.dir || !name) return;
    try {
      await writeFile(path.join(this.dir, `${listFile(name)}`), JSON.stringify({ parts: parts.map((part) => part.key), frontPages }));
      const files = await readdir(this.dir);
      const used = new Set<string>();
      for (const file of files.filter((entry) => entry.startsWith('guide-') && entry.endsWith('.list.json'))) {
        const list = await this.list(file.slice('guide-'.length, -'.list.json'.length));
        for (const key of list?.parts ?? []) used.add(key);
      }
      for (const file of files) {
        const key = /^([0-9a-f]{64})\.(?:pdf|json)$/.exec(file)?.[1];
        if (!key || used.has(key)) continue;
        const written = await stat(path.join(this.dir, file)).then((info) => info.mtimeMs, () => Number.POSITIVE_INFINITY);
        if (written < processStart) await rm(path.join(this.dir, file), { force: true });
      }
    } catch {
      // as above
    }
  }

  private async list(name: string | undefined): Promise<z.infer<typeof listSchema> | undefined> {
    if (!this.dir || !name) return undefined;
    try {
      return listSchema.parse(JSON.parse(await readFile(path.join(this.dir, listFile(name)), 'utf8')));
    } catch {
      return undefined;
    }
  }
}

const listFile = (name: string) => `guide-${name.replace(/[^A-Za-z0-9_-]/g, '_')}.list.json`;
