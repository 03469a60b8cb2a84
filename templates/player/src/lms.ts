/**
 * Talks to the LMS: finds the SCORM API the standard way, initialises and terminates once, and
 * never lets an LMS error stop the learner. Without an LMS, state lives in localStorage.
 */
import type { ScormVersion } from './cmi.ts';

type Api12 = Record<'LMSInitialize' | 'LMSFinish' | 'LMSGetValue' | 'LMSSetValue' | 'LMSCommit' | 'LMSGetLastError', (...args: string[]) => unknown>;
type Api2004 = Record<'Initialize' | 'Terminate' | 'GetValue' | 'SetValue' | 'Commit' | 'GetLastError', (...args: string[]) => unknown>;

/** Looks for `name` on the window, its parents, then the opener and its parents. */
export function findApi<T>(start: Window, name: string): T | null {
  const climb = (from: Window | null): T | null => {
    let win = from;
    for (let depth = 0; win && depth < 500; depth += 1) {
      try {
        const api = (win as unknown as Record<string, unknown>)[name];
        if (api) return api as T;
      } catch {
        // A cross-origin frame: keep climbing.
      }
      if (win.parent === win) break;
      win = win.parent;
    }
    return null;
  };
  const openerOf = (win: Window | null): Window | null => {
    try {
      return win?.opener ?? null;
    } catch {
      return null;
    }
  };
  let top: Window | null = null;
  try {
    top = start.top;
  } catch {
    top = null;
  }
  return climb(start) ?? climb(openerOf(start)) ?? (top && top !== start ? climb(openerOf(top)) : null);
}

export interface Connection {
  version: ScormVersion;
  get(element: string): string;
  set(element: string, value: string | number): boolean;
  commit(): void;
  finish(): void;
}

const ok = (value: unknown) => value === true || value === 'true';

export function connect(version: ScormVersion, win: Window): Connection | null {
  const names = version === '1.2'
    ? { api: 'API', init: 'LMSInitialize', fin: 'LMSFinish', get: 'LMSGetValue', set: 'LMSSetValue', commit: 'LMSCommit', err: 'LMSGetLastError' }
    : { api: 'API_1484_11', init: 'Initialize', fin: 'Terminate', get: 'GetValue', set: 'SetValue', commit: 'Commit', err: 'GetLastError' };
  const api = findApi<Api12 & Api2004>(win, names.api) as unknown as Record<string, (...args: string[]) => unknown> | null;
  if (!api) return null;
  const call = (method: string, ...args: string[]): unknown => {
    try {
      const result = api[method]!(...args);
      return result;
    } catch (error) {
      console.warn(`wecare: ${method} threw`, error);
      return undefined;
    }
  };
  const warn = (what: string) => {
    let code: unknown = '';
    try {
      code = api[names.err]!();
    } catch {
      code = '?';
    }
    console.warn(`wecare: ${what} failed (LMS error ${String(code)})`);
  };
  if (!ok(call(names.init, ''))) {
    warn(names.init);
    return null;
  }
  let finished = false;
  return {
    version,
    get(element) {
      if (finished) return '';
      const value = call(names.get, element);
      return typeof value === 'string' ? value : typeof value === 'number' ? String(value) : '';
    },
    set(element, value) {
      if (finished) return false;
      const done = ok(call(names.set, element, String(value)));
      if (!done) warn(`${names.set}(${element})`);
      return done;
    },
    commit() {
      if (!finished && !ok(call(names.commit, ''))) warn(names.commit);
    },
    finish() {
      if (finished) return;
      finished = true;
      if (!ok(call(names.fin, ''))) warn(names.fin);
    },
  };
}

/** localStorage, which may be missing or full: never throws. */
export const local = {
  read(key: string): { l?: string; d?: string } {
    try {
      const raw = window.localStorage.getItem(key);
      return raw ? (JSON.parse(raw) as { l?: string; d?: string }) : {};
    } catch {
      return {};
    }
  },
  write(key: string, location: string, data: string): void {
    try {
      window.localStorage.setItem(key, JSON.stringify({ l: location, d: data }));
    } catch {
      // Storage full or disabled: the learner keeps going; the state lives until the tab closes.
    }
  },
};
