/**
 * A small typed Moodle REST client over Node's fetch.
 *
 * - Parameters are form-encoded the PHP way; `moodlewsrestformat=json` is always sent.
 * - Moodle reports errors with HTTP 200: any `{exception, …}` answer becomes a MoodleError
 *   carrying the function, errorcode, message and HTTP status — never the token.
 * - `warnings` inside successful answers are handed to `onWarning` (and stay in the result).
 * - HTTPS is required unless the host is loopback or `allowInsecureHttp` is set.
 * - Reads are retried on transport failures, 5xx and 429 (policy as data, see retry.ts).
 * - `callInBatches` keeps each request under max_input_vars and checks returned counts.
 * - At most `concurrency` requests are in flight, however many callers there are.
 */
import { chunkByFields } from './batch.ts';
import { MoodleError } from './errors.ts';
import { encodeForm, flattenParams, type FormValue } from './form.ts';
import { Limiter } from './limit.ts';
import { redactUrl } from './redact.ts';
import { defaultRetryPolicy, functionKind, retryDelay, shouldRetry, type FunctionKind, type RetryPolicy } from './retry.ts';
import { fetchTransport, type Transport, type TransportResponse } from './transport.ts';
import type { FunctionName, MoodleWarning, ParamsOf, ResultOf } from './types.ts';

export interface MoodleClientOptions {
  /** Site root, e.g. `https://campus.example.org` (the REST path is added). */
  url: string;
  token: string;
  transport?: Transport;
  /** Allow plain HTTP to a non-loopback host (never needed in production). */
  allowInsecureHttp?: boolean;
  /** The site's PHP max_input_vars; each request stays within it. Default 1,000 (PHP's default). */
  maxInputVars?: number;
  /** Requests in flight at once. Default 4. */
  concurrency?: number;
  /** Cap on items per batched request (default: only max_input_vars limits it; 1 = one call per item). */
  maxItemsPerCall?: number;
  retry?: Partial<RetryPolicy>;
  /** Per-request timeout. Default 120 s (creating hundreds of users takes seconds). */
  timeoutMs?: number;
  onWarning?: (warning: MoodleWarning & { functionName: string }) => void;
  /**
   * Once aborted (Ctrl-C), no further write is sent: a write that is asked for fails with an
   * `interrupted` MoodleError. Requests already in flight finish, so what Moodle did is known.
   */
  stopSignal?: AbortSignal;
  /** Called after every HTTP exchange (for counting and progress); never receives the token. */
  onCall?: (info: CallInfo) => void;
  /** Overrides for tests: how to wait and where randomness comes from. */
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

export interface CallInfo {
  functionName: string;
  attempt: number;
  fields: number;
  ms: number;
  outcome: 'ok' | 'error' | 'retry';
}

export interface ClientStats {
  calls: number;
  retries: number;
  byFunction: Record<string, number>;
}

/** Fields the client adds to every request: wstoken, wsfunction, moodlewsrestformat. */
export const metaFieldCount = 3;

const loopbackHosts = /^(localhost|127(?:\.\d{1,3}){3}|\[::1\]|::1)$/i;

export class MoodleClient {
  readonly endpoint: string;
  readonly maxInputVars: number;
  readonly stats: ClientStats = { calls: 0, retries: 0, byFunction: {} };
  private readonly token: string;
  private readonly transport: Transport;
  private readonly limiter: Limiter;
  private readonly policy: RetryPolicy;
  private readonly timeoutMs: number;
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly random: () => number;

  constructor(private readonly options: MoodleClientOptions) {
    if (!options.token) throw new MoodleError('No Moodle token given (set MOODLE_TOKEN).', { kind: 'config' });
    this.token = options.token;
    this.endpoint = restEndpoint(options.url, options.allowInsecureHttp ?? false, [options.token]);
    this.transport = options.transport ?? fetchTransport;
    this.maxInputVars = options.maxInputVars ?? 1000;
    if (!Number.isInteger(this.maxInputVars) || this.maxInputVars <= metaFieldCount + 1) {
      throw new MoodleError(`maxInputVars must be an integer above ${metaFieldCount + 1}.`, { kind: 'config' });
    }
    this.limiter = new Limiter(options.concurrency ?? 4);
    this.policy = { ...defaultRetryPolicy, ...options.retry };
    this.timeoutMs = options.timeoutMs ?? 120_000;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
    this.random = options.random ?? Math.random;
  }

