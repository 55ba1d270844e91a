/**
 * Secrets never reach a log line: whatever an SDK puts in an error (a request's headers, a
 * response body echoing a token, a form-encoded client secret), every line is scrubbed of the
 * configured secret values, in the spellings they take inside JSON and URLs, and of anything shaped
 * like a Slack or Discord token or a bearer credential, before it is written.
 */

const secrets = new Set<string>();

/** Values shorter than this are not scrubbed literally: replacing `1` everywhere would wreck the logs. */
const MIN_SECRET_LENGTH = 6;

/** Slack tokens, Discord bot tokens, `Authorization: Bearer …` credentials, each with what replaces it. */
const TOKEN_SHAPES: Array<[RegExp, string]> = [
  [/\bxox[abposre]-[A-Za-z0-9-]{6,}/g, '[hidden]'],
  [/\bxapp-[A-Za-z0-9-]{6,}/g, '[hidden]'],
  [/\b[MNO][A-Za-z\d_-]{23,27}\.[A-Za-z\d_-]{6}\.[A-Za-z\d_-]{27,}/g, '[hidden]'],
  [/\b(Bearer)(\s+|%20)[A-Za-z0-9._~+/=-]{16,}/g, '$1$2[hidden]'],
];

export const HIDDEN = '[hidden]';

/**
 * Adds configured secrets (tokens, signing secrets, passwords) to be scrubbed from every log
 * line from now on. Undefined and empty values are ignored.
 */
export function registerSecrets(values: Iterable<string | undefined>): void {
  for (const value of values) {
    if (value === undefined || value.length < MIN_SECRET_LENGTH) continue;
    for (const spelling of spellings(value)) secrets.add(spelling);
  }
}

/** The ways a value can appear in a serialized line: as is, inside a JSON string, URL- or form-encoded. */
function spellings(value: string): string[] {
  return [...new Set([value, JSON.stringify(value).slice(1, -1), encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2)])];
}

/** `text` with every registered secret and every token-shaped string replaced by `[hidden]`. */
export function scrubSecrets(text: string): string {
  let out = text;
  for (const secret of secrets) if (out.includes(secret)) out = out.split(secret).join(HIDDEN);
  for (const [shape, replacement] of TOKEN_SHAPES) out = out.replace(shape, replacement);
  return out;
}
