#!/usr/bin/env node
// Runs the TypeScript CLI through tsx's loader, so the sources need no separate build step.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../scripts/cli/main.ts');
process.exitCode = await main(process.argv.slice(2));
