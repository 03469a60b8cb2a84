/**
 * The player's tracking against scorm-again (the real third-party runtime) in Node: status and
 * score rules, commit policy, interaction formats the runtime accepts, LMS errors, API discovery.
 */
import { mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Scorm12API, Scorm2004API } from 'scorm-again';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { toLearnerModule } from '../../scripts/scorm/learner-model.ts';
import { questionResponse, reflectionRecord } from '../../templates/player/src/cmi.ts';
import { findApi } from '../../templates/player/src/lms.ts';
import { allActivities, isQuestion, type LearnerModule, type LearnerQuestion } from '../../templates/player/src/model.ts';
import { emptyState, type PlayerState } from '../../templates/player/src/state.ts';
import { Tracker } from '../../templates/player/src/tracker.ts';
import { sampleProgramme } from '../fixtures/ir/sample-programme.ts';

type Api = InstanceType<typeof Scorm12API> | InstanceType<typeof Scorm2004API>;

function model(lms: '1.2' | '2004', withQuiz = true): LearnerModule {
  const programme = sampleProgramme('es', mkdtempSync(path.join(os.tmpdir(), 'wecare-track-')));
  const module = programme.modules[0]!;
  if (!withQuiz) module.lessons[1]!.blocks = module.lessons[1]!.blocks.filter((b) => b.kind !== 'quiz');
  return toLearnerModule(module, programme, lms, 500);
}

function fakeWindow(props: Record<string, unknown>): Window {
  const win = { ...props } as Record<string, unknown>;
  win.parent = win;
  win.top = win;
  win.opener = null;
  return win as unknown as Window;
}

function lms(version: '1.2' | '2004', withQuiz = true) {
  const api: Api = version === '1.2' ? new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 }) : new Scorm2004API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
  const events: string[] = [];
  api.on(version === '1.2' ? 'LMSCommit' : 'Commit', () => events.push('commit'));
  api.on(version === '1.2' ? 'LMSFinish' : 'Terminate', () => events.push('finish'));
  const m = model(version, withQuiz);
  const tracker = new Tracker(m, fakeWindow(version === '1.2' ? { API: api } : { API_1484_11: api }));
  const cmi = () => (api.renderCMIToJSONObject() as { cmi: Record<string, any> }).cmi;
  return { api, events, model: m, tracker, cmi };
}

const seeAll = (state: PlayerState) => {
  state.seen = state.seen.map(() => true);
  return state;
};

afterEach(() => vi.restoreAllMocks());

describe('SCORM 1.2 status and score', () => {
  it('goes incomplete → (score 0 reported, still incomplete) → failed only with no attempt left', () => {
    const { tracker, cmi } = lms('1.2');
    tracker.load();
    const state = emptyState(tracker['model' as never] as LearnerModule);
    tracker.report(state);
    expect(cmi().core.lesson_status).toBe('incomplete');
    expect(cmi().core.score.raw).toBe('');
    state.quizzes['m01-quiz'] = [1, 0, 1];
    tracker.report(state);
    expect(cmi().core).toMatchObject({ lesson_status: 'incomplete', exit: 'suspend', score: { raw: '0', min: '0', max: '100' } });
    state.quizzes['m01-quiz'] = [3, 0, 1];
    tracker.report(state);
    expect(cmi().core).toMatchObject({ lesson_status: 'failed', exit: '' });
  });

  it('passes at the pass mark with the best attempt, and completes a module without a quiz once every page is seen', () => {
    const quiz = lms('1.2');
    const state = emptyState(quiz.model);
    state.quizzes['m01-quiz'] = [2, 5, 0];
    quiz.tracker.report(state);
    expect(quiz.cmi().core).toMatchObject({ lesson_status: 'passed', score: { raw: '83.33' } });

    const reading = lms('1.2', false);
    const plain = emptyState(reading.model);
    reading.tracker.report(plain);
    expect(reading.cmi().core.lesson_status).toBe('incomplete');
    reading.tracker.report(seeAll(plain));
    expect(reading.cmi().core.lesson_status).toBe('completed');
    expect(reading.cmi().core.score.raw).toBe('');
  });
});

