/** The Moodle connection of `wecare moodle …`: MOODLE_URL and MOODLE_TOKEN from the environment only. */
import { CliError } from '../../../scripts/cli/errors.ts';
import { MoodleClient, type MoodleClientOptions } from '../moodle/client.ts';
import { MoodleError } from '../moodle/errors.ts';
import { loadMoodleConfig, MoodleConfigError, type MoodleConfig } from '../config/moodle-config.ts';

export interface ConnectionFlags {
  url?: string;
  allowInsecureHttp?: boolean;
  maxInputVars?: string;
  concurrency?: string;
}

/** The connection options every `wecare moodle` command takes, for parseCommandArgs. */
export const connectionOptions = {
  url: { type: 'string' },
  concurrency: { type: 'string' },
  'allow-insecure-http': { type: 'boolean', default: false },
} as const;

/** The same, plus the site's max_input_vars, for commands that send batches. */
export const batchingConnectionOptions = { ...connectionOptions, 'max-input-vars': { type: 'string' } } as const;

/** Parsed option values → the flags `connect` takes. */
export function connectionFlags(values: { url?: string; concurrency?: string; 'allow-insecure-http'?: boolean; 'max-input-vars'?: string }): ConnectionFlags {
  return { url: values.url, allowInsecureHttp: values['allow-insecure-http'], maxInputVars: values['max-input-vars'], concurrency: values.concurrency };
}

export function connect(flags: ConnectionFlags, env: NodeJS.ProcessEnv = process.env, extra: Partial<MoodleClientOptions> = {}): MoodleClient {
  const url = flags.url ?? env.MOODLE_URL;
  const token = env.MOODLE_TOKEN;
  if (!url) throw new CliError('no Moodle site: set MOODLE_URL (e.g. https://campus.example.org) or pass --url.', 2);
  if (!token) throw new CliError('no Moodle token: set MOODLE_TOKEN in the environment (it is never accepted on the command line).', 2);
  const number = (value: string | undefined, name: string, min: number) => {
    if (value === undefined) return undefined;
    const parsed = Number(value);
    if (!Number.isInteger(parsed) || parsed < min) throw new CliError(`--${name} takes a whole number of at least ${min}, not "${value}".`, 2);
    return parsed;
  };
  const maxInputVars = number(flags.maxInputVars ?? env.MOODLE_MAX_INPUT_VARS, 'max-input-vars', 10);
  const concurrency = number(flags.concurrency, 'concurrency', 1);
  try {
    return new MoodleClient({ url, token, allowInsecureHttp: flags.allowInsecureHttp, maxInputVars, concurrency, ...extra });
  } catch (error) {
    if (error instanceof MoodleError) throw new CliError(error.message, 2);
    throw error;
  }
}

/** Turns a MoodleError into a CliError: a clear line, no stack, never the token. */
export function asCliError(error: unknown): never {
  if (error instanceof MoodleError) {
    const hint =
      error.errorcode === 'invalidtoken' ? ' Check MOODLE_TOKEN.'
      : error.errorcode === 'accessexception' ? ' The token\'s web service lacks this function: add it to the external service in Site administration › Server › Web services.'
      : error.errorcode === 'upgraderunning' ? ' The site is being upgraded: try again in a few minutes.'
      : error.kind === 'transport' ? ' Check MOODLE_URL and the network.'
      : '';
    throw new CliError(`${error.message}${hint}`, 1);
  }
  throw error;
}

/** The `moodle:` mapping of content/programme.yaml, or a CliError listing its problems with their lines. */
export async function readMoodleConfig(root: string): Promise<MoodleConfig> {
  try {
    return await loadMoodleConfig(root);
  } catch (error) {
    if (error instanceof MoodleConfigError) throw new CliError(`content/programme.yaml has problems:\n${error.message}`, 1);
    throw error;
  }
}
