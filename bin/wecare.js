#!/usr/bin/env node
// Runs the compiled CLI (.wecare-cli/, see cli-bundle.js) when it was compiled from the sources as
// they are now. When it is missing or stale (first run, a source edited) it is compiled again
// first, which takes about as long as one start through tsx; if that fails, the TypeScript sources
// run through tsx's loader. Either way an edit is never ignored.
// WECARE_CLI=tsx runs the sources; WECARE_CLI_BUNDLE_DIR names another, never recompiled, bundle (tests).
import { pathToFileURL } from 'node:url';
import { compileCli, freshBundle } from './cli-bundle.js';

async function compiledEntry() {
  if (process.env.WECARE_CLI === 'tsx') return undefined;
  if (process.env.WECARE_CLI_BUNDLE_DIR) return freshBundle(process.env.WECARE_CLI_BUNDLE_DIR);
  // A read-only install or a missing esbuild only costs speed.
  return freshBundle() ?? (await compileCli().catch(() => undefined));
}

const bundle = await compiledEntry();
let main;
if (bundle) {
  ({ main } = await import(pathToFileURL(bundle).href));
} else {
  const { register } = await import('tsx/esm/api');
  register();
  ({ main } = await import('../scripts/cli/main.ts'));
}
process.exitCode = await main(process.argv.slice(2));
