/**
 * `npm run bench`: runs every `scripts/bench/*.bench.ts` (or the ones named on the command line)
 * and rewrites docs/benchmarks.md from their sections. Each bench module exports
 * `default async function (): Promise<BenchSection>`.
 */
import { readdir, writeFile } from 'node:fs/promises';
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

if (!wanted.length) {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
  const header = `# Benchmarks\n\nWritten by \`npm run bench\` (do not edit by hand). Machine: ${os.cpus().length} × ${cpu}, Node ${process.version}. Figures are medians of repeated runs, or ratios measured in the same run.\n`;
  const body = sections.map((s) => `\n## ${s.title}\n\n${s.markdown.trim()}\n`).join('');
  await writeFile(path.join(here, '../../docs/benchmarks.md'), header + body);
}
