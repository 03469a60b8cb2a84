/**
 * Reporting problems on a VFile, the unified way: `file.message(reason, {place, ruleId, source})`,
 * with the reason written in the language the check runs in (`file.data.lang`).
 */
import type { Point, Position } from 'unist';
import type { VFile } from 'vfile';
import type { Diagnostic } from './diagnostic.ts';
import { ruleSeverity, ruleText, type Lang, type Params, type RuleId } from './messages.ts';

declare module 'vfile' {
  interface DataMap {
    /** Language of the messages reported on this file. */
    lang: Lang;
    /** Only errors are wanted of this file (see `FileJob.errorsOnly`): warnings and notes are not made. */
    errorsOnly: boolean;
  }
}

export const MESSAGE_SOURCE = 'wecare';

export function langOf(file: VFile): Lang {
  return file.data.lang ?? 'en';
}

/** Reports `rule` on `file` at `place`; severity comes from the rule. */
export function report(file: VFile, rule: RuleId, params: Params, place?: Position | Point | null): void {
  const severity = ruleSeverity(rule);
  if (severity !== 'error' && file.data.errorsOnly) return;
  const message = file.message(ruleText(rule, params, langOf(file)), {
    place: place ?? undefined,
    ruleId: rule,
    source: MESSAGE_SOURCE,
  });
  message.fatal = severity === 'error' ? true : severity === 'warning' ? false : undefined;
}

/** Turns a file's messages into diagnostics (file path relative to the programme root). */
export function diagnosticsOf(file: VFile): Diagnostic[] {
  const lang = langOf(file);
  return file.messages.map((message) => ({
    file: file.path,
    line: message.line ?? 1,
    column: message.column ?? 1,
    severity: message.fatal === true ? 'error' : message.fatal === false ? 'warning' : 'info',
    ruleId: message.ruleId ?? 'unknown',
    message: message.reason,
    lang,
  }));
}

/** Sorts by file, line, column, then rule, and drops exact duplicates (the same problem found per variant). */
export function sortDiagnostics(diagnostics: Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const unique: Diagnostic[] = [];
  for (const d of diagnostics) {
    const key = `${d.file}\0${d.line}\0${d.column}\0${d.ruleId}\0${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    unique.push(d);
  }
  return unique.sort(
    (a, b) =>
      (a.file < b.file ? -1 : a.file > b.file ? 1 : 0) || a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/** A diagnostic built directly (for checks that span several files). */
export function makeDiagnostic(
  file: string,
  place: { line: number; column: number } | undefined,
  rule: RuleId,
  params: Params,
  lang: Lang,
): Diagnostic {
  return {
    file,
    line: place?.line ?? 1,
    column: place?.column ?? 1,
    severity: ruleSeverity(rule),
    ruleId: rule,
    message: ruleText(rule, params, lang),
    lang,
  };
}
