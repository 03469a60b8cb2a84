/**
 * The LMS inspector of `wecare preview`: installs scorm-again as the SCORM API the module finds
 * (window.API or window.API_1484_11), keeps the attempt across the preview's reloads in
 * sessionStorage like an LMS keeps it across launches, and shows what Moodle would record:
 * statuses, score, bookmark, suspend_data against its budget, every interaction and every commit.
 */

interface Config {
  version: '12' | '2004';
  storageKey: string;
  strings: Record<string, string>;
}

interface ScormApi {
  on(event: string, callback: (...args: unknown[]) => void): void;
  loadFromJSON(json: Record<string, unknown>, prefix: string): void;
  renderCMIToJSONObject(): { cmi: Cmi };
}

type Cmi = Record<string, unknown> & {
  core?: Record<string, unknown> & { score?: Record<string, unknown> };
  score?: Record<string, unknown>;
  interactions?: Record<string, Record<string, unknown>> | unknown[];
};

interface Commit {
  at: string;
  status: string;
  score: string;
  suspendChars: number;
}

const SUSPEND_BUDGET = 4096;
const config = JSON.parse(document.getElementById('inspector-config')?.textContent ?? '{}') as Config;
const s = config.strings;
const is12 = config.version === '12';
const globals = window as unknown as Record<string, unknown>;
const ApiClass = globals[is12 ? 'Scorm12API' : 'Scorm2004API'] as new (settings: Record<string, unknown>) => ScormApi;
const api = new ApiClass({ autocommit: false, lmsCommitUrl: false, logLevel: 5 });

interface Saved {
  cmi: Cmi;
  commits: Commit[];
}

function readSaved(): Saved | null {
  try {
    return JSON.parse(sessionStorage.getItem(config.storageKey) ?? 'null') as Saved | null;
  } catch {
    return null;
  }
}

const saved = readSaved();
const commits: Commit[] = saved?.commits ?? [];
if (saved?.cmi) {
  // What an LMS does on relaunch: a suspended attempt resumes; session time and exit start afresh.
  const cmi = saved.cmi;
  if (is12 && cmi.core) {
    cmi.core.entry = cmi.core.exit === 'suspend' ? 'resume' : '';
    delete cmi.core.exit;
    delete cmi.core.session_time;
  } else if (!is12) {
    cmi.entry = cmi.exit === 'suspend' ? 'resume' : '';
    delete cmi.exit;
    delete cmi.session_time;
  }
  try {
    api.loadFromJSON(cmi, 'cmi');
  } catch (error) {
    console.warn('wecare preview: the saved attempt could not be restored', error);
  }
}

const text = (value: unknown) => (value === undefined || value === null ? '' : String(value));
const cmiNow = (): Cmi => api.renderCMIToJSONObject().cmi;

function interactionsOf(cmi: Cmi): Array<Record<string, unknown>> {
  const list = cmi.interactions;
  if (!list) return [];
  const items = Array.isArray(list) ? list : Object.entries(list).filter(([key]) => /^\d+$/.test(key)).sort(([a], [b]) => Number(a) - Number(b)).map(([, value]) => value);
  return items.filter((item): item is Record<string, unknown> => Boolean(item) && typeof item === 'object');
}

function summary(cmi: Cmi): Array<[string, string]> {
  if (is12) {
    return [
      [s.status!, text(cmi.core?.lesson_status)],
      [s.score!, text(cmi.core?.score?.raw)],
      [s.location!, text(cmi.core?.lesson_location)],
    ];
  }
  return [
    [s.completion!, text(cmi.completion_status)],
    [s.success!, text(cmi.success_status)],
    [s.score!, `${text(cmi.score?.raw)}${cmi.score?.scaled !== undefined && cmi.score?.scaled !== '' ? ` (scaled ${text(cmi.score?.scaled)})` : ''}`],
    [s.location!, text(cmi.location)],
  ];
}

function element<K extends keyof HTMLElementTagNameMap>(tag: K, content?: string | Node[], className?: string): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  if (typeof content === 'string') node.textContent = content;
  else if (content) node.append(...content);
  if (className) node.className = className;
  return node;
}

