#!/usr/bin/env node
// `npm run compile-cli` (and npm's `prepare`, on `npm ci`): bundles the CLI so `wecare` starts at
// once. A failure here never fails the install: bin/wecare.js then runs the sources through tsx.
import { compileCli } from './cli-bundle.js';

try {
  const started = performance.now();
  await compileCli();
  process.stderr.write(`wecare: CLI compiled into .wecare-cli/ (${Math.round(performance.now() - started)} ms)\n`);
} catch (error) {
  process.stderr.write(`wecare: could not compile the CLI (${error instanceof Error ? error.message : String(error)}); it will run from the TypeScript sources.\n`);
}
