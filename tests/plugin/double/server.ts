/**
 * An in-memory Moodle for tests, served over real HTTP on 127.0.0.1 (or in-process through
 * `transport()`). It behaves like the recorded Moodle 5.0 REST server:
 * - every parameter is checked against the recorded signature (unknown keys, missing required
 *   keys, types, defaults) and refused with the recorded error shape, with HTTP 200;
 * - answers are checked against the recorded return description (violations are collected in
 *   `contractViolations`, so a handler that drifts from Moodle's shapes fails the tests);
 * - a body longer than `maxInputVars` pairs is silently truncated, like PHP;
 * - no `moodlewsrestformat=json` → XML;
 * - latency and faults (HTTP 5xx/429, a cut connection before or after the work) are injectable.
 *
 * Extensible: `register(name, { handler, signature? })` adds a function (the signature defaults to
 * the recorded one; plugins such as local_wecare pass theirs), `route(path, handler)` adds a raw
 * HTTP endpoint (e.g. `/webservice/upload.php`).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Transport } from '../../../plugin/src/moodle/transport.ts';
import { decodePhpForm } from './php-form.ts';
import { checkReturns, InvalidParameter, recordedSignatures, validateParams, type FunctionSignature } from './signatures.ts';
import { createState, type DoubleState } from './state.ts';
import { toXml } from './xml.ts';

/** A Moodle exception, answered as `{exception, errorcode, message[, debuginfo]}` with HTTP 200. */
export class MoodleException extends Error {
  constructor(
    readonly exception: string,
    readonly errorcode: string | undefined,
    message: string,
    readonly debuginfo?: string,
  ) {
    super(message);
  }

  static invalidParameter(debuginfo: string): MoodleException {
    return new MoodleException('core\\exception\\invalid_parameter_exception', 'invalidparameter', 'Invalid parameter value detected', debuginfo);
  }

  static missingRecord(table: string, id: number | string): MoodleException {
    return new MoodleException('dml_missing_record_exception', 'invalidrecordunknown', "Can't find data record in database.", `SELECT * FROM {${table}} WHERE id = ?\n[array (\n  0 => ${id},\n)]`);
  }
}

export interface HandlerContext {
  double: MoodleDouble;
  state: DoubleState;
  /** Unix time the double uses (settable for tests). */
  now: number;
}

export type FunctionHandler = (params: any, context: HandlerContext) => unknown;

export interface RegisteredFunction {
  signature: FunctionSignature;
  handler: FunctionHandler;
}

export type FaultKind = 'http500' | 'http502' | 'http503' | 'http429' | 'network' | 'network-after';

export interface Fault {
  kind: FaultKind;
  /** 1-based index among all REST calls the double receives. */
  call?: number;
  /** Only calls of this function… */
  functionName?: string;
  /** …and only its nth call (1-based). */
  nth?: number;
  /** How many matching calls fail (default 1). */
  times?: number;
}

export interface RecordedCall {
  index: number;
  functionName: string | null;
  /** Decoded parameters (token removed). */
  params: Record<string, unknown>;
  fields: number;
  dropped: number;
  outcome: 'ok' | 'exception' | FaultKind;
  errorcode?: string;
}

export interface MoodleDoubleOptions {
  token?: string;
  /** PHP max_input_vars of the simulated site. Default 5,000 (Moodle's minimum, as recorded). */
  maxInputVars?: number;
  /** Per call; a function may model per-item cost from the decoded parameters. */
  latencyMs?: number | ((functionName: string | null, params: Record<string, unknown>) => number);
  /** Adds `debuginfo` to errors, like a site with debugging on. */
  debug?: boolean;
  wwwroot?: string;
}

type RawRoute = (request: http.IncomingMessage, body: Buffer, response: http.ServerResponse, double: MoodleDouble) => void | Promise<void>;

interface Answer {
  status: number;
  contentType: string;
  text: string;
  cut?: 'before' | 'after';
}

