import type { APIEmbed } from 'discord.js';
import { isHttpUrl, maskedLink } from './markdown.js';

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

/** Joins lines, leaving out whole lines that do not fit and saying how many were left out. */
export function joinWithin(lines: readonly string[], max: number, sep = '\n'): string {
  let out = '';
  for (let i = 0; i < lines.length; i++) {
    const line = truncate(lines[i]!, max);
    const next = out === '' ? line : `${out}${sep}${line}`;
    const remaining = lines.length - i - 1;
    const note = remaining > 0 ? `${sep}… og ${remaining} mere` : '';
    if (next.length + note.length > max) {
      const left = lines.length - i;
      const tail = `${out === '' ? '' : sep}… og ${left} mere`;
      return out.length + tail.length <= max ? `${out}${tail}` : truncate(out, max);
    }
    out = next;
  }
  return out;
}

/** Characters that count towards the 6000-character limit of one message's embeds. */
export function embedLength(embed: APIEmbed): number {
  return (
    (embed.title?.length ?? 0) +
    (embed.description?.length ?? 0) +
    (embed.footer?.text.length ?? 0) +
    (embed.author?.name.length ?? 0) +
    (embed.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0)
  );
}

export function totalEmbedLength(embeds: readonly APIEmbed[]): number {
  return embeds.reduce((n, e) => n + embedLength(e), 0);
}

/**
 * Makes embeds fit one message: each part within its limit, at most 10 embeds and 25 fields each,
 * and the 6000-character total, shortening the longest descriptions first (ending them with a
 * link to the material), then dropping fields and finally whole embeds from the end.
 */
export function fitEmbeds(input: readonly APIEmbed[], link?: string, linkText = 'Læs hele teksten i materialet'): APIEmbed[] {
  const embeds = input.slice(0, LIMITS.embeds).map(clampEmbed);
  let excess = totalEmbedLength(embeds) - LIMITS.total;
  const MIN_DESCRIPTION = 300;
  while (excess > 0) {
    let longest: APIEmbed | undefined;
    for (const e of embeds) {
      if ((e.description?.length ?? 0) > MIN_DESCRIPTION && (e.description?.length ?? 0) > (longest?.description?.length ?? 0)) longest = e;
    }
    if (longest === undefined) break;
    const current = longest.description!.length;
    const target = Math.max(MIN_DESCRIPTION, current - excess);
    longest.description = truncateWithLink(longest.description!, target, link ?? longest.url, linkText);
    excess = totalEmbedLength(embeds) - LIMITS.total;
    if (longest.description.length >= current) break;
  }
  while (excess > 0) {
    const last = [...embeds].reverse().find((e) => (e.fields?.length ?? 0) > 0);
    if (last === undefined) break;
    last.fields = last.fields!.slice(0, -1);
    excess = totalEmbedLength(embeds) - LIMITS.total;
  }
  while (excess > 0 && embeds.length > 1) {
    embeds.pop();
    excess = totalEmbedLength(embeds) - LIMITS.total;
  }
  if (excess > 0) {
    const only = embeds[0]!;
    only.description = truncate(only.description ?? '', Math.max(0, (only.description?.length ?? 0) - excess));
  }
  return embeds;
}

function clampEmbed(embed: APIEmbed): APIEmbed {
  const e: APIEmbed = { ...embed };
  if (e.title !== undefined) e.title = truncate(e.title, LIMITS.title);
  if (e.description !== undefined) e.description = truncate(e.description, LIMITS.description);
  if (e.footer !== undefined) e.footer = { ...e.footer, text: truncate(e.footer.text, LIMITS.footer) };
  if (e.author !== undefined) e.author = { ...e.author, name: truncate(e.author.name, LIMITS.authorName) };
  if (e.url !== undefined && !isHttpUrl(e.url)) delete e.url;
  if (e.fields !== undefined) {
    e.fields = e.fields
      .slice(0, LIMITS.fields)
      .map((f) => ({ ...f, name: truncate(f.name, LIMITS.fieldName) || '\u200b', value: truncate(f.value, LIMITS.fieldValue) || '\u200b' }));
  }
  return e;
}
