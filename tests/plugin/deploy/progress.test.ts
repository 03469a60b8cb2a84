/** Bulk course progress (local_wecare_get_course_progress), paged, against the test double. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { courseProgressAvailable, fetchCourseProgress } from '../../../plugin/src/progress/course-progress.ts';
import { createMoodleDouble, nextId, seedCourse, seedEnrolment, seedModule, seedProgress, seedUser, type MoodleDouble } from '../double/index.ts';
import { installLocalWecare } from '../double/local-wecare.ts';
import { clientFor } from '../helpers.ts';

let double: MoodleDouble;
let url: string;
let courseid: number;
let cmids: number[];

beforeAll(async () => {
  double = createMoodleDouble();
  installLocalWecare(double);
  url = await double.start();
  const course = seedCourse(double.state, { shortname: 'wc-co-m01', idnumber: 'WC-CO-M01' });
  courseid = course.id;
  cmids = [
    seedModule(double.state, { courseid, modname: 'scorm', name: 'Módulo 1', idnumber: 'wecare-co-m01-scorm12' }).id,
    seedModule(double.state, { courseid, modname: 'h5pactivity', name: 'Cuestionario', idnumber: 'wecare-co-q1-h5p', section: 2 }).id,
  ];
  course.completionCriteria = [...cmids];
  const groupA = { id: nextId(double.state, 'group'), courseid, name: 'Grupo A · 2026A', idnumber: 'wecare-2026A-A', description: '', members: new Set<number>() };
  double.state.groups.set(groupA.id, groupA);
  for (let i = 1; i <= 450; i += 1) {
    const user = seedUser(double.state, { username: `p${i}`, idnumber: `P-${String(i).padStart(4, '0')}` });
    seedEnrolment(double.state, courseid, user.id, { suspended: i === 7 });
    if (i % 2) groupA.members.add(user.id);
    if (i % 3 === 0) {
      seedProgress(double.state, { cmid: cmids[0]!, userid: user.id, state: 2, graderaw: 85, attempts: [{ rawscore: 85, maxscore: 100 }] });
      seedProgress(double.state, { cmid: cmids[1]!, userid: user.id, state: 1, graderaw: 9, attempts: [{ rawscore: 5, maxscore: 10 }, { rawscore: 9, maxscore: 10 }] });
    }
  }
});
afterAll(() => double.stop());

describe('course progress in bulk', () => {
  it('is offered when the token may call the plugin function', async () => {
    const client = clientFor(url, double.token);
    expect(courseProgressAvailable(await client.call('core_webservice_get_site_info', {}))).toBe(true);
    expect(courseProgressAvailable({ functions: [{ name: 'core_webservice_get_site_info' }] })).toBe(false);
  });

  it('reads 450 participants in three calls with completion, grades, attempts and course completion', async () => {
    double.resetCalls();
    const client = clientFor(url, double.token);
    const progress = await fetchCourseProgress(client, courseid, { perPage: 200 });
    expect(progress.calls).toBe(3);
    expect(double.callCount('local_wecare_get_course_progress')).toBe(3);
    expect(progress.participants).toHaveLength(450);
    expect(new Set(progress.participants.map((p) => p.userid)).size).toBe(450);
    expect(progress.activities.map((a) => [a.idnumber, a.modname, a.sectionnum])).toEqual([['wecare-co-m01-scorm12', 'scorm', 1], ['wecare-co-q1-h5p', 'h5pactivity', 2]]);
    const third = progress.participants.find((p) => p.idnumber === 'P-0003')!;
    expect(third).toMatchObject({ coursecompleted: true, active: true, activities: [{ cmid: cmids[0], state: 2, grade: 85, attempts: 1 }, { cmid: cmids[1], state: 1, grade: 9, attempts: 2 }] });
    const first = progress.participants.find((p) => p.idnumber === 'P-0001')!;
    expect(first).toMatchObject({ coursecompleted: false, timecompleted: 0, groups: [{ idnumber: 'wecare-2026A-A', name: 'Grupo A · 2026A' }], activities: [{ state: 0, attempts: 0 }, { state: 0, attempts: 0 }] });
    expect(progress.participants.find((p) => p.idnumber === 'P-0002')!.groups).toEqual([]);
    expect(progress.participants.find((p) => p.idnumber === 'P-0007')!.active).toBe(false);
    expect(progress.participants.filter((p) => p.coursecompleted)).toHaveLength(150);
    expect(double.contractViolations).toEqual([]);
  });

  it('leaves suspended enrolments out when asked', async () => {
    const client = clientFor(url, double.token);
    const progress = await fetchCourseProgress(client, courseid, { perPage: 500, onlyActive: true });
    expect([progress.calls, progress.totalparticipants, progress.participants.length]).toEqual([1, 449, 449]);
  });

  it('refuses a page size the plugin would refuse', async () => {
    const client = clientFor(url, double.token);
    await expect(fetchCourseProgress(client, courseid, { perPage: 501 })).rejects.toThrow(/between 1 and 500/);
  });
});
