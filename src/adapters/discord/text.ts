import type { SnippetPart } from '../../answer/types.js';

/**
 * Discord's documented limits on message embeds and components. A message that breaks one is
 * refused with HTTP 400, so every rendered reply is cut to fit these.
 */
export const LIMITS = {
  title: 256,
  description: 4096,
  fields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer and author name of every embed in a message. */
  total: 6000,
  embeds: 10,
  customId: 100,
  buttonLabel: 80,
  buttonsPerRow: 5,
  rows: 5,
  content: 2000,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
} as const;

const ELLIPSIS = '…';

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

/**
 * Cuts text to at most `max` characters (UTF-16 units, as Discord counts), at a word boundary when
 * one is near, ending in an ellipsis. Never splits a surrogate pair or a markdown escape.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  let budget = max - 1;
  while (budget > 0) {
    let cut = text.slice(0, budget);
    const space = cut.search(/\s\S*$/);
    if (space > budget * 0.6) cut = cut.slice(0, space);
    cut = trimBrokenTail(cut).trimEnd();
    // Closing a bold run adds characters; cut again a little shorter until it fits.
    if (cut.length + ELLIPSIS.length <= max) return `${cut}${ELLIPSIS}`;
    budget -= cut.length + ELLIPSIS.length - max;
  }
  return ELLIPSIS;
}

/** Removes a dangling high surrogate, an odd trailing backslash, or an unclosed `**` left by a cut. */
function trimBrokenTail(text: string): string {
  let t = text;
  if (/[\ud800-\udbff]$/.test(t)) t = t.slice(0, -1);
  const trailing = /\\+$/.exec(t)?.[0].length ?? 0;
  if (trailing % 2 === 1) t = t.slice(0, -1);
  let stars = unescapedStars(t);
  // A cut through `**` leaves a lone `*`; drop it rather than start italics.
  const last = stars.at(-1);
  if (last !== undefined && last.end === t.length && last.count % 2 === 1) {
    t = t.slice(0, -1);
    stars = unescapedStars(t);
  }
  const bold = stars.reduce((n, run) => n + Math.floor(run.count / 2), 0);
  if (bold % 2 === 1) {
    const tail = stars.at(-1);
    // An opening `**` with nothing after it is dropped; otherwise the bold run is closed.
    t = tail !== undefined && /^\s*$/.test(t.slice(tail.end)) ? t.slice(0, tail.end - 2) : `${t.trimEnd()}**`;
  }
  return t;
}

/** Runs of asterisks that are markdown (not escaped with a backslash), with where they end. */
function unescapedStars(text: string): Array<{ count: number; end: number }> {
  const runs: Array<{ count: number; end: number }> = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') {
      i += 1;
    } else if (c === '*') {
      let j = i;
      while (text[j] === '*') j += 1;
      runs.push({ count: j - i, end: j });
      i = j - 1;
    }
  }
  return runs;
}

/**
 * Like `truncate`, but when text is cut it ends with a link to the full material, so a user can
 * always read what did not fit.
 */
export function truncateWithLink(text: string, max: number, link: string | undefined, linkText = 'Læs hele teksten'): string {
  if (text.length <= max) return text;
  const more = link !== undefined ? `\n${maskedLink(linkText, link)}` : '';
  if (more.length >= max) return truncate(text, max);
  return `${truncate(text, max - more.length)}${more}`;
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

const MONTHS = [
  'januar',
  'februar',
  'marts',
  'april',
  'maj',
  'juni',
  'juli',
  'august',
  'september',
  'oktober',
  'november',
  'december',
] as const;

/** Danish month names, lower case, January first. */
export const DANISH_MONTHS: readonly string[] = MONTHS;

/**
 * A YYYY-MM-DD date the Danish way: `11. april 2025`. Written out by hand so the output does not
 * depend on the ICU data Node was built with.
 */
export function danishDate(iso: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!m) return iso;
  const month = MONTHS[Number(m[2]) - 1];
  if (month === undefined) return iso;
  return `${Number(m[3])}. ${month} ${m[1]}`;
}
