/**
 * Uploads a file into the token user's draft area through Moodle's `webservice/upload.php`
 * (multipart, `token` field). Its answers differ from the REST server's: a list of draft files on
 * success, `{error, errorcode, …}` for a bad token or a disabled upload, and per-file
 * `{errortype, error}` entries (recorded in ../shared/moodle-recorded, files 07xx).
 * The token never appears in an error: messages are built from Moodle's fields and redacted.
 */
import { MoodleError } from '../moodle/errors.ts';
import { restEndpoint } from '../moodle/client.ts';
import { redact } from '../moodle/redact.ts';

export interface UploadRequest {
  url: string;
  form: FormData;
  signal?: AbortSignal;
}

export type UploadTransport = (request: UploadRequest) => Promise<{ status: number; text: string }>;

export const fetchUploadTransport: UploadTransport = async ({ url, form, signal }) => {
  const response = await fetch(url, { method: 'POST', body: form, signal, redirect: 'error' });
  return { status: response.status, text: await response.text() };
};

export interface DraftFile {
  itemid: number;
  filename: string;
  filesize: number;
}

export interface UploaderOptions {
  /** Site root, as MOODLE_URL. */
  url: string;
  token: string;
  allowInsecureHttp?: boolean;
  transport?: UploadTransport;
  /** Per-upload timeout. Default 10 minutes (packages can be large and connections slow). */
  timeoutMs?: number;
  /** Extra attempts after a transport failure or 5xx. Each attempt uses a new draft area, so repeating is safe. */
  retries?: number;
  sleep?: (ms: number) => Promise<void>;
}

const functionName = 'webservice/upload.php';

export class DraftUploader {
  readonly endpoint: string;
  private readonly token: string;
  private readonly transport: UploadTransport;
  private readonly timeoutMs: number;
  private readonly retries: number;
  private readonly sleep: (ms: number) => Promise<void>;
  uploads = 0;

  constructor(options: UploaderOptions) {
    if (!options.token) throw new MoodleError('No Moodle token given (set MOODLE_TOKEN).', { kind: 'config' });
    this.token = options.token;
    this.endpoint = restEndpoint(options.url, options.allowInsecureHttp ?? false, [options.token]).replace(/\/webservice\/rest\/server\.php$/, '/webservice/upload.php');
    this.transport = options.transport ?? fetchUploadTransport;
    this.timeoutMs = options.timeoutMs ?? 600_000;
    this.retries = options.retries ?? 2;
    this.sleep = options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms)));
  }

  /** Uploads one file into a new draft area and returns its item id. */
  async upload(filename: string, data: Buffer): Promise<DraftFile> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await this.once(filename, data);
      } catch (error) {
        const transient = error instanceof MoodleError && error.transient;
        if (!transient || attempt > this.retries) throw error;
        await this.sleep(500 * 2 ** (attempt - 1));
      }
    }
  }

  private async once(filename: string, data: Buffer): Promise<DraftFile> {
    const form = new FormData();
    form.set('token', this.token);
    form.set('filepath', '/');
    form.set('file_1', new Blob([new Uint8Array(data)], { type: 'application/zip' }), filename);
    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), this.timeoutMs);
    let response: { status: number; text: string };
    try {
      this.uploads += 1;
      response = await this.transport({ url: this.endpoint, form, signal: controller.signal });
    } catch (cause) {
      const reason = controller.signal.aborted ? `no answer within ${Math.round(this.timeoutMs / 1000)} s` : describe(cause);
      throw new MoodleError(`${functionName}: could not upload ${filename} (${reason}).`, { kind: 'transport', functionName, cause }, [this.token]);
    } finally {
      clearTimeout(timer);
    }
    if (response.status !== 200) {
      throw new MoodleError(`${functionName}: Moodle answered HTTP ${response.status} to the upload of ${filename}.`, { kind: 'http', functionName, status: response.status }, [this.token]);
    }
    let parsed: unknown;
    try {
      parsed = JSON.parse(response.text);
    } catch {
      const start = response.text.trimStart().slice(0, 40).replace(/\s+/g, ' ');
      throw new MoodleError(`${functionName}: Moodle did not answer JSON to the upload of ${filename} but "${redact(start, [this.token])}…" (is the file larger than the site's upload limit?).`, { kind: 'response', functionName }, [this.token]);
    }
    if (parsed && typeof parsed === 'object' && !Array.isArray(parsed) && 'error' in parsed) {
      const body = parsed as { error?: unknown; errorcode?: unknown };
      const errorcode = typeof body.errorcode === 'string' ? body.errorcode : undefined;
      const hint = errorcode === 'invalidtoken' ? ' Check MOODLE_TOKEN.' : /upload/i.test(String(body.error)) ? ' The token\'s service must allow file uploads ("Can upload files").' : '';
      throw new MoodleError(`${functionName}: ${String(body.error)}${errorcode ? ` [${errorcode}]` : ''}.${hint}`, { kind: 'exception', functionName, errorcode }, [this.token]);
    }
    const first = Array.isArray(parsed) ? (parsed[0] as Record<string, unknown> | undefined) : undefined;
    if (!first) throw new MoodleError(`${functionName}: Moodle answered the upload of ${filename} with no file.`, { kind: 'response', functionName }, [this.token]);
    if (typeof first.errortype === 'string' || typeof first.itemid !== 'number') {
      throw new MoodleError(`${functionName}: Moodle refused ${filename}: ${String(first.error ?? 'no reason given')}${typeof first.errortype === 'string' ? ` [${first.errortype}]` : ''}.`, { kind: 'exception', functionName, errorcode: typeof first.errortype === 'string' ? first.errortype : undefined }, [this.token]);
    }
    return { itemid: first.itemid, filename: String(first.filename ?? filename), filesize: Number(first.filesize ?? data.length) };
  }
}

function describe(cause: unknown): string {
  const inner = (cause as { cause?: { code?: string } })?.cause;
  if (inner?.code) return inner.code;
  return cause instanceof Error ? cause.message : String(cause);
}
