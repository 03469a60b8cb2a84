import { redact } from './redact.ts';

export type MoodleErrorKind =
  /** Moodle answered with an exception (HTTP 200 `{exception, errorcode, message}`). */
  | 'exception'
  /** The request never got a usable HTTP answer (connection refused, reset, timeout). */
  | 'transport'
  /** An HTTP status other than 200. */
  | 'http'
  /** A 200 whose body is not the JSON we asked for (an HTML login page, XML, truncated text). */
  | 'response'
  /** A successful answer that does not match what was sent (fewer ids back than users sent). */
  | 'mismatch'
  /** Refused before sending: plain HTTP to a remote host, a bad URL. */
  | 'config'
  /** Not sent: the user asked the command to stop (Ctrl-C). */
  | 'interrupted';

export interface MoodleErrorDetails {
  kind: MoodleErrorKind;
  /** Web-service function, e.g. `core_user_create_users`. */
  functionName?: string;
  /** Moodle's error code (`invalidparameter`, `invalidtoken`, `nocriteriaset`…). */
  errorcode?: string;
  /** Moodle's exception class. */
  exception?: string;
  /** Extra reason Moodle adds when the site has debugging on. */
  debuginfo?: string;
  /** HTTP status, when there was one. */
  status?: number;
  /** The underlying failure, already redacted. */
  cause?: unknown;
}

/**
 * Every failure of the Moodle client. Its message and fields never contain the token: they are
 * redacted when the error is built, including the cause's message.
 */
export class MoodleError extends Error {
  readonly kind: MoodleErrorKind;
  readonly functionName?: string;
  readonly errorcode?: string;
  readonly exception?: string;
  readonly debuginfo?: string;
  readonly status?: number;

  constructor(message: string, details: MoodleErrorDetails, secrets: readonly string[] = []) {
    const clean = (text: string | undefined) => (text === undefined ? undefined : redact(text, secrets));
    const cause = details.cause === undefined ? undefined : redactedCause(details.cause, secrets);
    super(clean(message)!, cause === undefined ? undefined : { cause });
    this.name = 'MoodleError';
    this.kind = details.kind;
    this.functionName = details.functionName;
    this.errorcode = clean(details.errorcode);
    this.exception = clean(details.exception);
    this.debuginfo = clean(details.debuginfo);
    this.status = details.status;
    if (this.stack) this.stack = redact(this.stack, secrets);
  }

  /** True when retrying the same request may succeed (network trouble, overloaded server). */
  get transient(): boolean {
    return this.kind === 'transport' || (this.kind === 'http' && (this.status === 429 || (this.status ?? 0) >= 500));
  }
}

function redactedCause(cause: unknown, secrets: readonly string[]): Error {
  if (cause instanceof Error) {
    const copy = new Error(redact(cause.message, secrets));
    copy.name = cause.name;
    const code = (cause as { code?: unknown }).code ?? ((cause as { cause?: { code?: unknown } }).cause?.code);
    if (typeof code === 'string') (copy as Error & { code?: string }).code = code;
    copy.stack = cause.stack ? redact(cause.stack, secrets) : undefined;
    return copy;
  }
  return new Error(redact(String(cause), secrets));
}

export function isMoodleError(error: unknown, errorcode?: string): error is MoodleError {
  return error instanceof MoodleError && (errorcode === undefined || error.errorcode === errorcode);
}