export class MoodleDouble {
  readonly state: DoubleState = createState();
  readonly calls: RecordedCall[] = [];
  readonly contractViolations: string[] = [];
  readonly functions = new Map<string, RegisteredFunction>();
  readonly token: string;
  maxInputVars: number;
  latencyMs: number | ((functionName: string | null, params: Record<string, unknown>) => number);
  debug: boolean;
  now = 1_795_353_000;
  url = '';
  private readonly faults: Array<Fault & { left: number }> = [];
  private readonly routes = new Map<string, RawRoute>();
  private server?: http.Server;
  private readonly sockets = new Set<import('node:net').Socket>();

  constructor(options: MoodleDoubleOptions = {}) {
    this.token = options.token ?? 'double-token-0123456789abcdef0123456789ab';
    this.maxInputVars = options.maxInputVars ?? 5000;
    this.latencyMs = options.latencyMs ?? 0;
    this.debug = options.debug ?? false;
    this.state.wwwroot = options.wwwroot ?? 'http://127.0.0.1';
  }

  /** Adds (or replaces) a web-service function. Without `signature`, the recorded one is used. */
  register(name: string, definition: { handler: FunctionHandler; signature?: FunctionSignature }): this {
    const signature = definition.signature ?? recordedSignatures()[name];
    if (!signature) throw new Error(`No recorded signature for ${name}: pass one to register().`);
    this.functions.set(name, { signature, handler: definition.handler });
    return this;
  }

  /** Adds a raw HTTP endpoint, e.g. `/webservice/upload.php`. */
  route(pathname: string, handler: RawRoute): this {
    this.routes.set(pathname, handler);
    return this;
  }

  injectFault(fault: Fault): this {
    this.faults.push({ ...fault, left: fault.times ?? 1 });
    return this;
  }

  clearFaults(): void {
    this.faults.length = 0;
  }

  callCount(functionName?: string): number {
    return functionName ? this.calls.filter((call) => call.functionName === functionName).length : this.calls.length;
  }

  resetCalls(): void {
    this.calls.length = 0;
  }

