import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedAvailable, sayWhetherRecorded } from '../helpers.ts';
import { MoodleClient, MoodleError, chunkByFields, countFields, flattenParams, restEndpoint, retryDelay, defaultRetryPolicy, type Transport } from '../../../plugin/src/moodle/index.ts';
import { createMoodleDouble, seedCourse, seedUser, type MoodleDouble } from '../double/index.ts';

sayWhetherRecorded();
let double: MoodleDouble;
let url: string;
const noSleep = async () => {};


function client(options: Partial<ConstructorParameters<typeof MoodleClient>[0]> = {}) {
  return new MoodleClient({ url, token: double.token, sleep: noSleep, ...options });
}

describe('form encoding', () => {
  it('flattens nested parameters the PHP way, booleans as 1/0', () => {
    expect(flattenParams({ users: [{ username: 'a', createpassword: true, customfields: [{ type: 't', value: 'v' }] }], courseid: 3 })).toEqual([
      ['users[0][username]', 'a'],
      ['users[0][createpassword]', '1'],
      ['users[0][customfields][0][type]', 't'],
      ['users[0][customfields][0][value]', 'v'],
      ['courseid', '3'],
    ]);
    expect(countFields({ a: [{ b: 1, c: 2 }, { b: 3 }], d: 'x' })).toBe(4);
    expect(() => flattenParams({ a: null })).toThrow(/null/);
  });

  it('chunks items so each request stays within the field budget', () => {
    const items = Array.from({ length: 10 }, (_, i) => ({ username: `u${i}`, email: `u${i}@example.org` }));
    const chunks = chunkByFields(items, (chunk) => ({ users: chunk }), 7);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    expect(() => chunkByFields(items, (chunk) => ({ users: chunk }), 1)).toThrow(/max_input_vars/);
  });
});

describe('connection rules', () => {
  it('requires HTTPS except on loopback or when explicitly allowed', () => {
    expect(restEndpoint('https://campus.example.org/', false)).toBe('https://campus.example.org/webservice/rest/server.php');
    expect(restEndpoint('http://127.0.0.1:8080', false)).toBe('http://127.0.0.1:8080/webservice/rest/server.php');
    expect(restEndpoint('http://localhost/moodle', false)).toBe('http://localhost/moodle/webservice/rest/server.php');
    expect(() => restEndpoint('http://campus.example.org', false)).toThrow(/Refusing plain HTTP/);
    expect(restEndpoint('http://campus.example.org', true)).toMatch(/^http:/);
    expect(() => restEndpoint('https://campus.example.org/?wstoken=secret123', false)).toThrow(/<redacted>/);
  });
});

