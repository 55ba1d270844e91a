import type { AgendaItem } from '../corpus/types.js';
import type { SnippetPart } from './types.js';
import { analyzeToken, type Lexicon } from '../search/analyzer.js';
import { isPassageSection, isSubheadingParagraph, type Passage } from '../search/passages.js';
import type { QueryWord } from '../search/query.js';
import { splitSentences } from './sentences.js';

/**
 * The sentence of an item that best answers a question. Each word of the question counts once,
 * weighted by how rare it is, through whichever of its forms the sentence has (stem, compound
 * part, synonym, a longer or shorter inflection). Sentences in the best matching passage, under
 * a matching briefing heading, or holding the kind of fact asked for (a date for `hvornår`, a
 * number for `hvor mange`) get a bonus. A short answer takes its neighbour along.
 */

export type AnswerKind = 'when' | 'amount' | 'who' | 'list' | 'decision' | 'other';

/** What kind of fact the question asks for, from its question words (Danish and English). */
export function answerKind(question: string): AnswerKind {
  const q = question.toLowerCase();
  if (/\b(hvornår|hvornaar|when|dato|date|frist|deadline|hvilket år|what year|which year|how old|hvor gammel|siden hvornår)\b/.test(q)) return 'when';
  if (/\b(hvor (mange|meget|stor|store|høj|lang|længe)|how (many|much|large|big|long)|antal|beløb|procent|pct)\b/.test(q)) return 'amount';
  if (/\b(hvem|who|whom)\b/.test(q)) return 'who';
  // `hvad blev besluttet om …`, `what was decided`: the decision is the answer.
  if (/\b(besluttet|besluttede|beslutning(?:en)?|beslutte|vedtaget|vedtog|afgørelse(?:n)?|decided|decision|resolved)\b|\bblev\b.*\bgodkendt/u.test(q)) return 'decision';
  if (/\b(hvilke|what are|which are|which [a-z]+s)\b/.test(q)) return 'list';
  return 'other';
}

const HAS_DATE = /(\b\d{1,2}\.\s*(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)|\b(19|20)\d{2}\b|\buge \d+|\b(primo|medio|ultimo)\b)/i;
/** The noun a `hvor mange …` / `how many …` question counts (`kommuner`), if any. */
export function countedNoun(question: string): string | undefined {
  return /\b(?:hvor mange|how many)\s+([\p{L}-]+)/iu.exec(question)?.[1];
}

/** Whether the text counts the noun: a number followed within two words by it (`alle 98 kommuner`). */
function countsNoun(text: string, countTerms: ReadonlySet<string>, lexicon: Lexicon): boolean {
  for (const m of text.matchAll(/\b\d+(?:[.,]\d+)*\s+((?:[\p{L}.-]+\s+){0,2})/gu)) {
    const words = `${m[0]} ${text.slice(m.index + m[0].length).split(/\s+/, 1)[0] ?? ''}`.match(/\p{L}+/gu) ?? [];
    if (words.some((w) => analyzeToken(w, lexicon).some((t) => countTerms.has(t)))) return true;
  }
  return false;
}

/** A quantity: a number that is neither a year nor the day of a date (`98 kommuner`, `2,8 mio.`, `10,3 pct.`). */
function hasAmount(text: string): boolean {
  for (const m of text.matchAll(/\b(\d+(?:[.,]\d+)*)(\.?\s*\p{L}*)/gu)) {
    const number = m[1]!;
    if (/^(19|20)\d{2}$/.test(number)) continue;
    if (/^\.?\s*(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)$/i.test(m[2] ?? '')) continue;
    return true;
  }
  return false;
}
const HAS_NAME = /(\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+|\b\p{Lu}{2,}\b)/u;

