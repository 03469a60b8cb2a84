/**
 * Prints diagnostics the way authors read them: one line per problem,
 * `file:line:column  severity  message  rule-id`, then a one-line summary.
 */
import type { Diagnostic } from './diagnostic.ts';
import type { Lang } from './messages.ts';

export interface FormatOptions {
  /** Language of the severity words and summary; default: the diagnostics' own, else English. */
  lang?: Lang;
  /** Include `info` diagnostics (review notes); default false. */
  info?: boolean;
}

const severityWords: Record<Lang, Record<Diagnostic['severity'], string>> = {
  en: { error: 'error', warning: 'warning', info: 'info' },
  es: { error: 'error', warning: 'aviso', info: 'info' },
};

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`;
}

export function summarise(diagnostics: Diagnostic[], lang: Lang): string {
  const errors = diagnostics.filter((d) => d.severity === 'error').length;
  const warnings = diagnostics.filter((d) => d.severity === 'warning').length;
  return lang === 'es'
    ? `${plural(errors, 'error', 'errores')}, ${plural(warnings, 'aviso', 'avisos')}`
    : `${plural(errors, 'error', 'errors')}, ${plural(warnings, 'warning', 'warnings')}`;
}

export function formatDiagnostic(d: Diagnostic, lang: Lang): string {
  return `${d.file}:${d.line}:${d.column}  ${severityWords[lang][d.severity]}  ${d.message}  ${d.ruleId}`;
}

export function formatDiagnostics(diagnostics: Diagnostic[], options: FormatOptions = {}): string {
  const lang: Lang = options.lang ?? diagnostics.find((d) => d.lang)?.lang ?? 'en';
  const shown = options.info ? diagnostics : diagnostics.filter((d) => d.severity !== 'info');
  const lines = shown.map((d) => formatDiagnostic(d, lang));
  lines.push(summarise(shown, lang));
  return lines.join('\n');
}