  async start(): Promise<string> {
    this.server = http.createServer((request, response) => void this.onHttp(request, response));
    this.server.on('connection', (socket) => {
      this.sockets.add(socket);
      socket.on('close', () => this.sockets.delete(socket));
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}`;
    this.state.wwwroot = this.url;
    return this.url;
  }

  async stop(): Promise<void> {
    for (const socket of this.sockets) socket.destroy();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
    this.server = undefined;
  }

  /** The same server without sockets: for unit tests that script the network in-process. */
  transport(): Transport {
    return async (request) => {
      const url = new URL(request.url);
      const answer = await this.handleRest(request.body, url.search.slice(1));
      if (answer.cut) throw new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
      return { status: answer.status, contentType: answer.contentType, text: answer.text };
    };
  }

  /** Handles one REST request body (and query string). */
  async handleRest(body: string, query = ''): Promise<Answer> {
    const post = decodePhpForm(body, this.maxInputVars);
    const get = decodePhpForm(query, this.maxInputVars);
    const all = { ...get.vars, ...post.vars } as Record<string, unknown>;
    const { wstoken, wsfunction, moodlewsrestformat, ...params } = all;
    const functionName = typeof wsfunction === 'string' ? wsfunction : null;
    const index = this.calls.length + 1;
    const record: RecordedCall = { index, functionName, params, fields: post.received + get.received, dropped: post.dropped + get.dropped, outcome: 'ok' };
    this.calls.push(record);
    const latency = typeof this.latencyMs === 'function' ? this.latencyMs(functionName, params) : this.latencyMs;
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));

    const fault = this.takeFault(index, functionName);
    if (fault && fault.kind !== 'network-after') {
      record.outcome = fault.kind;
      if (fault.kind === 'network') return { status: 0, contentType: '', text: '', cut: 'before' };
      const status = Number(fault.kind.slice(4));
      return { status, contentType: 'text/html', text: `<html><body>HTTP ${status}</body></html>` };
    }
    const json = moodlewsrestformat === 'json';
    const result = this.dispatch(functionName, wstoken, params);
    if (result instanceof MoodleException) {
      record.outcome = 'exception';
      record.errorcode = result.errorcode;
    }
    if (fault?.kind === 'network-after') {
      record.outcome = 'network-after';
      return { status: 0, contentType: '', text: '', cut: 'after' };
    }
    const payload = result instanceof MoodleException ? this.exceptionBody(result) : result;
    if (!json) return { status: 200, contentType: 'application/xml; charset=utf-8', text: toXml(payload, result instanceof MoodleException) };
    return { status: 200, contentType: 'application/json; charset=utf-8', text: JSON.stringify(payload) };
  }

  private dispatch(functionName: string | null, token: unknown, params: Record<string, unknown>): unknown {
    if (token !== this.token) return new MoodleException('core\\exception\\moodle_exception', 'invalidtoken', 'Invalid token - token not found');
    if (!functionName) return MoodleException.invalidParameter('Missing function name');
    const registered = this.functions.get(functionName);
    if (!registered) {
      if (recordedSignatures()[functionName]) {
        return new MoodleException('webservice_access_exception', 'accessexception', 'Access control exception', `Access to the function ${functionName}() is not allowed.`);
      }
      return new MoodleException('dml_missing_record_exception', 'invalidrecordunknown', "Can't find data record in database.", `SELECT * FROM {external_functions} WHERE name = ?`);
    }
    let validated: unknown;
    try {
      validated = validateParams(registered.signature.parameters, params);
    } catch (error) {
      if (error instanceof InvalidParameter) return MoodleException.invalidParameter(error.message);
      throw error;
    }
    try {
      const result = registered.handler(validated, { double: this, state: this.state, now: this.now });
      const problems = checkReturns(registered.signature.returns, result ?? null);
      if (problems.length) this.contractViolations.push(...problems.map((problem) => `${functionName}: ${problem}`));
      return result ?? null;
    } catch (error) {
      if (error instanceof MoodleException) return error;
      if (error instanceof InvalidParameter) return MoodleException.invalidParameter(error.message);
      const message = error instanceof Error ? error.message : String(error);
      this.contractViolations.push(`${functionName}: handler crashed: ${message}`);
      return new MoodleException('coding_exception', 'codingerror', `Coding error detected, it must be fixed by a programmer: ${message}`);
    }
  }

  private exceptionBody(error: MoodleException): Record<string, string> {
    const body: Record<string, string> = { exception: error.exception };
    if (error.errorcode !== undefined) body.errorcode = error.errorcode;
    body.message = error.message;
    if (this.debug && error.debuginfo) body.debuginfo = error.debuginfo;
    return body;
  }

  private takeFault(index: number, functionName: string | null): Fault | undefined {
    for (const fault of this.faults) {
      if (fault.left <= 0) continue;
      if (fault.call !== undefined && fault.call !== index) continue;
      if (fault.functionName !== undefined) {
        if (fault.functionName !== functionName) continue;
        if (fault.nth !== undefined && this.callCount(functionName) !== fault.nth) continue;
      }
      fault.left -= 1;
      return fault;
    }
    return undefined;
  }

  private async onHttp(request: http.IncomingMessage, response: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const url = new URL(request.url ?? '/', this.url || 'http://127.0.0.1');
    try {
      if (url.pathname === '/webservice/rest/server.php') {
        const answer = await this.handleRest(body.toString('utf8'), url.search.slice(1));
        if (answer.cut) {
          request.socket.destroy();
          return;
        }
        response.writeHead(answer.status, { 'content-type': answer.contentType, ...(answer.status === 429 ? { 'retry-after': '0' } : {}) });
        response.end(answer.text);
        return;
      }
      const route = this.routes.get(url.pathname);
      if (route) return await route(request, body, response, this);
      response.writeHead(404, { 'content-type': 'text/html' });
      response.end('<html><body>Not found</body></html>');
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' });
      response.end(error instanceof Error ? error.message : String(error));
    }
  }
}
