import type { AgendaItem } from '../corpus/types.js';
import { analyzeToken, type Lexicon } from '../search/analyzer.js';
import { isPassageSection, isSubheadingParagraph } from '../search/passages.js';
import { splitSentences } from './sentences.js';

/**
 * The parts of an item that can answer a question on their own: the sentences of its prose, each
 * line of a list (`– 11 kommuner overholder ikke aftalen …`) and each row of a table flattened to
 * lines (`Gentofte 14`). A list line keeps the sentence that introduces the list (`Resultaterne
 * viser:`), a row the table's caption (`Beregnede kommunekvoter … 2025`), and everything under a
 * briefing heading (`Movia`) keeps the heading: the context a reader needs to understand the unit,
 * and whose words count, in part, for it.
 */

export type UnitKind = 'sentence' | 'list' | 'row';

/** What a unit stands under: a heading, a list's lead-in or a table's caption. */
export interface UnitContext {
  text: string;
  terms: Set<string>;
}

export interface AnswerUnit {
  /** The unit's own text: a sentence, a list line or a table row. */
  text: string;
  kind: UnitKind;
  /** Index into the item's sections. */
  section: number;
  /** Paragraph within the section (blocks separated by a blank line). */
  paragraph: number;
  /** Offset of the unit in its section's text. */
  start: number;
  /** The recommendation is shown anyway, so its units count for less as snippets. */
  inRecommendation: boolean;
  inDecision: boolean;
  terms: Set<string>;
  /** The briefing heading the unit stands under, if any. */
  heading?: UnitContext;
  /** For a list line, the sentence that introduces the list; for a row, the table's caption. */
  lead?: UnitContext;
}

/** An item's units, and every term they and their contexts hold. */
export interface AnalysedItem {
  units: AnswerUnit[];
  vocabulary: string[];
}

const WORD = /[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*/gu;

export function termsOf(text: string, lexicon: Lexicon): Set<string> {
  const terms = new Set<string>();
  for (const token of text.match(WORD) ?? []) for (const t of analyzeToken(token, lexicon)) terms.add(t);
  return terms;
}

/** A list line: a dash, bullet or number marker first (`– …`, `• …`, `1. …`, `a) …`). */
const LIST_LINE = /^\s*(?:[–—•·▪*-]|\d{1,2}[.)]|[a-zæøå][.)])\s+\S/u;
/**
 * A table row: a short label and one or more values (`Gentofte 14`, `Ballerup -`,
 * `Anlæg 2.500 3.100 12 %`), as tables flattened to lines read.
 */
const TABLE_ROW = /^[\p{L}(][^\n]{0,60}?(?:\s+(?:[-–]|\(?[-–]?\d[\d.,]*\)?\s*(?:%|pct\.?|mio\.?|mia\.?|kr\.?|t\.kr\.?)?)){1,8}$/u;

/** Whether the lines of a block are a table: most of them rows. */
function isTable(lines: readonly string[]): boolean {
  if (lines.length < 3) return false;
  const rows = lines.filter((l) => TABLE_ROW.test(l.trim())).length;
  return rows >= 3 && rows >= lines.length * 0.6;
}

function context(text: string, lexicon: Lexicon): UnitContext {
  return { text, terms: termsOf(text, lexicon) };
}

/** Recently analysed items: answering re-reads the same few items a lot (paging, buttons, popular topics). */
const analysed = new Map<AgendaItem, AnalysedItem>();
const ANALYSED_ITEMS = 2000;

/** The answer units of an item (cached for the last few thousand items asked about). */
export function analyseItem(item: AgendaItem, lexicon: Lexicon): AnalysedItem {
  const cached = analysed.get(item);
  if (cached) return cached;
  const units: AnswerUnit[] = [];
  for (const [section, s] of item.sections.entries()) {
    if (!s.text || !isPassageSection(s)) continue;
    const base = { section, inRecommendation: s.role === 'recommendation', inDecision: s.role === 'decision' };
    let heading: UnitContext | undefined;
    // A table's caption is the same for each of its rows: analysed once.
    const captions = new Map<string, UnitContext>();
    let offset = 0;
    let previousSentence: string | undefined;
    s.text.split('\n\n').forEach((paragraph, p) => {
      const paragraphStart = offset;
      offset += paragraph.length + 2;
      if (paragraph.trim() === '') return;
      if (isSubheadingParagraph(paragraph)) {
        // A briefing heading (`Movia`), or a table's caption: context, not an answer.
        heading = context(paragraph.trim(), lexicon);
        return;
      }
      const lines = paragraph.split('\n');
      const table = isTable(lines);
      let lineStart = paragraphStart;
      let lead: UnitContext | undefined;
      let header: string | undefined;
      lines.forEach((line, k) => {
        const start = lineStart;
        lineStart += line.length + 1;
        const trimmed = line.trim();
        if (trimmed === '') return;
        const at = { ...base, paragraph: p, ...(heading ? { heading } : {}) };
        if (table && TABLE_ROW.test(trimmed)) {
          const caption = [heading?.text, header].filter((x) => x !== undefined).join('\n');
          let lead = captions.get(caption);
          if (caption && !lead) captions.set(caption, (lead = context(caption, lexicon)));
          units.push({ ...at, text: trimmed, kind: 'row', start: start + line.indexOf(trimmed), terms: termsOf(trimmed, lexicon), ...(lead ? { lead } : {}) });
          return;
        }
        if (table && k === 0) {
          // A table's first line without values is its column header (`Region Hovedstaden`).
          header = trimmed;
          return;
        }
        if (LIST_LINE.test(line) && (k > 0 || previousSentence?.endsWith(':'))) {
          lead ??= previousSentence !== undefined && previousSentence.endsWith(':') ? context(previousSentence, lexicon) : undefined;
          units.push({ ...at, text: trimmed, kind: 'list', start: start + line.indexOf(trimmed), terms: termsOf(trimmed, lexicon), ...(lead ? { lead } : {}) });
          return;
        }
        for (const sentence of splitSentences(line)) {
          const last = units[units.length - 1];
          if (last && last.kind === 'sentence' && last.section === section && /^[\p{Ll}\d]/u.test(sentence.text) && !/[.!?:]["”’)]?$/.test(last.text)) {
            // A page or paragraph break inside a sentence (`… den 6. september` / `2024 fra kl. 10.00 …`): one sentence.
            last.text = `${last.text} ${sentence.text}`;
            for (const t of termsOf(sentence.text, lexicon)) last.terms.add(t);
            previousSentence = last.text;
            continue;
          }
          units.push({ ...at, text: sentence.text, kind: 'sentence', start: start + sentence.start, terms: termsOf(sentence.text, lexicon) });
          previousSentence = sentence.text;
        }
        lead = undefined;
      });
    });
  }
  const vocabulary = new Set<string>();
  for (const unit of units) {
    for (const t of unit.terms) vocabulary.add(t);
    for (const t of unit.heading?.terms ?? []) vocabulary.add(t);
    for (const t of unit.lead?.terms ?? []) vocabulary.add(t);
  }
  const result = { units, vocabulary: [...vocabulary] };
  if (analysed.size >= ANALYSED_ITEMS) analysed.delete(analysed.keys().next().value!);
  analysed.set(item, result);
  return result;
}

/** How a unit reads on its own: a list line or row under its lead-in or caption. */
export function unitDisplay(unit: AnswerUnit): string {
  if (unit.kind === 'sentence' || !unit.lead) return unit.text;
  return `${unit.lead.text}\n${unit.text}`;
}