const KIND_BONUS = 0.35;
/** Extra for a sentence that counts exactly what a `hvor mange …` question asks about. */
const COUNT_BONUS = 0.5;
const PASSAGE_BONUS = 0.15;
/** Share of a briefing heading's match that the sentences under it inherit. */
const HEADING_SHARE = 0.5;
const MAX_SNIPPET = 480;
/** Sentences longer than this match many words by sheer length and are scored down. */
const LONG_SENTENCE = 300;
const WORD = /[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*/gu;

export interface SnippetInput {
  item: AgendaItem;
  /** For `hvor mange kommuner …`: the terms of the counted noun, so `98 kommuner` answers. */
  countTerms?: ReadonlySet<string>;
  words: readonly QueryWord[];
  lexicon: Lexicon;
  kind: AnswerKind;
  bestPassage?: Passage;
}

/** How well a text term stands for a query term: 1 equal, less for inflections that differ in length. */
export function termAffinity(textTerm: string, queryTerm: string): number {
  if (textTerm === queryTerm) return 1;
  // Most pairs differ in their first letter; that settles it without looking further.
  if (textTerm.charCodeAt(0) !== queryTerm.charCodeAt(0)) return 0;
  const textShorter = textTerm.length <= queryTerm.length;
  const short = textShorter ? textTerm : queryTerm;
  const long = textShorter ? queryTerm : textTerm;
  if (short.length >= 5 && long.startsWith(short) && long.length - short.length <= 5) return 0.7;
  return 0;
}

/**
 * Per query term, the item's terms that are inflections of it (affinity 0.7): found once per item
 * and question, so each sentence needs a few set look-ups rather than a pass over its terms.
 */
function relatedTerms(vocabulary: readonly string[], words: readonly QueryWord[]): Map<string, string[]> {
  const related = new Map<string, string[]>();
  for (const word of words) {
    for (const alternative of word.alternatives) {
      for (const q of alternative.terms) {
        if (related.has(q)) continue;
        related.set(
          q,
          vocabulary.filter((t) => t !== q && termAffinity(t, q) > 0),
        );
      }
    }
  }
  return related;
}

/** Per question word, how well a set of text terms holds it (0–1: its best form). */
function wordMatches(terms: ReadonlySet<string>, words: readonly QueryWord[], related: ReadonlyMap<string, readonly string[]>): number[] {
  // Loops rather than map/some/spread: this runs per sentence of every item an answer reads, and
  // the arrays and closures those make per call were a good part of what the collector had to do.
  const out = new Array<number>(words.length);
  for (let w = 0; w < words.length; w++) {
    let best = 0;
    for (const alternative of words[w]!.alternatives) {
      // A phrase counts as far as its weakest word is there.
      let there = 1;
      for (const q of alternative.terms) {
        let affinity = 0;
        if (terms.has(q)) affinity = 1;
        else for (const t of related.get(q)!) if (terms.has(t)) affinity = 0.7;
        if (affinity < there) there = affinity;
        if (there === 0) break;
      }
      best = Math.max(best, alternative.weight * there);
    }
    out[w] = best;
  }
  return out;
}

function scoreMatches(matches: readonly number[], weights: readonly number[]): number {
  let score = 0;
  matches.forEach((m, i) => (score += m * weights[i]!));
  return score;
}

function termsOf(text: string, lexicon: Lexicon): Set<string> {
  const terms = new Set<string>();
  for (const token of text.match(WORD) ?? []) for (const t of analyzeToken(token, lexicon)) terms.add(t);
  return terms;
}

function kindMatches(kind: AnswerKind, text: string): boolean {
  if (kind === 'when') return HAS_DATE.test(text);
  if (kind === 'amount') return hasAmount(text);
  if (kind === 'who') return HAS_NAME.test(text);
  if (kind === 'list') return /:\s*\S|:$/.test(text) || (text.match(/,/g) ?? []).length >= 3;
  return false;
}

/** Splits a snippet into parts with the words that matched the question marked. */
export function markSnippet(text: string, words: readonly QueryWord[], lexicon: Lexicon): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const m of text.matchAll(WORD)) {
    const token = m[0].replace(/[.,]$/, '');
    const terms = analyzeToken(token, lexicon);
    const hit = terms.length > 0 && words.some((w) => w.alternatives.some((a) => a.terms.some((q) => terms.some((t) => termAffinity(t, q) > 0))));
    if (!hit) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: token, match: true });
    last = m.index + token.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

interface Candidate {
  text: string;
  section: number;
  paragraph: number;
  matches: number[];
  /** Multiplier for where the sentence stands and what it holds. */
  factor: number;
  /** A briefing heading's matches, which the sentences under it inherit in part. */
  heading: number[];
}

/**
 * The recommendation is shown next to the snippet anyway, so the snippet prefers other sentences
 * unless the recommendation clearly answers better.
 */
