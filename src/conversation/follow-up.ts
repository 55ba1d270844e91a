import { foldDanish } from '../search/fold.js';
import { parseDateRange, type DateRange } from '../answer/date-range.js';
import type { AnswerFilters } from '../answer/types.js';
import type { ThreadContext } from '../state/thread-context-store.js';

/**
 * What a message in a thread the bot has answered in means, read against the thread's last
 * answer. People continue a thread the way they talk: "og i 2024?", "hvad med KKR Sjælland?",
 * "vis punkt 3.12", "vis 2", "mere". Anything else is a new question.
 */
export type FollowUp =
  /** The next results of the last question. */
  | { kind: 'more' }
  /** The whole of the n-th item last shown (1-based). */
  | { kind: 'show'; index: number }
  /** Item `number` of the last answer's meeting. */
  | { kind: 'item-number'; number: string }
  /** The last question again, or a new topic, within other filters. `understood` says how it was read. */
  | { kind: 'ask'; question: string; filters: AnswerFilters; understood: string };

/** What follow-ups can name besides dates: the committees in the corpus. */
export interface FollowUpVocabulary {
  committees: readonly string[];
}

const MORE = /^(?:mere|flere|flere resultater|vis (?:mere|flere)|næste|more|next)$/i;
const SHOW_NTH = /^(?:vis|show|åbn)\s+(?:nr\.?\s*|nummer\s+)?(\d{1,2})$/i;
const SHOW_ITEM = /^(?:(?:vis|show|åbn|og|hvad med)\s+)?(?:punkt|pkt\.?|item)\s+(\d{1,3}(?:\.\d{1,3})?)$/i;
/** Words that mark a message as continuing the thread rather than asking afresh. */
const CONTINUE = /^(?:og\s+hvad\s+med|og\s+hvad\s+så\s+med|hvad\s+så\s+med|hvad\s+med|og\s+så|og|men|også|samme\s+for|what\s+about|and|how\s+about)\s+/i;
/** A preposition in front of a date or committee: "i 2024", "fra juni 2024", "for KKR Sjælland". */
const PREPOSITION = /^(?:i|fra|for|på|hos|in|from|for)\s+/i;
const YEAR_IN_TEXT = /\b(?:i|fra|for)?\s*(?:(?:\d{1,2}\.?\s+)?(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|okt|nov|dec)\.?\s+)?(?:19|20)\d{2}\b/giu;

function clean(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:.!-]+|[\s,;:.!?]+$/g, '')
    .trim();
}

function fold(text: string): string {
  return foldDanish(text.toLowerCase()).replace(/\s+/g, ' ').trim();
}

/** The committee a text names, as the corpus spells it: `kkr sjaelland` → `KKR Sjælland`. */
function committeeNamed(text: string, committees: readonly string[]): string | undefined {
  const t = fold(text);
  if (t === '') return undefined;
  return committees.find((c) => fold(c) === t) ?? committees.find((c) => fold(c).endsWith(` ${t}`) && t.length >= 4);
}

/** A date range or a committee (or both: "KKR Sjælland i 2024") and nothing else. */
function qualifiers(text: string, committees: readonly string[]): { range?: DateRange; committee?: string } | undefined {
  const t = clean(text).replace(PREPOSITION, '');
  const range = parseDateRange(t);
  if (range) return { range };
  const committee = committeeNamed(t, committees);
  if (committee) return { committee };
  // "KKR Sjælland i 2024", "2024 for KKR Sjælland"
  const both = /^(.+?)\s+(?:i|fra|for|på)\s+(.+)$/i.exec(t);
  if (both) {
    const [a, b] = [both[1]!, both[2]!];
    const r1 = parseDateRange(b);
    const c1 = committeeNamed(a, committees);
    if (r1 && c1) return { range: r1, committee: c1 };
    const r2 = parseDateRange(a);
    const c2 = committeeNamed(b, committees);
    if (r2 && c2) return { range: r2, committee: c2 };
  }
  return undefined;
}

function withoutCommittee(question: string, committees: readonly string[]): string {
  let q = question;
  for (const c of committees) q = q.replace(new RegExp(`\\b(?:i|for|hos)?\\s*${c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`, 'giu'), ' ');
  return clean(q);
}

function labelOf(filters: AnswerFilters, range: DateRange | undefined): string | undefined {
  const parts: string[] = [];
  if (filters.committee) parts.push(filters.committee);
  if (range) parts.push(range.label);
  else if (filters.dateFrom !== undefined) {
    // Keep the date part of the label the thread had ("KKR Hovedstaden, juni 2024" → "juni 2024").
    const old = filters.label?.split(', ').filter((p) => p !== filters.committee);
    if (old && old.length > 0) parts.push(...old);
  }
  return parts.length > 0 ? parts.join(', ') : undefined;
}

/**
 * Reads a message in a thread with a context. Returns undefined when the message is a new question
 * (it then stands on its own, though the thread keeps being followed).
 *
 * @example
 * interpretFollowUp('og i 2024?', { question: 'fysioterapi', filters: {}, … }, { committees })
 *   // { kind: 'ask', question: 'fysioterapi', filters: { dateFrom: '2024-01-01', dateTo: '2024-12-31', label: '2024' }, understood: 'fysioterapi · 2024' }
 */
export function interpretFollowUp(text: string, context: ThreadContext, vocabulary: FollowUpVocabulary): FollowUp | undefined {
  const t = clean(text);
  if (t === '') return undefined;
  if (MORE.test(t)) return { kind: 'more' };
  const nth = SHOW_NTH.exec(t);
  if (nth) return { kind: 'show', index: Number(nth[1]) };
  const item = SHOW_ITEM.exec(t);
  if (item) return { kind: 'item-number', number: item[1]! };

  const marked = CONTINUE.test(t);
  const rest = clean(t.replace(CONTINUE, ''));
  const q = qualifiers(rest, vocabulary.committees);
  if (q) {
    // The last question within new filters: a new date replaces the old one, a new committee the old one.
    const filters: AnswerFilters = { ...context.filters };
    let question = context.question;
    if (q.range) {
      filters.dateFrom = q.range.from;
      filters.dateTo = q.range.to;
      question = clean(question.replace(YEAR_IN_TEXT, ' '));
    }
    if (q.committee) {
      filters.committee = q.committee;
      question = withoutCommittee(question, vocabulary.committees);
    }
    if (question === '') question = context.question;
    const label = labelOf(filters, q.range);
    if (label !== undefined) filters.label = label;
    else delete filters.label;
    return { kind: 'ask', question, filters, understood: [question, label].filter(Boolean).join(' · ') };
  }
  if (marked && rest !== '') {
    // "hvad med boliger?": a new topic within the thread's filters.
    const filters: AnswerFilters = { ...context.filters };
    return { kind: 'ask', question: rest, filters, understood: [rest, filters.label].filter(Boolean).join(' · ') };
  }
  return undefined;
}
