/**
 * The preview's only script in served pages (never in a package): listens to the server's
 * events, reloads the page when what it shows was rebuilt, and shows the problems of the files
 * being edited in an overlay that goes away when they are fixed.
 */

interface Problem {
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  message: string;
  ruleId: string;
}

interface ServerState {
  build: number;
  digests: Record<string, string>;
  problems: Problem[];
  lang: 'en' | 'es';
}

const words = {
  en: { title: (n: number) => (n === 1 ? '1 problem in the files you are editing' : `${n} problems in the files you are editing`), close: 'Close', error: 'error', warning: 'warning', info: 'info', hint: 'The page shows the last version that could be built. Save the file again once fixed.' },
  es: { title: (n: number) => (n === 1 ? '1 problema en los archivos que edita' : `${n} problemas en los archivos que edita`), close: 'Cerrar', error: 'error', warning: 'aviso', info: 'info', hint: 'La página muestra la última versión que se pudo construir. Guarde de nuevo el archivo una vez corregido.' },
};

const script = document.currentScript as HTMLScriptElement | null;
const pageBuild = Number(script?.dataset.build ?? '0');
const watch = JSON.parse(script?.dataset.watch ?? '"*"') as string[] | '*';
const pageDigests = JSON.parse(script?.dataset.digests ?? '{}') as Record<string, string>;

/** True when something this page shows was rebuilt since it was served. */
function isStale(state: ServerState): boolean {
  if (watch === '*') return state.build !== pageBuild;
  return watch.some((key) => (state.digests[key] ?? '') !== (pageDigests[key] ?? ''));
}

let host: HTMLElement | null = null;
let dismissed = '';

function overlayStyles(): string {
  return `:host{all:initial}
.box{position:fixed;z-index:2147483647;inset:auto 1rem 1rem 1rem;max-height:60vh;overflow:auto;background:#fff;color:#1b1b1b;border:3px solid #a4000f;border-radius:.4rem;box-shadow:0 .5rem 2rem rgba(0,0,0,.35);font:15px/1.45 system-ui,sans-serif;padding:.75rem 1rem}
h2{font-size:1.05rem;margin:0 0 .5rem;color:#a4000f}
ul{margin:0;padding:0;list-style:none}li{padding:.35rem 0;border-top:1px solid #e2e2e2}
code{font:13px/1.4 ui-monospace,monospace;background:#f3f3f3;padding:0 .25rem;word-break:break-all}
.sev{font-weight:700;text-transform:uppercase;font-size:.8rem;margin:0 .4rem}.error{color:#a4000f}.warning{color:#7a4b00}
.rule{color:#555}.hint{font-size:.9rem;color:#444;margin:.5rem 0 0}
button{font:inherit;float:right;padding:.2rem .7rem;margin-left:1rem}button:focus-visible{outline:3px solid #b35c00;outline-offset:2px}`;
}

function render(state: ServerState): void {
  const problems = state.problems;
  const key = JSON.stringify(problems);
  if (!problems.length || key === dismissed) {
    host?.remove();
    host = null;
    if (!problems.length) dismissed = '';
    return;
  }
  const w = words[state.lang] ?? words.en;
  if (!host) {
    host = document.createElement('div');
    host.id = 'wecare-preview-overlay';
    host.attachShadow({ mode: 'open' });
    document.body.append(host);
  }
  const root = host.shadowRoot!;
  root.replaceChildren();
  const style = document.createElement('style');
  style.textContent = overlayStyles();
  const box = document.createElement('section');
  box.className = 'box';
  box.setAttribute('role', 'alert');
  box.setAttribute('aria-labelledby', 'wecare-overlay-title');
  const close = document.createElement('button');
  close.type = 'button';
  close.textContent = w.close;
  close.addEventListener('click', () => {
    dismissed = key;
    render(state);
  });
  const title = document.createElement('h2');
  title.id = 'wecare-overlay-title';
  title.textContent = w.title(problems.length);
  const list = document.createElement('ul');
  for (const problem of problems) {
    const item = document.createElement('li');
    item.className = 'problem';
    const where = document.createElement('code');
    where.className = 'where';
    where.textContent = `${problem.file}:${problem.line}:${problem.column}`;
    const severity = document.createElement('span');
    severity.className = `sev ${problem.severity}`;
    severity.textContent = w[problem.severity];
    const message = document.createElement('span');
    message.className = 'message';
    message.textContent = problem.message;
    const rule = document.createElement('code');
    rule.className = 'rule';
    rule.textContent = problem.ruleId;
    item.append(where, severity, message, ' ', rule);
    list.append(item);
  }
  const hint = document.createElement('p');
  hint.className = 'hint';
  hint.textContent = w.hint;
  box.append(close, title, list, hint);
  root.append(style, box);
}

document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape' && host) host.shadowRoot?.querySelector('button')?.click();
});

// The server rebuilds the variants this page shows first, and waits for it to come back.
const events = new EventSource(`/__wecare/events?watch=${encodeURIComponent(JSON.stringify(watch))}`);
events.addEventListener('state', (event) => {
  const state = JSON.parse((event as MessageEvent<string>).data) as ServerState;
  if (isStale(state)) {
    events.close();
    location.reload();
    return;
  }
  render(state);
  document.documentElement.dataset.wecarePreview = String(state.build);
});