describe('the diagnostic assessment', () => {
  it('allows one attempt and reports completed with its score, never passed or failed', () => {
    const programme = sampleProgramme('es', mkdtempSync(path.join(os.tmpdir(), 'wecare-diag-')));
    programme.assessment = programme.modules[0]!;
    const m = toLearnerModule(programme.assessment, programme, '1.2', 500);
    expect(m.limits.maxAttempts).toBe(1);
    const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    const tracker = new Tracker(m, fakeWindow({ API: api }));
    const state = emptyState(m);
    state.quizzes['m01-quiz'] = [1, 1, 1];
    tracker.report(state);
    expect((api.renderCMIToJSONObject() as any).cmi.core).toMatchObject({ lesson_status: 'completed', exit: '', score: { raw: '16.67' } });
  });
});

describe('SCORM 2004 status and score', () => {
  it('keeps completion and success apart and reports scaled scores, 0 included', () => {
    const { tracker, cmi, model: m } = lms('2004');
    const state = emptyState(m);
    state.quizzes['m01-quiz'] = [1, 0, 1];
    tracker.report(state);
    expect(cmi()).toMatchObject({ completion_status: 'incomplete', success_status: 'unknown', exit: 'suspend', score: { raw: '0', scaled: '0', min: '0', max: '100' } });
    state.quizzes['m01-quiz'] = [2, 6, 1];
    tracker.report(state);
    expect(cmi()).toMatchObject({ completion_status: 'incomplete', success_status: 'passed', score: { raw: '100', scaled: '1' } });
    tracker.report(seeAll(state));
    expect(cmi()).toMatchObject({ completion_status: 'completed', success_status: 'passed', exit: 'normal', progress_measure: '1' });
  });

  it('never reports full progress while a quiz is still to be submitted', () => {
    const { tracker, cmi, model: m } = lms('2004');
    const state = seeAll(emptyState(m));
    const outcome = tracker.report(state);
    // Every page seen, the quiz not submitted: the learner is not done, and neither is the bar.
    expect(outcome.seen).toBe(outcome.pages);
    expect(outcome.progress).toBeLessThan(100);
    expect(Number(cmi().progress_measure)).toBe(outcome.progress / 100);
    state.quizzes['m01-quiz'] = [1, 6, 1];
    expect(tracker.report(state).progress).toBe(100);
    expect(cmi().progress_measure).toBe('1');
  });

  it('fails success only when no attempt is left', () => {
    const { tracker, cmi, model: m } = lms('2004');
    const state = seeAll(emptyState(m));
    state.quizzes['m01-quiz'] = [3, 2, 1];
    tracker.report(state);
    expect(cmi()).toMatchObject({ completion_status: 'completed', success_status: 'failed', score: { raw: '33.33' } });
  });
});

describe('a relaunch with lost state', () => {
  it('never takes back a pass or a better score the LMS already has', () => {
    const api = new Scorm12API({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });
    api.loadFromJSON({ core: { lesson_status: 'passed', score: { raw: '90', min: '0', max: '100' } }, suspend_data: 'garbage' }, 'cmi');
    const tracker = new Tracker(model('1.2'), fakeWindow({ API: api }));
    const cmi = () => (api.renderCMIToJSONObject() as { cmi: Record<string, any> }).cmi;
    const { state } = tracker.load();
    expect(state.quizzes).toEqual({});
    tracker.report(state);
    expect(cmi().core).toMatchObject({ lesson_status: 'passed', exit: '', score: { raw: '90' } });
    state.quizzes['m01-quiz'] = [1, 6, 1];
    tracker.report(state);
    expect(cmi().core.score.raw).toBe('100');
  });
});

describe('commit policy and session', () => {
  it('commits on status changes and flushes, not on every write; terminates once with session time', () => {
    const { tracker, events, cmi, model: m } = lms('2004');
    tracker.load();
    const state = emptyState(m);
    tracker.report(state);
    expect(events).toEqual(['commit']);
    for (let i = 0; i < 5; i += 1) {
      state.answers['m01-sc'] = i % 2 ? 'a' : 'b';
      tracker.save('l01', state);
      tracker.report(state);
    }
    expect(events).toEqual(['commit']);
    tracker.flush();
    expect(events).toEqual(['commit', 'commit']);
    tracker.flush();
    expect(events).toHaveLength(2);
    state.quizzes['m01-quiz'] = [1, 6, 1];
    tracker.report(state);
    expect(events).toHaveLength(3);
    tracker.end();
    tracker.end();
    expect(events).toEqual(['commit', 'commit', 'commit', 'commit', 'finish']);
    expect(cmi().session_time).toMatch(/^PT\d+H\d+M[\d.]+S$/);
  });
});