  /** The site root as given, without credentials: safe to print. */
  get maxItemsPerCall(): number | undefined {
    return this.options.maxItemsPerCall;
  }

  get siteLabel(): string {
    return redactUrl(this.endpoint.replace(/\/webservice\/rest\/server\.php$/, ''), [this.token]);
  }

  call<F extends FunctionName>(functionName: F, params: ParamsOf<F>): Promise<ResultOf<F>> {
    return this.callRaw(functionName, params as Record<string, FormValue>) as Promise<ResultOf<F>>;
  }

  /** Any web-service function, including plugins' (`local_wecare_*`). */
  async callRaw(functionName: string, params: Record<string, FormValue>, kind: FunctionKind = functionKind(functionName)): Promise<unknown> {
    const pairs = flattenParams(params);
    const fields = pairs.length + metaFieldCount;
    if (fields > this.maxInputVars) {
      throw new MoodleError(`${functionName}: request has ${fields} form fields, more than max_input_vars (${this.maxInputVars}); Moodle would silently drop the rest. Use callInBatches.`, { kind: 'config', functionName });
    }
    const body = encodeForm([['wstoken', this.token], ['wsfunction', functionName], ['moodlewsrestformat', 'json'], ...pairs]);
    for (let attempt = 1; ; attempt += 1) {
      if (kind === 'write' && this.options.stopSignal?.aborted) {
        throw new MoodleError(`stopped at your request (Ctrl-C) before ${functionName}`, { kind: 'interrupted', functionName });
      }
      const started = performance.now();
      try {
        const result = await this.limiter.run(() => this.exchange(functionName, body));
        this.count(functionName, attempt, fields, started, 'ok');
        this.surfaceWarnings(functionName, result);
        return result;
      } catch (error) {
        if (shouldRetry(this.policy, error, attempt, kind)) {
          this.count(functionName, attempt, fields, started, 'retry');
          this.stats.retries += 1;
          await this.sleep(retryDelay(this.policy, attempt, this.random, (error as MoodleError & { retryAfter?: number }).retryAfter));
          continue;
        }
        this.count(functionName, attempt, fields, started, 'error');
        throw error;
      }
    }
  }

  /**
   * Calls `functionName` once per chunk of `items`, each request within max_input_vars.
   * `expect: 'one-per-item'` checks that an array answer has exactly one entry per item sent,
   * which is how a silently truncated request shows.
   */
  async callInBatches<F extends FunctionName, T>(
    functionName: F,
    items: readonly T[],
    toParams: (chunk: T[]) => ParamsOf<F>,
    options: { expect?: 'one-per-item'; maxItems?: number } = {},
  ): Promise<Array<{ chunk: T[]; result: ResultOf<F> }>> {
    if (!items.length) return [];
    const chunks = chunkByFields(items, toParams as (chunk: T[]) => Record<string, FormValue>, this.maxInputVars - metaFieldCount, options.maxItems ?? this.options.maxItemsPerCall);
    return Promise.all(
      chunks.map(async (chunk) => {
        const result = await this.call(functionName, toParams(chunk));
        if (options.expect === 'one-per-item') {
          const got = Array.isArray(result) ? result.length : -1;
          if (got !== chunk.length) {
            throw new MoodleError(
              `${functionName}: sent ${chunk.length} item(s), Moodle answered for ${got < 0 ? 'none' : got}. The request was probably cut by the site's max_input_vars: lower --max-input-vars and run again (nothing is lost; the next run finds what was created).`,
              { kind: 'mismatch', functionName },
              [this.token],
            );
          }
        }
        return { chunk, result };
      }),
    );
  }

