/** A problem found in the sources, reported as `file:line:column  message  rule-id`. */
export interface Diagnostic {
  /** Path relative to the programme root, forward slashes. */
  file: string;
  line: number;
  column: number;
  severity: 'error' | 'warning' | 'info';
  /** Stable kebab-case id of the rule, e.g. `unknown-directive`. */
  ruleId: string;
  message: string;
  /** Language `message` is written in, when known (lets reporters localise the words around it). */
  lang?: 'en' | 'es';
  /**
   * On an `info` note about a documented design choice (e.g. an H5P approximation): a build
   * prints such notes once per rule, as `count × text`, with where to read more (`docs`).
   */
  summary?: { text: string; docs: string };
}
