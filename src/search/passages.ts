import type { AgendaItem, Section } from '../corpus/types.js';
import { PASSAGES } from './ranking-parameters.js';
import { GOES_ON } from '../corpus/text-assembly.js';

/** Every section but the list of attachment titles is searched as passages (decisions and *Økonomi* too). */
export function isPassageSection(section: Section): boolean {
  return section.role !== 'attachments';
}

/**
 * A passage of an item: a run of paragraphs, or one briefing of a *Siden sidst* item (a
 * sub-heading and its paragraphs). Stored as offsets into the item's section text, so the index
 * does not hold the text twice.
 */
export interface Passage {
  /** Index into the item's `sections`. */
  section: number;
  start: number;
  end: number;
}


function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => w !== '').length;
}

/**
 * A paragraph that is only a short name (`Movia`, `Copenhagen Capacity`) heads a briefing; one
 * that ends where a sentence must go on (`… afholdt den 6. september`) is half a sentence.
 */
export function isSubheadingParagraph(paragraph: string): boolean {
  return !paragraph.includes('\n') && paragraph.length <= 66 && !/[.:;,!?]$/.test(paragraph) && /^[\p{Lu}\d]/u.test(paragraph) && !GOES_ON.test(paragraph);
}

/** Cuts one section into passages at paragraph boundaries; a sub-heading always starts a new one. */
export function sectionPassages(section: number, text: string): Passage[] {
  const passages: Passage[] = [];
  let start = -1;
  let end = -1;
  let words = 0;
  let offset = 0;
  const close = () => {
    if (start >= 0) passages.push({ section, start, end });
    start = -1;
    words = 0;
  };
  for (const paragraph of text.split('\n\n')) {
    const pStart = offset;
    const pEnd = offset + paragraph.length;
    offset = pEnd + 2;
    if (paragraph.trim() === '') continue;
    const heading = isSubheadingParagraph(paragraph);
    if (heading || words >= PASSAGES.words) close();
    if (start < 0) start = pStart;
    end = pEnd;
    words += wordCount(paragraph);
  }
  close();
  return passages;
}

export function itemPassages(item: AgendaItem): Passage[] {
  return item.sections.flatMap((s, i) => (isPassageSection(s) ? sectionPassages(i, s.text) : []));
}

export function passageText(item: AgendaItem, passage: Passage): string {
  return item.sections[passage.section]?.text.slice(passage.start, passage.end) ?? '';
}
/** Passages of every item packed as `[section, start, end, …]` per item, for saving. */
export function packPassages(passages: ReadonlyArray<readonly Passage[]>): number[][] {
  return passages.map((list) => list.flatMap((p) => [p.section, p.start, p.end]));
}

/** The passages `packPassages` packed. */
export function unpackPassages(packed: readonly (readonly number[])[]): Array<Passage[]> {
  return packed.map((flat) => {
    const out: Passage[] = [];
    for (let i = 0; i + 2 < flat.length; i += 3) out.push({ section: flat[i]!, start: flat[i + 1]!, end: flat[i + 2]! });
    return out;
  });
}
