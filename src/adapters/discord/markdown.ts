/**
 * Discord markdown for material text: escaped so it cannot format, link or mention, and links and
 * snippets built safely.
 */
import type { SnippetPart } from '../../answer/types.js';

/**
 * Makes `@everyone`, `@here` and user/role/channel mentions inert by putting a zero-width space
 * after the `@` or `<`, so document text can never ping anyone even if `allowedMentions` were lost.
 * @example neutraliseMentions('@everyone se <@&123>') // '@\u200beveryone se <\u200b@&123>'
 */
export function neutraliseMentions(text: string): string {
  return text
    .replace(/@(everyone|here)/gi, '@\u200b$1')
    .replace(/<(@[!&]?|#)(\d+)>/g, '<\u200b$1$2>');
}

/**
 * Document text made safe to show: Discord markdown escaped and mentions neutralised. Every
 * inline marker (`* _ ~ ` | [ \\`) gets a backslash, as do line-start markers (quotes, headings,
 * subtext, bullets, numbered lists); URLs are left whole so Discord still links them.
 * (discord.js's `escapeMarkdown` takes over a second on a long agenda item, so it is not used.)
 * @example safeText('**fed** @everyone') // '\\*\\*fed\\*\\* @\u200beveryone'
 */
export function safeText(text: string): string {
  const escaped = text
    .split(URL_PATTERN)
    .map((part, i) => (i % 2 === 1 ? part : escapeInline(part)))
    .join('')
    .replace(/^([ \t]*)(>|#|-|\+)/gm, '$1\\$2')
    .replace(/^([ \t]*\d+)\.(?=[ \t])/gm, '$1\\.');
  return neutraliseMentions(escaped);
}

/** http(s) URLs, captured so `split` keeps them at odd indexes. */
const URL_PATTERN = /(https?:\/\/[^\s<>()]+)/g;

function escapeInline(text: string): string {
  return text.replace(/[\\*_~`|[\]]/g, '\\$&');
}

/** Collapses runs of whitespace the PDF extraction leaves, keeping paragraph breaks. */
export function tidy(text: string): string {
  return text
    .replace(/[ \t\f\v\u00a0]+/g, ' ')
    .replace(/ *\n */g, '\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** `[text](url)` with the text escaped and the URL made safe for markdown (no spaces or parentheses). */
export function maskedLink(text: string, url: string): string {
  return `[${safeText(text).replace(/[[\]]/g, '\\$&')}](${safeUrl(url)})`;
}

/** Percent-encodes the characters that would end a markdown link early. */
export function safeUrl(url: string): string {
  return url.replace(/[()\s<>]/g, (c) => encodeURIComponent(c));
}

/** Only http(s) URLs are used as embed URLs; Discord refuses others. */
export function isHttpUrl(url: string | undefined): url is string {
  return url !== undefined && /^https?:\/\/\S+$/i.test(url);
}

/**
 * A snippet with matched words in bold and the rest escaped. Adjacent matches are merged so the
 * result never contains `****`, which Discord would show literally.
 */
export function boldSnippet(parts: readonly SnippetPart[]): string {
  let out = '';
  let inBold = false;
  for (const part of parts) {
    if (part.text === '') continue;
    if (part.match) {
      const lead = /^\s*/.exec(part.text)![0];
      const trail = /\s*$/.exec(part.text)![0];
      const core = part.text.slice(lead.length, part.text.length - trail.length);
      if (core === '') {
        // Only spaces: the bold run (if any) has ended, so a match after it opens a new one.
        out += part.text;
        inBold = false;
        continue;
      }
      if (inBold && lead === '') {
        out = `${out.slice(0, -2)}${safeText(core)}**${trail}`;
      } else {
        out += `${lead}**${safeText(core)}**${trail}`;
      }
      inBold = trail === '';
    } else {
      out += safeText(part.text);
      inBold = false;
    }
  }
  return out;
}