describe.skipIf(!recordedAvailable)('talking to the double over HTTP', () => {
  beforeAll(async () => {
    double = createMoodleDouble({ debug: true });
    url = await double.start();
  });
  afterAll(() => double.stop());

  it('sends JSON format always and returns typed results', async () => {
    seedUser(double.state, { username: 'ana', idnumber: 'P-1', email: 'ana@example.org' });
    const moodle = client();
    const users = await moodle.call('core_user_get_users_by_field', { field: 'idnumber', values: ['P-1', 'P-404'] });
    expect(users.map((u) => u.username)).toEqual(['ana']);
    const last = double.calls.at(-1)!;
    expect(last.functionName).toBe('core_user_get_users_by_field');
    expect(moodle.stats.calls).toBe(1);
    expect(double.contractViolations).toEqual([]);
  });

  it('turns HTTP-200 exceptions into MoodleError with function, errorcode, message and status', async () => {
    const error = await client()
      .callRaw('enrol_manual_unenrol_users', { enrolments: [{ userid: 5, courseid: 2, roleid: 5 }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MoodleError);
    const moodleError = error as MoodleError;
    expect(moodleError.functionName).toBe('enrol_manual_unenrol_users');
    expect(moodleError.errorcode).toBe('invalidparameter');
    expect(moodleError.status).toBe(200);
    expect(moodleError.debuginfo).toBe('enrolments => Invalid parameter value detected: Unexpected keys (roleid) detected in parameter array.');
    expect(moodleError.message).toContain('Invalid parameter value detected [invalidparameter]');
  });

  it('never puts the token in an error, its cause or its stack', async () => {
    const secret = double.token;
    const bad = new MoodleClient({ url, token: 'wrong-token-abcdef123456', sleep: noSleep });
    const invalid = (await bad.call('core_webservice_get_site_info', {} as never).catch((e: unknown) => e)) as MoodleError;
    expect(invalid.errorcode).toBe('invalidtoken');
    const leaky: Transport = async (request) => {
      throw new Error(`connect failed for ${request.url}?wstoken=${secret} body=${request.body}`);
    };
    const moodle = client({ transport: leaky, retry: { retries: 0 } });
    const error = (await moodle.call('core_webservice_get_site_info', {} as never).catch((e: unknown) => e)) as MoodleError;
    expect(error.kind).toBe('transport');
    const everything = [error.message, String(error.stack), String((error.cause as Error).message), String((error.cause as Error).stack), JSON.stringify(error)].join('\n');
    expect(everything).not.toContain(secret);
    expect(everything).toContain('<redacted>');
  });

  it('redacts the token even when the server echoes it back in an error', async () => {
    const echo: Transport = async (request) => {
      const token = new URLSearchParams(request.body).get('wstoken');
      return { status: 200, contentType: 'application/json', text: JSON.stringify({ exception: 'moodle_exception', errorcode: `bad${token}`, message: `Token ${token} refused`, debuginfo: `wstoken=${token}&x=1` }) };
    };
    const error = (await client({ transport: echo }).call('core_webservice_get_site_info', {} as never).catch((e: unknown) => e)) as MoodleError;
    const text = [error.message, error.errorcode, error.debuginfo, error.stack].join('\n');
    expect(text).not.toContain(double.token);
    expect(error.message).toContain('Token <redacted> refused');
  });

  it('retries reads on 5xx and network cuts, never writes', async () => {
    const moodle = client();
    double.injectFault({ functionName: 'core_course_get_courses_by_field', kind: 'http503', times: 1 });
    double.injectFault({ functionName: 'core_course_get_courses_by_field', kind: 'network', times: 1 });
    const before = double.callCount('core_course_get_courses_by_field');
    await moodle.call('core_course_get_courses_by_field', { field: 'idnumber', value: 'none' });
    expect(double.callCount('core_course_get_courses_by_field') - before).toBe(3);
    expect(moodle.stats.retries).toBe(2);

    double.injectFault({ functionName: 'core_user_create_users', kind: 'http500' });
    const beforeWrites = double.callCount('core_user_create_users');
    const error = (await moodle.call('core_user_create_users', { users: [{ username: 'x1', firstname: 'X', lastname: 'Y', email: 'x1@example.org', idnumber: 'X1', createpassword: true }] }).catch((e: unknown) => e)) as MoodleError;
    expect(error.kind).toBe('http');
    expect(error.status).toBe(500);
    expect(double.callCount('core_user_create_users') - beforeWrites).toBe(1);
  });

  it('retries a read while the site is being upgraded, but not other Moodle errors', async () => {
    let calls = 0;
    const upgrading: Transport = async () => {
      calls += 1;
      const body = calls < 3 ? { exception: 'moodle_exception', errorcode: 'upgraderunning', message: 'Site is being upgraded, please retry later.' } : { courses: [], warnings: [] };
      return { status: 200, contentType: 'application/json', text: JSON.stringify(body) };
    };
    await client({ transport: upgrading }).call('core_course_get_courses_by_field', { field: 'idnumber', value: 'x' });
    expect(calls).toBe(3);
    calls = 0;
    const invalid: Transport = async () => {
      calls += 1;
      return { status: 200, contentType: 'application/json', text: JSON.stringify({ exception: 'x', errorcode: 'invalidparameter', message: 'Invalid parameter value detected' }) };
    };
    await client({ transport: invalid }).call('core_course_get_courses_by_field', { field: 'idnumber', value: 'x' }).catch(() => undefined);
    expect(calls).toBe(1);
  });

  it('backs off exponentially with jitter', () => {
    const policy = { ...defaultRetryPolicy, baseDelayMs: 100, maxDelayMs: 1000 };
    expect(retryDelay(policy, 1, () => 1)).toBe(100);
    expect(retryDelay(policy, 3, () => 1)).toBe(400);
    expect(retryDelay(policy, 9, () => 1)).toBe(1000);
    expect(retryDelay(policy, 3, () => 0.5)).toBe(200);
    expect(retryDelay({ ...policy, jitter: 'none' }, 2, () => 0)).toBe(200);
    // A server's Retry-After wins when longer, within the ceiling.
    expect(retryDelay(policy, 1, () => 0, 0.5)).toBe(500);
    expect(retryDelay(policy, 1, () => 0, 60)).toBe(1000);
  });

  it('surfaces warnings from successful answers', async () => {
    const warnings: string[] = [];
    const moodle = client({ onWarning: (w) => warnings.push(`${w.functionName}: ${w.message}`) });
    await moodle.call('core_user_update_users', { users: [{ id: 999999, firstname: 'Nobody' }] });
    expect(warnings).toEqual(['core_user_update_users: Invalid user ID']);
  });

  it('explains a non-JSON answer', async () => {
    const xml: Transport = async () => ({ status: 200, contentType: 'application/xml', text: '<?xml version="1.0" encoding="UTF-8" ?>\n<RESPONSE/>' });
    const error = (await client({ transport: xml }).call('core_webservice_get_site_info', {} as never).catch((e: unknown) => e)) as MoodleError;
    expect(error.kind).toBe('response');
    expect(error.message).toMatch(/XML/);
  });

  it('answers XML when the format is omitted, like Moodle', async () => {
    const answer = await double.handleRest(`wstoken=${double.token}&wsfunction=core_enrol_get_enrolled_users&courseid=abc`);
    expect(answer.text).toContain('<ERRORCODE>invalidparameter</ERRORCODE>');
  });

  it('batches under max_input_vars and checks counts; the double truncates silently like PHP', async () => {
    // 3 meta fields + 16 users × 6 fields: the cut falls on a user boundary, as in recording 1110.
    double.maxInputVars = 99;
    try {
      const users = Array.from({ length: 40 }, (_, i) => ({ username: `bulk${i}`, firstname: 'B', lastname: `U${i}`, email: `bulk${i}@example.org`, idnumber: `B-${i}`, createpassword: true }));
      const raw = new MoodleClient({ url, token: double.token, maxInputVars: 1000, sleep: noSleep });
      const truncated = await raw.call('core_user_create_users', { users });
      expect(truncated).toHaveLength(16);
      expect(double.calls.at(-1)!.dropped).toBe(243 - 99);

      // A cut inside a record loses a required key: the whole call is refused.
      double.maxInputVars = 100;
      const inside = (await raw.call('core_user_create_users', { users: users.map((u) => ({ ...u, username: `${u.username}x`, email: `x.${u.email}` })) }).catch((e: unknown) => e)) as MoodleError;
      expect(inside.errorcode).toBe('invalidparameter');

      const rest = users.slice(truncated.length).map((u) => ({ ...u, username: `${u.username}b`, email: `b.${u.email}` }));
      const moodle = client({ maxInputVars: 100 });
      double.maxInputVars = 100;
      const results = await moodle.callInBatches('core_user_create_users', rest, (chunk) => ({ users: chunk }), { expect: 'one-per-item' });
      expect(results.reduce((n, r) => n + r.result.length, 0)).toBe(rest.length);
      expect(double.calls.slice(-results.length).every((c) => c.fields <= 100 && c.dropped === 0)).toBe(true);

      // A client that believes the limit is higher notices the short answer.
      double.maxInputVars = 99;
      const optimistic = client({ maxInputVars: 1000 });
      const more = rest.map((u) => ({ ...u, username: `${u.username}c`, email: `c.${u.email}` }));
      const error = (await optimistic.callInBatches('core_user_create_users', more, (chunk) => ({ users: chunk }), { expect: 'one-per-item' }).catch((e: unknown) => e)) as MoodleError;
      expect(error.kind).toBe('mismatch');
      expect(error.message).toMatch(/max_input_vars/);
    } finally {
      double.maxInputVars = 5000;
    }
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    let inFlight = 0;
    let peak = 0;
    const inner = double.transport();
    const counting: Transport = async (request) => {
      inFlight += 1;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      try {
        return await inner(request);
      } finally {
        inFlight -= 1;
      }
    };
    const moodle = client({ transport: counting, concurrency: 3 });
    const course = seedCourse(double.state, { shortname: 'C-conc' });
    await Promise.all(Array.from({ length: 12 }, () => moodle.call('core_group_get_course_groups', { courseid: course.id })));
    expect(peak).toBe(3);
  });
});

describe.skipIf(!recordedAvailable)('every recorded Moodle answer', () => {
  it('is read the way the recording says: errors become MoodleError with their errorcode, the rest are results', async () => {
    const { readFileSync } = await import('node:fs');
    const path = await import('node:path');
    const { recordedDir } = await import('../double/signatures.ts');
    const index = JSON.parse(readFileSync(path.join(recordedDir, 'index.json'), 'utf8')) as { files: Array<{ file: string; function: string | null; isErrorResponse: boolean; errorcode: string | null }> };
    let checked = 0;
    for (const entry of index.files) {
      const recording = JSON.parse(readFileSync(path.join(recordedDir, entry.file), 'utf8')) as { response: unknown; responseIsJson?: boolean };
      if (!entry.function || entry.function.includes('.php') || typeof recording.response === 'string') continue;
      const replay: Transport = async () => ({ status: 200, contentType: 'application/json', text: JSON.stringify(recording.response) });
      const moodle = new MoodleClient({ url: 'https://campus.example.org', token: 'recorded-token-123', transport: replay, sleep: noSleep, retry: { retries: 0 } });
      const outcome = await moodle.callRaw(entry.function, {}).then((value) => ({ value }), (error: unknown) => ({ error }));
      const isError = Boolean(recording.response && typeof recording.response === 'object' && 'exception' in (recording.response as object));
      if (isError) {
        expect(outcome, entry.file).toHaveProperty('error');
        const error = (outcome as { error: MoodleError }).error;
        expect(error, entry.file).toBeInstanceOf(MoodleError);
        expect(error.errorcode ?? null, entry.file).toBe((recording.response as { errorcode?: string }).errorcode ?? null);
        expect(error.functionName).toBe(entry.function);
      } else {
        expect(outcome, entry.file).toEqual({ value: recording.response });
      }
      checked += 1;
    }
    expect(checked).toBeGreaterThan(100);
  });
});
