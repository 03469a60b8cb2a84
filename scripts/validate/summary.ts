/**
 * Notes about documented design choices (diagnostics with a `summary`) are not problems: a build
 * prints them once per rule, `count × what  rule-id  (more in docs/…)`, instead of one line each.
 */
import type { Diagnostic } from './diagnostic.ts';
import type { Lang } from './messages.ts';

export const isSummarised = (d: Diagnostic) => d.severity === 'info' && d.summary !== undefined;

/** One line per rule among the summarised notes, in order of first appearance. */
export function summaryLines(diagnostics: Diagnostic[], lang: Lang): string[] {
  const byRule = new Map<string, { count: number; text: string; docs: string }>();
  for (const d of diagnostics) {
    if (!isSummarised(d)) continue;
    const entry = byRule.get(d.ruleId);
    if (entry) entry.count += 1;
    else byRule.set(d.ruleId, { count: 1, ...d.summary! });
  }
  const more = lang === 'es' ? 'más en' : 'more in';
  return [...byRule].map(([rule, { count, text, docs }]) => `${String(count).padStart(3)} × ${text}  ${rule}  (${more} ${docs})`);
}
