/** Moodle's REST XML format, answered when `moodlewsrestformat=json` is missing. */
const escape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

function node(value: unknown): string {
  if (value === null || value === undefined) return '<VALUE null="null"/>\n';
  if (Array.isArray(value)) return `<MULTIPLE>\n${value.map(node).join('')}</MULTIPLE>\n`;
  if (typeof value === 'object') {
    const keys = Object.entries(value as Record<string, unknown>).map(([key, item]) => `<KEY name="${escape(key)}">${node(item)}</KEY>\n`);
    return `<SINGLE>\n${keys.join('')}</SINGLE>\n`;
  }
  const text = typeof value === 'boolean' ? (value ? '1' : '0') : String(value);
  return `<VALUE>${escape(text)}</VALUE>\n`;
}

export function toXml(payload: unknown, isError: boolean): string {
  const head = '<?xml version="1.0" encoding="UTF-8" ?>\n';
  if (isError) {
    const error = payload as Record<string, string>;
    return `${head}<EXCEPTION class="${escape(error.exception ?? '')}">\n<ERRORCODE>${escape(error.errorcode ?? '')}</ERRORCODE>\n<MESSAGE>${escape(error.message ?? '')}</MESSAGE>\n</EXCEPTION>\n`;
  }
  return `${head}<RESPONSE>\n${node(payload)}</RESPONSE>\n`;
}