  private async exchange(functionName: string, body: string): Promise<unknown> {
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: TransportResponse;
    try {
      response = await this.transport({
        url: this.endpoint,
        body,
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        signal: controller.signal,
      });
    } catch (cause) {
      const reason = controller.signal.aborted ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : describeTransportFailure(cause);
      throw new MoodleError(`${functionName}: could not reach Moodle at ${this.siteLabel} (${reason}).`, { kind: 'transport', functionName, cause }, [this.token]);
    } finally {
      clearTimeout(timer);
    }
    if (response.status !== 200) {
      const error = new MoodleError(`${functionName}: Moodle answered HTTP ${response.status}.`, { kind: 'http', functionName, status: response.status }, [this.token]);
      const seconds = response.retryAfter === undefined ? undefined : Number(response.retryAfter);
      if (seconds !== undefined && Number.isFinite(seconds)) Object.assign(error, { retryAfter: seconds });
      throw error;
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      const start = response.text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
      const hint = start.startsWith('<?xml') ? 'XML (the REST format parameter was ignored)' : start.startsWith('<') ? 'an HTML page (wrong URL, or web services disabled?)' : `"${start}…"`;
      throw new MoodleError(`${functionName}: Moodle did not answer JSON but ${hint}.`, { kind: 'response', functionName, status: response.status }, [this.token]);
    }
    if (isExceptionBody(parsed)) {
      const code = typeof parsed.errorcode === 'string' ? parsed.errorcode : undefined;
      const message = typeof parsed.message === 'string' ? parsed.message : 'unknown error';
      const debuginfo = typeof parsed.debuginfo === 'string' ? parsed.debuginfo : undefined;
      throw new MoodleError(
        `${functionName}: ${message}${code ? ` [${code}]` : ''}${debuginfo ? ` (${debuginfo.trim()})` : ''}`,
        { kind: 'exception', functionName, errorcode: code, exception: parsed.exception, debuginfo, status: response.status },
        [this.token],
      );
    }
    return parsed;
  }

  private surfaceWarnings(functionName: string, result: unknown): void {
    if (!this.options.onWarning || !result || typeof result !== 'object' || Array.isArray(result)) return;
    const warnings = (result as { warnings?: unknown }).warnings;
    if (!Array.isArray(warnings)) return;
    for (const warning of warnings as MoodleWarning[]) this.options.onWarning({ ...warning, functionName });
  }

  private count(functionName: string, attempt: number, fields: number, started: number, outcome: CallInfo['outcome']): void {
    this.stats.calls += 1;
    this.stats.byFunction[functionName] = (this.stats.byFunction[functionName] ?? 0) + 1;
    this.options.onCall?.({ functionName, attempt, fields, ms: performance.now() - started, outcome });
  }
}

function isExceptionBody(value: unknown): value is { exception: string; errorcode?: unknown; message?: unknown; debuginfo?: unknown } {
  return Boolean(value) && typeof value === 'object' && !Array.isArray(value) && typeof (value as { exception?: unknown }).exception === 'string';
}

function describeTransportFailure(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string; message?: string } })?.cause;
  if (inner?.code) return inner.code;
  return cause instanceof Error ? cause.message : String(cause);
}

/** The REST endpoint for a site root, refusing plain HTTP to anything but loopback. */
export function restEndpoint(siteUrl: string, allowInsecureHttp: boolean, secrets: readonly string[] = []): string {
  let parsed: URL;
  try {
    parsed = new URL(siteUrl);
  } catch {
    throw new MoodleError(`MOODLE_URL "${redactUrl(siteUrl, secrets)}" is not a URL (expected e.g. https://campus.example.org).`, { kind: 'config' }, secrets);
  }
  if (parsed.username || parsed.password) throw new MoodleError('MOODLE_URL must not contain credentials; the token comes from MOODLE_TOKEN.', { kind: 'config' }, secrets);
  if (parsed.search) throw new MoodleError(`MOODLE_URL must be the site root without a query string, not ${redactUrl(parsed, secrets)}.`, { kind: 'config' }, secrets);
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new MoodleError(`MOODLE_URL must use https:, not ${parsed.protocol}`, { kind: 'config' }, secrets);
  if (parsed.protocol === 'http:' && !loopbackHosts.test(parsed.hostname) && !allowInsecureHttp) {
    throw new MoodleError(`Refusing plain HTTP to ${parsed.host}: the token would travel unencrypted. Use https://, or --allow-insecure-http for a test site.`, { kind: 'config' }, secrets);
  }
  const root = parsed.toString().replace(/\/+$/, '').replace(/\/webservice\/rest\/server\.php$/, '');
  return `${root}/webservice/rest/server.php`;
}
