/** webservice/upload.php: draft item ids, the recorded error shapes, and the token kept out of errors. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DraftUploader, type UploadTransport } from '../../../plugin/src/deploy/upload.ts';
import { MoodleError } from '../../../plugin/src/moodle/errors.ts';
import { createMoodleDouble, type MoodleDouble } from '../double/index.ts';
import { installLocalWecare, localWecareState } from '../double/local-wecare.ts';
import { scormZip } from './fixtures.ts';

let double: MoodleDouble;
let url: string;
beforeAll(async () => {
  double = createMoodleDouble();
  installLocalWecare(double);
  url = await double.start();
});
afterAll(() => double.stop());

describe('uploading packages to the draft area', () => {
  it('returns a new draft item id per upload, holding the exact bytes', async () => {
    const uploader = new DraftUploader({ url, token: double.token });
    const zip = await scormZip('Uno', 'uno');
    const first = await uploader.upload('m01.scorm12.zip', zip);
    const second = await uploader.upload('m01.scorm12.zip', zip);
    expect(first.itemid).not.toBe(second.itemid);
    expect(first).toMatchObject({ filename: 'm01.scorm12.zip', filesize: zip.length });
    expect(localWecareState(double).drafts.get(first.itemid)![0]!.data.equals(zip)).toBe(true);
    expect(uploader.endpoint).toBe(`${url}/webservice/upload.php`);
  });

  it('turns a bad token into a clear error that never shows the token', async () => {
    const secret = 'f00dbabe0123456789abcdef01234567';
    const uploader = new DraftUploader({ url, token: secret });
    const error = await uploader.upload('a.zip', Buffer.from('x')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoodleError);
    expect((error as MoodleError).message).toBe('webservice/upload.php: Invalid token - token not found [invalidtoken]. Check MOODLE_TOKEN.');
    expect(JSON.stringify(error) + String((error as Error).stack)).not.toContain(secret);
  });

  it('refuses plain HTTP to a remote host and redacts a token echoed back by the server', async () => {
    expect(() => new DraftUploader({ url: 'http://campus.example.org', token: 'secret-token-1234' })).toThrow(/Refusing plain HTTP/);
    const echo: UploadTransport = async ({ form }) => ({ status: 200, text: `<html>token=${String(form.get('token'))} is wrong</html>` });
    const uploader = new DraftUploader({ url: 'https://campus.example.org', token: 'secret-token-1234', transport: echo });
    const error = (await uploader.upload('a.zip', Buffer.from('x')).catch((e: unknown) => e)) as Error;
    expect(error.message).toMatch(/did not answer JSON/);
    expect(error.message).not.toContain('secret-token-1234');
  });

  it('retries a cut connection (each attempt uses a fresh draft area) but not a refusal', async () => {
    let calls = 0;
    const flaky: UploadTransport = async () => {
      calls += 1;
      if (calls === 1) throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }) });
      return { status: 200, text: JSON.stringify([{ itemid: 42, filename: 'a.zip', filesize: 1 }]) };
    };
    const uploader = new DraftUploader({ url: 'https://campus.example.org', token: 't0k3n-abcdef', transport: flaky, sleep: async () => {} });
    expect((await uploader.upload('a.zip', Buffer.from('x'))).itemid).toBe(42);
    expect(calls).toBe(2);
    let refusals = 0;
    const refusing: UploadTransport = async () => {
      refusals += 1;
      return { status: 200, text: JSON.stringify([{ filename: 'a.zip', errortype: 'filenameexist', error: 'File name already exists: a.zip' }]) };
    };
    const strict = new DraftUploader({ url: 'https://campus.example.org', token: 't0k3n-abcdef', transport: refusing, sleep: async () => {} });
    await expect(strict.upload('a.zip', Buffer.from('x'))).rejects.toThrow('webservice/upload.php: Moodle refused a.zip: File name already exists: a.zip [filenameexist].');
    expect(refusals).toBe(1);
  });
});
