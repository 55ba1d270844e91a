import type { SearchIndex } from '../search/search-index.js';
import { Synonyms } from '../search/synonyms.js';
import { Glossary } from '../search/glossary.js';
// The calendar is corpus data (`corpus/calendar.json`) that the digest reads too; its loader
// imports nothing of the digest, so answering can read it without a cycle.
import { loadCalendar, type Calendar } from '../digest/calendar.js';

/**
 * What answering reads from the corpus folder besides the index: the synonyms, the English
 * glossary and the meeting calendar. All three are edited by hand and re-read on reload, without
 * a re-index.
 */
export interface AnswerData {
  synonyms: Synonyms;
  glossary: Glossary;
  calendar: Calendar;
}

/** What one question is answered from: one index and the data read with it, swapped together. */
export interface Served extends AnswerData {
  index: SearchIndex;
}

/** Reads the synonyms, glossary and calendar of a corpus folder (each may be missing). */
export async function loadAnswerData(corpusDir: string): Promise<AnswerData> {
  const [synonyms, glossary, calendar] = await Promise.all([Synonyms.load(corpusDir), Glossary.load(corpusDir), loadCalendar(corpusDir)]);
  return { synonyms, glossary, calendar };
}

/** Answer data with nothing in it: no synonyms, no glossary, no calendar. */
export function emptyAnswerData(): AnswerData {
  return { synonyms: new Synonyms(), glossary: new Glossary(), calendar: { meetings: [] } };
}