describe('interaction formats accepted by scorm-again', () => {
  const tricky = (q: LearnerQuestion): string | string[] => {
    switch (q.kind) {
      case 'single-choice': return 'b';
      case 'multiple-choice': return 'a,c';
      case 'true-false': return 'f';
      case 'fill-blanks': return ['{uno, dos [,] tres [.]'];
      case 'drag-words': return '2,';
      case 'matching': return 'b,';
      case 'ordering': return '3,1,2';
    }
  };
  for (const version of ['1.2', '2004'] as const) {
    it(`writes every question kind, right and wrong, without an LMS error (${version})`, () => {
      const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
      const { tracker, cmi, model: m } = lms(version);
      tracker.load();
      const questions = allActivities(m).filter(isQuestion);
      expect(new Set(questions.map((q) => q.kind)).size).toBe(7);
      for (const q of questions) {
        for (const answer of [tricky(q), undefined]) {
          const { type, response, pattern } = questionResponse(q, answer, version);
          tracker.record({ id: q.id, type, response, pattern, result: answer ? 'wrong' : 'correct', weighting: 1, objectives: q.competences, description: 'Texto, con [,] comas' }, Date.now() - 1500);
        }
      }
      tracker.record({ id: 'm01-sa.1', type: 'likert', response: '4', result: 'neutral', weighting: 0, objectives: ['C1.1'] }, Date.now());
      tracker.record({ id: 'm01-refl', ...reflectionRecord('{Texto largo, con comas.\n\nY líneas.', version), result: 'neutral', weighting: 0, objectives: ['C1.2'] }, Date.now());
      expect(warn).not.toHaveBeenCalled();
      const records = Object.values(cmi().interactions) as Array<Record<string, any>>;
      expect(records).toHaveLength(questions.length * 2 + 2);
      const fill = records.find((r) => r.id === 'm01-q-fb')!;
      expect(version === '1.2' ? fill.student_response : fill.learner_response).toBe(version === '1.2' ? '{uno  dos [ ] tres [.]' : '(uno, dos , tres .');
      expect(fill.result).toBe(version === '1.2' ? 'wrong' : 'incorrect');
      const refl = records.at(-1)!;
      expect(version === '1.2' ? refl.student_response : refl.learner_response).toBe(version === '1.2' ? '{Texto largo, con comas. Y líneas.' : '(Texto largo, con comas. Y líneas.');
    });
  }
});

describe('an LMS that fails', () => {
  it('never stops the learner: failing writes, throwing commits', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const api = {
      LMSInitialize: () => 'true',
      LMSGetValue: () => { throw new Error('boom'); },
      LMSSetValue: () => 'false',
      LMSCommit: () => { throw new Error('network down'); },
      LMSFinish: () => 'false',
      LMSGetLastError: () => '101',
    };
    const m = model('1.2');
    const tracker = new Tracker(m, fakeWindow({ API: api }));
    expect(tracker.conn).not.toBeNull();
    const { location, state } = tracker.load();
    expect(location).toBe('');
    state.quizzes['m01-quiz'] = [1, 6, 1];
    expect(() => {
      tracker.save('l02', state);
      tracker.report(state);
      tracker.flush();
      tracker.end();
    }).not.toThrow();
    expect(warn).toHaveBeenCalled();
  });

  it('falls back to local storage when initialisation fails', () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tracker = new Tracker(model('2004'), fakeWindow({ API_1484_11: { Initialize: () => 'false', GetLastError: () => '102' } }));
    expect(tracker.conn).toBeNull();
  });
});

describe('API discovery', () => {
  it('walks up the parents, then the opener and its parents, skipping frames that throw', () => {
    const api = { LMSInitialize: () => 'true' };
    const top = fakeWindow({ API: api });
    const crossOrigin = { get API() { throw new Error('SecurityError'); }, parent: top } as unknown as Window;
    const child = { parent: crossOrigin, top, opener: null } as unknown as Window;
    expect(findApi(child, 'API')).toBe(api);
    expect(findApi(child, 'API_1484_11')).toBeNull();

    const openerTop = fakeWindow({ API_1484_11: api });
    const openerChild = { parent: openerTop } as unknown as Window;
    const popup = fakeWindow({});
    (popup as unknown as { opener: Window }).opener = openerChild;
    expect(findApi(popup, 'API_1484_11')).toBe(api);
    // A frame inside the popup: its top's opener.
    const frameInPopup = { parent: popup, top: popup, opener: null } as unknown as Window;
    expect(findApi(frameInPopup, 'API_1484_11')).toBe(api);
    expect(findApi(frameInPopup, 'API')).toBeNull();
  });
});
