import { afterEach } from 'vitest';
import type { CliIO } from '../../scripts/cli/command.ts';
import { main } from '../../scripts/cli/main.ts';
import { copyMini, miniRoot } from '../parse/helpers.ts';

/** Runs `wecare <args>` in process, as a user would from `cwd`, and returns what it printed. */
export async function runCli(args: string[], cwd = miniRoot) {
  let stdout = '';
  let stderr = '';
  const io: CliIO = { stdout: (t) => (stdout += `${t}\n`), stderr: (t) => (stderr += `${t}\n`), cwd, isTTY: false };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** A fresh copy of the mini programme per test, removed after the test. Call at the top of a test file. */
export function useMiniCopies(): () => string {
  let cleanup: (() => void) | undefined;
  afterEach(() => {
    cleanup?.();
    cleanup = undefined;
  });
  return () => {
    const copy = copyMini();
    cleanup = copy.cleanup;
    return copy.root;
  };
}
