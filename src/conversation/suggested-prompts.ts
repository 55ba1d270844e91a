import { isStandingItem } from '../digest/build-digest.js';
import type { AnswerEngine } from '../answer/types.js';
import { danishDate } from '../answer/present.js';
import { shorten } from '../answer/shorten.js';

/** A prompt offered in a new assistant thread: what the button says and the question it asks. */
export interface SuggestedPrompt {
  title: string;
  message: string;
}

/** Characters of a prompt's title; Slack shows them as short buttons. */
const TITLE_CHARS = 60;
/** Meetings searched for a case number when the newest has none. */
const RECENT_MEETINGS = 5;

/** Items that are on every agenda or only announce: not "a current topic". */
const ROUTINE = /^(siden sidst|punkter til (næste|kommende) møde|meddelelser|orientering fra formandskabet)$/i;

/**
 * Prompts drawn from the corpus as it is today: the next meeting (or the latest, when none is
 * ahead), a current topic from the newest meeting, and a case number of it. Nothing when the
 * corpus is empty.
 *
 * @example suggestedPrompts(engine, new Date('2025-04-01'))
 *   // [{ title: 'Næste møde i KKR Hovedstaden (11. april 2025)', message: 'KKR Hovedstaden næste møde' }, …]
 */
export async function suggestedPrompts(engine: Pick<AnswerEngine, 'catalog' | 'meetings'>, now: Date): Promise<SuggestedPrompt[]> {
  const catalog = [...(await engine.catalog())].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  if (catalog.length === 0) return [];
  // The newest few meetings read whole: the topical item and a case number come from them.
  const recent = await engine.meetings({ ids: catalog.slice(-RECENT_MEETINGS).map((m) => m.id) });
  const meetings = [...recent].sort((a, b) => a.meetingDate.localeCompare(b.meetingDate));
  const today = now.toISOString().slice(0, 10);
  const prompts: SuggestedPrompt[] = [];
  const next = catalog.find((m) => m.meetingDate >= today);
  const newest = meetings[meetings.length - 1]!;
  if (next) prompts.push({ title: shorten(`Næste møde i ${next.committee} (${danishDate(next.meetingDate)})`, TITLE_CHARS), message: `${next.committee} næste møde` });
  else prompts.push({ title: shorten(`Seneste møde i ${newest.committee} (${danishDate(newest.meetingDate)})`, TITLE_CHARS), message: `${newest.committee} sidste møde` });
  const topical = newest.items.find((i) => !isStandingItem(i.title) && !ROUTINE.test(i.title.trim()) && !i.untitled);
  if (topical) prompts.push({ title: shorten(`Hvad indstilles om ${topical.title}?`, TITLE_CHARS), message: `hvad indstilles der om ${topical.title}?` });
  const withCase = [...newest.items].reverse().find((i) => i.caseNumber !== '') ?? meetings.flatMap((m) => m.items).reverse().find((i) => i.caseNumber !== '');
  if (withCase) prompts.push({ title: shorten(`Alle punkter på sag ${withCase.caseNumber}`, TITLE_CHARS), message: withCase.caseNumber });
  return prompts;
}
