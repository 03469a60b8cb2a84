/**
 * Worker thread of a parallel check: processes one share of the module folders and sends back
 * every file's result keyed like the cache, so the main thread's run finds them all cached.
 */
import { parentPort, workerData } from 'node:worker_threads';
import type { LoadOptions } from '../api.ts';
import { runProgramme } from '../parse/load-programme.ts';
import type { ProcessedFile } from '../parse/process-file.ts';

export interface WorkerJob {
  root: string;
  options: LoadOptions;
  partition: { index: number; count: number };
}

const job = workerData as WorkerJob;
const entries: Array<[string, ProcessedFile]> = [];
await runProgramme(job.root, {
  ...job.options,
  html: false,
  partition: job.partition,
  cache: { get: () => undefined, set: (key, value) => void entries.push([key, value]) },
});
parentPort?.postMessage(entries);
