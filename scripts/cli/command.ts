export interface CliIO {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Folder the command runs in; the programme root unless `--root` says otherwise. */
  cwd: string;
  /** True when stdout is an interactive terminal (progress may redraw lines). */
  isTTY: boolean;
}

export interface Command {
  /** One line for `wecare --help`. */
  summary: string;
  /** Full help text for `wecare <command> --help`. */
  usage: string;
  /** Returns the process exit code. Throws CliError for expected failures. */
  run(args: string[], io: CliIO): Promise<number>;
}