const RECOMMENDATION_FACTOR = 0.6;
/** A second sentence joins the first only when it adds at least this share. */
const SECOND_SENTENCE_GAIN = 0.25;

/** An item's sentences with their terms: the part of snippet work that does not depend on the question. */
interface AnalysedSentence {
  text: string;
  /** Index into the item's sections. */
  section: number;
  /** The recommendation is shown anyway, so its sentences count for less as snippets. */
  inRecommendation: boolean;
  paragraph: number;
  start: number;
  terms: Set<string>;
  /** Terms of the briefing heading the sentence stands under, if any. */
  heading?: Set<string>;
}

/** An item's sentences, and every term they and their headings hold. */
interface AnalysedItem {
  sentences: AnalysedSentence[];
  vocabulary: string[];
}

/** Recently analysed items: answering re-reads the same few items a lot (paging, buttons, popular topics). */
const analysed = new Map<AgendaItem, AnalysedItem>();
const ANALYSED_ITEMS = 2000;

function analyseItem(item: AgendaItem, lexicon: Lexicon): AnalysedItem {
  const cached = analysed.get(item);
  if (cached) return cached;
  const sentences: AnalysedSentence[] = [];
  for (const [section, { text, role }] of item.sections.entries()) {
    if (!text || !isPassageSection(item.sections[section]!)) continue;
    const inRecommendation = role === 'recommendation';
    const paragraphs = text.split('\n\n');
    let heading: Set<string> | undefined;
    let currentParagraph = -1;
    for (const s of splitSentences(text)) {
      const paragraph = paragraphs[s.paragraph] ?? '';
      if (s.paragraph !== currentParagraph) {
        currentParagraph = s.paragraph;
        // A briefing heading (`Movia`, `Københavns Professionshøjskole (KP)`) is context, not an answer.
        if (isSubheadingParagraph(paragraph)) heading = termsOf(paragraph, lexicon);
      }
      if (isSubheadingParagraph(paragraph)) continue;
      sentences.push({ text: s.text, section, inRecommendation, paragraph: s.paragraph, start: s.start, terms: termsOf(s.text, lexicon), ...(heading ? { heading } : {}) });
    }
  }
  const vocabulary = new Set<string>();
  for (const sentence of sentences) {
    for (const t of sentence.terms) vocabulary.add(t);
    for (const t of sentence.heading ?? []) vocabulary.add(t);
  }
  const result = { sentences, vocabulary: [...vocabulary] };
  if (analysed.size >= ANALYSED_ITEMS) analysed.delete(analysed.keys().next().value!);
  analysed.set(item, result);
  return result;
}

/** Per sentence of the item, how well it holds each question word; `related` serves its headings too. */
function sentenceMatches(item: AnalysedItem, words: readonly QueryWord[]): { matches: number[][]; related: Map<string, string[]> } {
  const related = relatedTerms(item.vocabulary, words);
  return { matches: item.sentences.map((s) => wordMatches(s.terms, words, related)), related };
}

function prepare(input: SnippetInput) {
  const none = input.words.map(() => 0);
  const headingMatches = new Map<Set<string>, number[]>();
  const item = analyseItem(input.item, input.lexicon);
  const { matches, related } = sentenceMatches(item, input.words);
  const candidates: Candidate[] = item.sentences.map((s, i) => {
    const inPassage =
      input.bestPassage !== undefined && input.bestPassage.section === s.section && s.start >= input.bestPassage.start && s.start < input.bestPassage.end;
    let factor = 1;
    if (inPassage) factor *= 1 + PASSAGE_BONUS;
    if (kindMatches(input.kind, s.text)) factor *= 1 + KIND_BONUS;
    if (input.countTerms && input.countTerms.size > 0 && countsNoun(s.text, input.countTerms, input.lexicon)) factor *= 1 + COUNT_BONUS;
    if (s.inRecommendation) factor *= RECOMMENDATION_FACTOR;
    let heading = none;
    if (s.heading) {
      heading = headingMatches.get(s.heading) ?? wordMatches(s.heading, input.words, related);
      headingMatches.set(s.heading, heading);
    }
    return { text: s.text, section: s.section, paragraph: s.paragraph, matches: matches[i]!, factor, heading };
  });
  // Within one item, a question word found in many sentences (the item's topic) tells less about
  // which sentence answers than a word found in one.
  const weights = input.words.map((word, i) => {
    const containing = candidates.filter((c) => c.matches[i]! > 0).length;
    return word.idf * Math.log(1 + candidates.length / (1 + containing));
  });
  const single = (c: Candidate) => {
    const own = scoreMatches(c.matches, weights);
    if (own === 0) return 0;
    let score = (own + HEADING_SHARE * scoreMatches(c.heading, weights)) * c.factor;
    if (c.text.length > LONG_SENTENCE) score /= 1 + (c.text.length - LONG_SENTENCE) / 700;
    return score;
  };
  return { candidates, weights, single };
}

