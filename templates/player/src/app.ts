/** The learner shell: header with progress and contents, one page at a time, previous / next. */
import { h, html } from './dom.ts';
import { renderActivity, type Ctx } from './activities.ts';
import { pageKeys, type LearnerModule } from './model.ts';
import type { PlayerState } from './state.ts';
import type { Tracker } from './tracker.ts';

export function startApp(root: HTMLElement, model: LearnerModule, tracker: Tracker): void {
  const s = model.strings;
  const t = (key: string, vars: Record<string, string | number> = {}) =>
    (s[key] ?? key).replace(/\{(\w+)\}/g, (_, name: string) => String(vars[name] ?? ''));
  const keys = pageKeys(model);
  const loaded = tracker.load();
  const state: PlayerState = loaded.state;
  let page = Math.max(0, keys.indexOf(loaded.location));

  const announcer = h('div', { class: 'sr-only', 'aria-live': 'polite', id: 'wc-announce' });
  const announce = (message: string) => {
    announcer.textContent = '';
    window.setTimeout(() => (announcer.textContent = message), 50);
  };
  const persist = () => tracker.save(keys[page]!, state);
  const ctx: Ctx = { model, state, t, announce, tracker, changed: () => { persist(); refreshProgress(); } };

  const titleOf = (index: number) => (index === 0 ? t('intro') : index === keys.length - 1 ? t('end') : model.lessons[index - 1]!.title);

  // Header: title, progress, table of contents.
  const progress = h('progress', { id: 'wc-progress', max: 100, value: 0 });
  const progressText = h('span', { class: 'pct' });
  const tocToggle = h('button', { type: 'button', class: 'toc-toggle', 'aria-expanded': 'false', 'aria-controls': 'wc-toc' }, t('toc'));
  const tocList = h('ol');
  const toc = h('nav', { id: 'wc-toc', class: 'toc', 'aria-label': t('toc'), hidden: true }, tocList);
  const header = h('header', { class: 'bar' },
    h('p', { class: 'mod' }, model.title),
    h('div', { class: 'prog' }, h('label', { for: 'wc-progress' }, t('progress')), progress, progressText),
    tocToggle,
  );
  const main = h('main', { id: 'wc-main', tabindex: -1 });
  const prev = h('button', { type: 'button', class: 'prev' }, t('prev'));
  const next = h('button', { type: 'button', class: 'next' }, t('next'));
  const position = h('span', { class: 'pos' });
  const pager = h('nav', { class: 'pager', 'aria-label': t('pager') }, prev, position, next);
  const skip = h('a', { class: 'skip', href: '#wc-main' }, t('skip'));
  root.replaceChildren(skip, header, toc, main, pager, announcer);

  const setToc = (open: boolean) => {
    toc.hidden = !open;
    tocToggle.setAttribute('aria-expanded', String(open));
  };
  tocToggle.addEventListener('click', () => {
    setToc(toc.hidden);
    if (!toc.hidden) (toc.querySelector('[aria-current]') as HTMLElement | null)?.focus();
  });
  toc.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      setToc(false);
      tocToggle.focus();
    }
  });

  function refreshProgress(): void {
    const outcome = tracker.report(state);
    const pct = outcome.progress;
    progress.setAttribute('value', String(pct));
    progressText.textContent = `${pct} %`;
    tocList.replaceChildren(...keys.map((_, index) => {
      const button = h('button', { type: 'button', 'aria-current': index === page ? 'page' : false },
        titleOf(index), state.seen[index] && index !== page ? h('span', { class: 'seen' }, ' ✓', h('span', { class: 'sr-only' }, t('seen'))) : null);
      button.addEventListener('click', () => {
        setToc(false);
        go(index, true);
      });
      return h('li', {}, button);
    }));
  }

  function renderPage(): HTMLElement[] {
    const key = keys[page]!;
    const out: HTMLElement[] = [h('h1', { tabindex: -1 }, titleOf(page))];
    if (key === 'intro') {
      out[0]!.textContent = model.title;
      if (model.summary) out.push(h('p', { class: 'lead' }, model.summary));
      out.push(h('p', {}, t('duration', { online: model.duration.online, f2f: model.duration.faceToFace })));
      if (model.outcomes.length) out.push(h('h2', {}, t('outcomes')), h('ul', {}, ...model.outcomes.map((text) => h('li', {}, text))));
      if (model.introHtml) out.push(html('div', model.introHtml));
      if (!tracker.conn && model.lms !== 'none') out.push(h('p', { class: 'note' }, t('offline')));
    } else if (key === 'end') {
      out.push(...summary());
    } else {
      for (const block of model.lessons[page - 1]!.blocks) {
        if (block.kind === 'html') out.push(html('div', block.html, { class: 'prose' }));
        else if (block.kind === 'image') out.push(h('figure', {}, h('img', { src: block.src, alt: block.alt, width: block.width, height: block.height, loading: 'lazy', decoding: 'async' })));
        else out.push(renderActivity(block, ctx));
      }
    }
    return out;
  }

  function summary(): HTMLElement[] {
    const outcome = tracker.report(state);
    const status = t({ passed: 'stPassed', failed: 'stFailed', completed: 'stCompleted', incomplete: 'stIncomplete' }[outcome.status12]);
    const out = [h('p', { class: 'status' }, t('status'), ' ', h('strong', {}, status))];
    out.push(h('p', {}, t('pagesSeen', { n: outcome.seen, total: outcome.pages })));
    if (outcome.score !== undefined) out.push(h('p', {}, t(model.diagnostic ? 'diagScore' : 'score', { score: outcome.score, pass: model.passMark })));
    const jump = (index: number) => {
      const button = h('button', { type: 'button', class: 'link' }, titleOf(index));
      button.addEventListener('click', () => go(index, true));
      return button;
    };
    const unseen = keys.slice(0, -1).map((_, index) => index).filter((index) => !state.seen[index]);
    if (unseen.length) out.push(h('h2', {}, t('unseen')), h('ul', {}, ...unseen.map((index) => h('li', {}, jump(index)))));
    const quizRows = model.lessons.flatMap((lesson, index) => lesson.blocks.flatMap((block) => {
      if (block.kind !== 'quiz' || !block.questions.length) return [];
      const record = state.quizzes[block.id];
      const result = record && record[0] > 0 ? `${Math.round((1000 * record[1]) / block.questions.length) / 10} %` : t('pending');
      return [h('li', {}, `${block.title}: ${result} · `, jump(index + 1))];
    }));
    if (quizRows.length) out.push(h('h2', {}, t('quizzes')), h('ul', {}, ...quizRows));
    if (model.sources.length) {
      out.push(h('h2', {}, t('sources')), h('ul', { class: 'sources' }, ...model.sources.map((src) =>
        h('li', {}, src.url ? h('a', { href: src.url, rel: 'noopener', target: '_blank' }, src.text) : src.text))));
    }
    if (model.homeHref) out.push(h('p', {}, h('a', { href: model.homeHref }, t('home'))));
    return out;
  }

  function go(index: number, focus: boolean): void {
    page = Math.min(keys.length - 1, Math.max(0, index));
    state.seen[page] = true;
    main.replaceChildren(...renderPage());
    prev.toggleAttribute('disabled', page === 0);
    next.toggleAttribute('disabled', page === keys.length - 1);
    position.textContent = t('pageOf', { n: page + 1, total: keys.length });
    document.title = `${titleOf(page)} · ${model.title}`;
    persist();
    refreshProgress();
    if (focus) {
      window.scrollTo(0, 0);
      (main.querySelector('h1') as HTMLElement).focus();
    }
  }
  prev.addEventListener('click', () => go(page - 1, true));
  next.addEventListener('click', () => go(page + 1, true));

  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'hidden') {
      persist();
      tracker.flush();
    }
  });
  window.addEventListener('pagehide', () => {
    persist();
    tracker.end();
  });
  go(page, false);
}
