import type { FeedbackStore, Unanswered, Vote } from '../state/feedback-store.js';

/** A question answered badly: how often it was voted 👎 with the same item first. */
export interface DownVotedAnswer {
  question: string;
  itemId?: string;
  itemTitle?: string;
  count: number;
  /** ISO 8601 of the latest vote. */
  last: string;
  platforms: string[];
}

/** A question that found nothing, and how often it was asked. */
export interface UnansweredQuestion {
  question: string;
  count: number;
  last: string;
  platforms: string[];
}

/** What `npm run feedback` prints: the to-do list for synonyms and parsing, most frequent first. */
export interface FeedbackReport {
  /** YYYY-MM-DD when only feedback from that day on is counted. */
  since?: string;
  totals: { up: number; down: number; unanswered: number };
  downVoted: DownVotedAnswer[];
  unanswered: UnansweredQuestion[];
}

/** Questions compared as people retype them: case, spacing and a trailing `?` do not matter. */
function questionKey(question: string): string {
  return question.toLowerCase().replace(/\s+/g, ' ').replace(/[\s?!.]+$/, '').trim();
}

function byFrequency<T extends { count: number; last: string }>(a: T, b: T): number {
  return b.count - a.count || b.last.localeCompare(a.last);
}

function group<T extends { at: string; platform: string }, R extends { count: number; last: string; platforms: string[] }>(
  entries: readonly T[],
  key: (e: T) => string,
  first: (e: T) => R,
): R[] {
  const groups = new Map<string, R>();
  for (const e of entries) {
    const k = key(e);
    const g = groups.get(k);
    if (g === undefined) groups.set(k, first(e));
    else {
      g.count++;
      if (e.at > g.last) g.last = e.at;
      if (!g.platforms.includes(e.platform)) g.platforms.push(e.platform);
    }
  }
  return [...groups.values()].sort(byFrequency);
}

/** Groups votes and unanswered questions into the report. */
export function buildFeedbackReport(votes: readonly Vote[], unanswered: readonly Unanswered[], since?: string): FeedbackReport {
  const down = votes.filter((v) => v.vote === 'down');
  return {
    ...(since !== undefined ? { since } : {}),
    totals: { up: votes.length - down.length, down: down.length, unanswered: unanswered.length },
    downVoted: group(
      down,
      (v) => `${questionKey(v.question)}|${v.itemId ?? ''}`,
      (v): DownVotedAnswer => ({
        question: v.question,
        ...(v.itemId ? { itemId: v.itemId } : {}),
        ...(v.itemTitle ? { itemTitle: v.itemTitle } : {}),
        count: 1,
        last: v.at,
        platforms: [v.platform],
      }),
    ),
    unanswered: group(unanswered, (u) => questionKey(u.question), (u): UnansweredQuestion => ({ question: u.question, count: 1, last: u.at, platforms: [u.platform] })),
  };
}

/** The report from a store, optionally from a day on (YYYY-MM-DD). */
export async function feedbackReport(store: FeedbackStore, since?: string): Promise<FeedbackReport> {
  return buildFeedbackReport(await store.votes(since), await store.unanswered(since), since);
}

/** The report as Danish text for a terminal: what to look at first is on top. */
export function renderFeedbackReport(report: FeedbackReport): string {
  const since = report.since ? ` siden ${report.since}` : '';
  const lines = [
    `Feedback${since}: ${report.totals.up} 👍, ${report.totals.down} 👎 og ${report.totals.unanswered} spørgsmål uden svar.`,
    '',
    'Svar med 👎, hyppigste først:',
  ];
  if (report.downVoted.length === 0) lines.push('  (ingen)');
  for (const d of report.downVoted) {
    lines.push(`  ${String(d.count).padStart(4)} × «${d.question}» → ${d.itemTitle ?? d.itemId ?? '(intet punkt)'}  [${d.platforms.join(', ')}; senest ${d.last.slice(0, 10)}]`);
  }
  lines.push('', 'Spørgsmål uden svar, hyppigste først:');
  if (report.unanswered.length === 0) lines.push('  (ingen)');
  for (const u of report.unanswered) lines.push(`  ${String(u.count).padStart(4)} × «${u.question}»  [${u.platforms.join(', ')}; senest ${u.last.slice(0, 10)}]`);
  return `${lines.join('\n')}\n`;
}
