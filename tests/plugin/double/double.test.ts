import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MoodleClient, type MoodleError } from '../../../plugin/src/moodle/index.ts';
import { recordedAvailable } from './signatures.ts';
import { createMoodleDouble, MoodleException, seedCourse, validateParams, recordedSignatures, type MoodleDouble } from './index.ts';

let double: MoodleDouble;
let client: MoodleClient;

beforeAll(async () => {
  double = createMoodleDouble({ debug: true });
  client = new MoodleClient({ url: await double.start(), token: double.token, sleep: async () => {} });
});
afterAll(() => double.stop());

const failure = (promise: Promise<unknown>) => promise.then(() => undefined, (error: MoodleError) => error);

describe.skipIf(!recordedAvailable)('the Moodle test double enforces the recorded signatures', () => {
  it('refuses unknown keys, missing required keys and wrong types with the recorded error shape', async () => {
    const unknown = await failure(client.callRaw('enrol_manual_unenrol_users', { enrolments: [{ userid: 5, courseid: 2, roleid: 5 }] }));
    expect(unknown).toMatchObject({ errorcode: 'invalidparameter', exception: 'core\\exception\\invalid_parameter_exception', debuginfo: 'enrolments => Invalid parameter value detected: Unexpected keys (roleid) detected in parameter array.' });
    const missing = await failure(client.callRaw('core_user_get_users_by_field', { field: 'username' }));
    expect(missing).toMatchObject({ errorcode: 'invalidparameter', debuginfo: 'Missing required key in single structure: values' });
    const type = await failure(client.callRaw('core_enrol_get_enrolled_users', { courseid: 'abc' }));
    expect(type?.debuginfo).toBe('courseid => Invalid parameter value detected: Invalid external api parameter: the value is "abc", the server was expecting "int" type');
    const upper = await failure(client.callRaw('core_user_create_users', { users: [{ username: 'WC.Upper', password: 'Passw0rd!x9', firstname: 'U', lastname: 'C', email: 'u@example.org' }] }));
    expect(upper?.debuginfo).toMatch(/^users => Invalid parameter value detected: username => .*"username" type$/);
  });

  it('applies defaults and answers the recorded errors of unknown and unavailable functions', async () => {
    const signature = recordedSignatures().core_user_create_users!;
    const user = (validateParams(signature.parameters, { users: { 0: { username: 'a', firstname: 'A', lastname: 'B', email: 'a@example.org' } } }) as { users: Array<Record<string, unknown>> }).users[0]!;
    expect(user).toMatchObject({ auth: 'manual', idnumber: '', lang: 'en', calendartype: 'gregorian' });
    expect(await failure(client.callRaw('core_nonexistent_function', {}))).toMatchObject({ errorcode: 'invalidrecordunknown' });
    expect(await failure(client.callRaw('core_course_delete_courses', { courseids: [999] }))).toMatchObject({ errorcode: 'accessexception' });
  });

  it('fails a whole create call for one duplicate e-mail and creates nothing of it', async () => {
    const before = double.state.users.size;
    const error = await failure(client.call('core_user_create_users', { users: [
      { username: 'fresh1', firstname: 'F', lastname: 'One', email: 'fresh1@example.org', idnumber: 'F1', createpassword: true },
      { username: 'fresh2', firstname: 'F', lastname: 'Two', email: 'ADMIN@example.org', idnumber: 'F2', createpassword: true },
    ] }));
    expect(error?.debuginfo).toBe('Email address already exists: ADMIN@example.org');
    expect(double.state.users.size).toBe(before);
  });

  it('answers writes with null and partial failures as warnings', async () => {
    const course = seedCourse(double.state, { shortname: 'w', idnumber: 'W' });
    const [user] = await client.call('core_user_create_users', { users: [{ username: 'w1', firstname: 'W', lastname: 'One', email: 'w1@example.org', idnumber: 'W1', createpassword: true }] });
    expect(await client.call('enrol_manual_enrol_users', { enrolments: [{ roleid: 5, userid: user!.id, courseid: course.id }] })).toBeNull();
    const answer = await client.call('core_cohort_add_cohort_members', { members: [{ cohorttype: { type: 'id', value: '999' }, usertype: { type: 'id', value: String(user!.id) } }] });
    expect(answer.warnings).toEqual([{ warningcode: '2', message: 'cohort id=999 not exists' }]);
    expect(await failure(client.call('core_group_add_group_members', { members: [{ groupid: 1, userid: user!.id }] }))).toMatchObject({ errorcode: 'invalidrecordunknown' });
    expect(double.contractViolations).toEqual([]);
  });

  it('is extensible: a plugin function with its own signature, and a raw route', async () => {
    double.register('local_wecare_ping', {
      signature: {
        name: 'local_wecare_ping',
        type: 'read',
        parameters: { kind: 'function_parameters', required: 'VALUE_REQUIRED', keys: { courseid: { kind: 'value', type: 'int', required: 'VALUE_REQUIRED' } } },
        returns: { kind: 'single_structure', required: 'VALUE_REQUIRED', keys: { pong: { kind: 'value', type: 'int', required: 'VALUE_REQUIRED' } } },
      },
      handler: ({ courseid }: { courseid: number }) => {
        if (courseid < 0) throw new MoodleException('moodle_exception', 'negative', 'Negative course');
        return { pong: courseid + 1 };
      },
    });
    expect(await client.callRaw('local_wecare_ping', { courseid: 41 })).toEqual({ pong: 42 });
    expect(await failure(client.callRaw('local_wecare_ping', { courseid: 1, extra: 1 }))).toMatchObject({ errorcode: 'invalidparameter' });
    expect(await failure(client.callRaw('local_wecare_ping', { courseid: -1 }))).toMatchObject({ errorcode: 'negative' });
    double.route('/webservice/upload.php', (_request, body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ bytes: body.length }));
    });
    const answer = await fetch(`${double.url}/webservice/upload.php`, { method: 'POST', body: 'abc' });
    expect(await answer.json()).toEqual({ bytes: 3 });
  });

  it('collects contract violations when a handler drifts from the recorded return shape', async () => {
    double.register('core_group_get_course_groups', { handler: () => [{ id: 1, name: 'no courseid' }] });
    seedCourse(double.state, { shortname: 'drift' });
    await client.call('core_group_get_course_groups', { courseid: 2 });
    expect(double.contractViolations.some((v) => v.includes('return[0].courseid: missing'))).toBe(true);
    double.contractViolations.length = 0;
  });
});