function render(): void {
  const body = document.getElementById('inspector-body');
  if (!body) return;
  const cmi = cmiNow();
  const list = element('dl');
  for (const [label, value] of summary(cmi)) list.append(element('dt', label), element('dd', value || '—'));
  const suspend = text(cmi.suspend_data).length;
  const meter = element('meter');
  meter.min = 0;
  meter.max = SUSPEND_BUDGET;
  meter.value = suspend;
  meter.setAttribute('aria-label', s.suspendData!);
  const sizeText = element('dd', (s.charsOf ?? '').replace('{n}', String(suspend)).replace('{max}', String(SUSPEND_BUDGET)), suspend > SUSPEND_BUDGET ? 'over' : undefined);
  sizeText.id = 'inspector-suspend';
  list.append(element('dt', s.suspendData!), sizeText, element('dt', ''), element('dd', [meter]));

  const interactions = interactionsOf(cmi);
  const interactionPart: Node[] = [element('h3', s.interactions!)];
  if (!interactions.length) interactionPart.push(element('p', s.noInteractions!));
  else {
    const table = element('table');
    table.id = 'inspector-interactions';
    const head = element('tr', [s.id!, s.type!, s.response!, s.result!].map((label) => {
      const th = element('th', label);
      th.scope = 'col';
      return th;
    }));
    table.append(element('thead', [head]));
    const rows = interactions.map((item) => element('tr', [text(item.id), text(item.type), text(is12 ? item.student_response : item.learner_response), text(item.result)].map((value) => element('td', value))));
    table.append(element('tbody', rows));
    interactionPart.push(table);
  }

  const commitPart: Node[] = [element('h3', s.commits!)];
  if (!commits.length) commitPart.push(element('p', s.noCommits!));
  else {
    const ol = element('ol');
    ol.id = 'inspector-commits';
    for (const commit of commits) ol.append(element('li', `${commit.at} · ${commit.status} · ${s.score}: ${commit.score || '—'} · ${s.suspendData}: ${commit.suspendChars}`));
    commitPart.push(ol);
  }
  body.replaceChildren(list, ...interactionPart, ...commitPart);
}

function persist(): void {
  const cmi = cmiNow();
  const status = is12 ? text(cmi.core?.lesson_status) : `${text(cmi.completion_status)}/${text(cmi.success_status)}`;
  const score = is12 ? text(cmi.core?.score?.raw) : text(cmi.score?.raw);
  commits.push({ at: new Date().toLocaleTimeString(), status, score, suspendChars: text(cmi.suspend_data).length });
  try {
    sessionStorage.setItem(config.storageKey, JSON.stringify({ cmi, commits }));
  } catch {
    // storage full or disabled: the attempt lives until the page reloads
  }
  render();
}

// A value set shows at once; Moodle itself only stores what a commit sends, listed below.
let queued = false;
const renderSoon = () => {
  if (queued) return;
  queued = true;
  queueMicrotask(() => {
    queued = false;
    render();
  });
};
api.on(is12 ? 'LMSSetValue.cmi.*' : 'SetValue.cmi.*', renderSoon);
api.on(is12 ? 'LMSCommit' : 'Commit', persist);
api.on(is12 ? 'LMSFinish' : 'Terminate', persist);
globals[is12 ? 'API' : 'API_1484_11'] = api;

document.getElementById('inspector-reset')?.addEventListener('click', () => {
  try {
    sessionStorage.removeItem(config.storageKey);
  } catch {
    // nothing saved
  }
  // The frame would commit its state on unload: reload the whole host with a fresh API instead.
  api.on(is12 ? 'LMSCommit' : 'Commit', () => sessionStorage.removeItem(config.storageKey));
  api.on(is12 ? 'LMSFinish' : 'Terminate', () => sessionStorage.removeItem(config.storageKey));
  location.reload();
});

render();
// The module starts only now, so it finds the API at once, as under Moodle.
const frame = document.getElementById('inspector-sco') as HTMLIFrameElement | null;
if (frame?.dataset.src) frame.src = frame.dataset.src;