/**
 * How fully the item's best sentence, or two adjacent sentences, answers the question: the share
 * (0–1) of the question's weight they hold. Comparable across items, unlike snippet scores.
 */
export function answerEvidence(input: Pick<SnippetInput, 'item' | 'words' | 'lexicon'>): number {
  const total = input.words.reduce((sum, w) => sum + w.idf, 0);
  if (total === 0) return 0;
  const item = analyseItem(input.item, input.lexicon);
  const { matches } = sentenceMatches(item, input.words);
  let best = 0;
  item.sentences.forEach((c, i) => {
    const next = item.sentences[i + 1];
    const own = matches[i]!;
    const joint = next && next.section === c.section && next.paragraph === c.paragraph ? own.map((m, k) => Math.max(m, matches[i + 1]![k]!)) : own;
    let held = 0;
    joint.forEach((m, k) => (held += m * input.words[k]!.idf));
    best = Math.max(best, held / total);
  });
  return best;
}

export function bestSnippet(input: SnippetInput): { text: string; parts: SnippetPart[] } {
  const { candidates, weights, single } = prepare(input);
  if (candidates.length === 0) {
    const fallback = input.item.recommendation || input.item.title;
    return { text: fallback, parts: [{ text: fallback, match: false }] };
  }
  const scores = candidates.map(single);
  let bestIndex = 0;
  let bestScore = -1;
  let withNext = false;
  candidates.forEach((c, i) => {
    if (scores[i]! > bestScore) {
      bestIndex = i;
      bestScore = scores[i]!;
      withNext = false;
    }
    // Two sentences together can answer what neither does alone (`… merudgifter.` `Men den fulde effekt …`).
    const next = candidates[i + 1];
    if (next && next.section === c.section && next.paragraph === c.paragraph && c.text.length + next.text.length < MAX_SNIPPET) {
      const joint = c.matches.map((m, k) => Math.max(m, next.matches[k]!));
      let score = (scoreMatches(joint, weights) + HEADING_SHARE * scoreMatches(c.heading, weights)) * Math.max(c.factor, next.factor);
      const length = c.text.length + next.text.length;
      if (length > LONG_SENTENCE) score /= 1 + (length - LONG_SENTENCE) / 700;
      if (score > bestScore * (1 + SECOND_SENTENCE_GAIN) && score > Math.max(scores[i]!, scores[i + 1]!) * (1 + SECOND_SENTENCE_GAIN)) {
        bestIndex = i;
        bestScore = score;
        withNext = true;
      }
    }
  });
  const best = candidates[bestIndex]!;
  let text = best.text;
  const opensList = /:$/.test(best.text);
  if (withNext && !opensList) text = `${text} ${candidates[bestIndex + 1]!.text}`;
  else if (opensList) {
    // A sentence that opens a list answers with the list.
    for (let j = bestIndex + 1; j < candidates.length; j++) {
      const c = candidates[j]!;
      if (c.section !== best.section || c.paragraph !== best.paragraph || text.length + c.text.length + 1 > MAX_SNIPPET) break;
      text = `${text}\n${c.text}`;
    }
  } else if (best.text.length < 60) {
    const next = candidates[bestIndex + 1];
    if (next && next.section === best.section && text.length + next.text.length < MAX_SNIPPET) text = `${text} ${next.text}`;
  }
  if (text.length > MAX_SNIPPET) text = `${text.slice(0, MAX_SNIPPET - 1).replace(/\s+\S*$/, '')} …`;
  return { text, parts: markSnippet(text, input.words, input.lexicon) };
}
