/**
 * Token redaction. Every text that may leave the client (error messages, causes, URLs, logs) goes
 * through `redact` so a Moodle token can never be printed, even when a server echoes it back.
 */
const tokenParam = /((?:ws)?token=)[^&\s"'#]*/gi;

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text.replace(tokenParam, '$1<redacted>');
  for (const secret of secrets) {
    if (secret && secret.length >= 4) out = out.split(secret).join('<redacted>');
  }
  return out;
}

/** A URL as text without its query-string token or credentials. */
export function redactUrl(url: string | URL, secrets: readonly string[] = []): string {
  try {
    const parsed = new URL(String(url));
    parsed.username = '';
    parsed.password = '';
    for (const key of [...parsed.searchParams.keys()]) {
      if (/^(ws)?token$/i.test(key)) parsed.searchParams.set(key, '<redacted>');
    }
    return redact(parsed.toString().replace(/%3Credacted%3E/g, '<redacted>'), secrets);
  } catch {
    return redact(String(url), secrets);
  }
}
