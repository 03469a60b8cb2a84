/**
 * `npm run bench`: runs every `scripts/bench/*.bench.ts` (or the ones named on the command line)
 * and rewrites docs/benchmarks.md from their sections (only the sections of the named ones when
 * some are named). Each bench module exports
 * `default async function (): Promise<BenchSection>`.
 */
import { readdir, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface BenchSection {
  /** Heading of the section in docs/benchmarks.md. */
  title: string;
  /** Markdown: what was measured, how, and the medians or ratios. */
  markdown: string;
}

const here = path.dirname(fileURLToPath(import.meta.url));
const wanted = process.argv.slice(2);
const files = (await readdir(here)).filter((name) => name.endsWith('.bench.ts')).sort();
const selected = wanted.length ? files.filter((name) => wanted.some((w) => name.startsWith(w))) : files;

const sections: BenchSection[] = [];
for (const file of selected) {
  process.stderr.write(`bench: ${file}\n`);
  const bench = (await import(path.join(here, file))) as { default: () => Promise<BenchSection> };
  const section = await bench.default();
  sections.push(section);
  process.stdout.write(`\n## ${section.title}\n\n${section.markdown}\n`);
}

if (wanted.length) {
  // Only some benches ran: their sections replace (or join) those of docs/benchmarks.md, the rest stay.
  const file = path.join(here, '../../docs/benchmarks.md');
  let current = await readFile(file, 'utf8').catch(() => '# Benchmarks\n');
  for (const section of sections) {
    const block = `\n## ${section.title}\n\n${section.markdown.trim()}\n`;
    const start = current.indexOf(`\n## ${section.title}\n`);
    if (start < 0) current = `${current.trimEnd()}\n${block}`;
    else {
      const next = current.indexOf('\n## ', start + 1);
      current = current.slice(0, start) + block + (next < 0 ? '' : current.slice(next));
    }
  }
  await writeFile(file, current);
}

if (!wanted.length) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = `# Benchmarks\n\nWritten by \`npm run bench\` (do not edit by hand). Machine: ${os.cpus().length} × ${cpu}, Node ${process.version}. Figures are medians of repeated runs, or ratios measured in the same run.\n`;
  const body = sections.map((s) => `\n## ${s.title}\n\n${s.markdown.trim()}\n`).join('');
  await writeFile(path.join(here, '../../docs/benchmarks.md'), header + body);
}
