import type { AgendaItem } from '../corpus/types.js';
import type { SnippetPart } from './types.js';
import { analyzeToken, type Lexicon } from '../search/analyzer.js';
import type { Passage } from '../search/passages.js';
import type { QueryWord } from '../search/query.js';
import { SNIPPET } from '../search/ranking-parameters.js';
import { analyseItem, termsOf, unitDisplay, type AnalysedItem, type AnswerUnit } from './answer-units.js';
import { clipSentence, leadSentences } from './sentences.js';

/**
 * The unit of an item that answers a question: a sentence, a list line or a table row (see
 * `answer-units.ts`). Each question word counts once, weighted by how rare it is in the item,
 * through whichever of its forms the unit has (stem, compound part, synonym, translation, a
 * longer or shorter inflection); the unit's heading, list lead-in or table caption lends it part
 * of its words. Units holding the kind of fact asked for get a bonus: a date for `hvornår`, a
 * quantity of the counted noun for `hvor mange`, an amount for `hvor meget`, a name or role for
 * `hvem`, and the question's negation (`ikke`) when it has one. The snippet is always whole
 * sentences or lines: two sentences when the fact needs both, a list line or row under its lead-in.
 */

/** A noun that names a figure: `landstallet`, `regionskvoten`, `anlægsrammen`, `beløbet`. */
const FIGURE_NOUN = /\p{L}+(?:tal|tallet|kvote|kvoten|kvoter|beløb|beløbet|ramme|rammen)\b/iu;

export type AnswerKind = 'when' | 'count' | 'amount' | 'duration' | 'who' | 'list' | 'decision' | 'other';

/** What kind of fact the question asks for, from its question words (Danish and English). */
/** The question is about what was decided (`besluttet`, `vedtaget`, `blev … godkendt`, `decided`). */
export function asksAboutDecision(question: string): boolean {
  return /\b(besluttet|besluttede|beslutning(?:en)?|beslutte|vedtaget|vedtog|afgørelse(?:n)?|decided|decision|resolved|adopted|approved)\b|\bblev\b.*\bgodkendt/u.test(question.toLowerCase());
}

export function answerKind(question: string): AnswerKind {
  const q = question.toLowerCase();
  if (/\b(hvor (længe|laenge|lang tid)|how long|siden hvornår)\b/.test(q)) return 'duration';
  if (/\b(hvornår|hvornaar|when|dato|date|frist|deadline|hvilket år|hvilken dato|what year|which year|how old|hvor gammel|fra hvilket)\b/.test(q)) return 'when';
  if (/\b(hvor mange|how many|antal(?:let)?|number of)\b/.test(q)) return 'count';
  // A question that names a figure (`landstallet for 2025`, `kommunekvoten`, `beløbet`) asks for its value.
  if (FIGURE_NOUN.test(q) && !/\b(hvorfor|hvordan|why|how)\b/.test(q)) return 'amount';
  if (/\b(hvor (meget|stor|stort|store|høj|højt|høje|hoej|dyr|dyrt)|how (much|large|big|high|expensive)|beløb|amount|procent|pct|percent|what does .* cost|hvad koster)\b/.test(q)) return 'amount';
  if (/\b(hvem|who|whom)\b/.test(q)) return 'who';
  // `hvad blev besluttet om …`, `what was decided`: the decision is the answer.
  if (asksAboutDecision(q)) return 'decision';
  if (/\b(hvilke|what are|which are|which [a-z]+s)\b/.test(q)) return 'list';
  return 'other';
}

/** The noun a `hvor mange …` / `how many …` question counts (`kommuner`, `full-time`), if any. */
export function countedNoun(question: string): string | undefined {
  return /\b(?:hvor mange|how many|antallet af|antal|number of)\s+([\p{L}-]+)/iu.exec(question)?.[1];
}

/** Whether the question asks about what did not happen (`overholdt ikke`, `not included`). */
export function isNegated(question: string): boolean {
  return /\b(ikke|ingen|intet|aldrig|not|never|no longer|none)\b|n't\b/i.test(question);
}

const MONTHS = 'januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec';
/** A day of a month (`22. november`), a numeric date, a week or a part of a year (`primo`, `sommeren`). */
const DAY_OR_SEASON = new RegExp(String.raw`(\b\d{1,2}\.\s*(${MONTHS})\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\buge \d+|\b(primo|medio|ultimo|foråret|efteråret|sommeren|vinteren|januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)\b)`, 'i');
/** A number in digits, or in words (`to høringssvar`, `fem industriparker`), with the word after it. */
const NUMBER = /\b(\d+(?:[.,]\d+)*|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve|tredive|fyrre|halvtreds|hundrede|tusind|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|hundred|thousand)(\.?\s*\p{L}*)/giu;
/** Words before a number that make it a reference, not a quantity (`§ 8`, `stk. 3`, `nr. 50`, `kl. 10`). */
const REFERENCE_BEFORE = /(?:§|stk\.|nr\.|pkt\.|punkt|kl\.|tillæg|lokalplan|bilag|side|uge)\s*$/i;
const MONEY = /\b\d+(?:[.,]\d+)*\s*(?:mio\.?|mia\.?|million(?:er)?|milliard(?:er)?|t\.?\s?kr\.?|kr\.?|kroner)(?![\p{L}])/iu;
const PERCENT = /\b\d+(?:[.,]\d+)*\s*(?:%|pct\.?|procent)/i;
const DURATION = /\b(\d+(?:[.,]\d+)?|en|et|to|tre|fire|fem|seks|ti|mange|flere)\s+(år|måneder|måned|uger|uge|dage|dag|timer|årtier)\b/i;
/** A person's name: two or three capitalised words (`Mette Kierkgaard`, `Birgitte Kirkhoff Eriksen`). */
const PERSON = /(?<![\p{L}])(\p{Lu}\p{Ll}+)(?:\s+(\p{Lu}\p{Ll}+)){1,2}/gu;
/** Second words that make two capitalised words a place or body, not a person (`Gentofte Kommune`). */
const NOT_A_PERSON = /^(kommune|kommunes|region|regions|hovedstaden|danmark|kommunalbestyrelse|byråd|udvalg|amt|styrelse)$/i;
/** A role or a body that can answer `hvem` (`ældreminister`, `direktøren`, `KL`, `Socialdemokratiet`). */
const ROLE = /(\b\p{Lu}{2,}\b|\p{L}*(?:direktør|formand|borgmester|rådmand|minister|chef|leder|konsulent|sekretariat|forvaltning|udvalget|bestyrelsen|styrelsen|ministeriet|regeringen|partiet|kommunen)\p{L}*)/iu;

/** Whether the text names a person the question does not, or else a role or a body. */
function namesWho(text: string, questionWords: ReadonlySet<string>): 'person' | 'role' | undefined {
  for (const m of text.matchAll(PERSON)) {
    const words = m[0].split(/\s+/);
    if (words.every((w) => questionWords.has(w.toLowerCase())) || NOT_A_PERSON.test(words[words.length - 1]!)) continue;
    return 'person';
  }
  for (const m of text.matchAll(new RegExp(ROLE.source, 'giu'))) if (!questionWords.has(m[0].toLowerCase())) return 'role';
  return undefined;
}
const NEGATION = /\b(ikke|ingen|intet|aldrig|hverken|undtaget|not|no|never)\b/i;

/** A date, week, season or year that is not one the question itself names. */
function hasDate(text: string, questionNumbers: ReadonlySet<string>): boolean {
  if (DAY_OR_SEASON.test(text)) return true;
  for (const m of text.matchAll(/\b(?:19|20)\d{2}\b/g)) if (!questionNumbers.has(m[0])) return true;
  return false;
}

const MONTH_WORD = new RegExp(`^\\.?\\s*(${MONTHS})$`, 'i');
/** Units after a number that make it a time span or money, not a count of things. */
const NOT_A_COUNT = /^\.?\s*(år|måned\p{L}*|uge\p{L}*|dage?|timer?|kr\.?|kroner|pct\.?|procent)$/iu;

/**
 * A quantity: a number that is neither a year nor the day of a date nor one the question names
 * (`98 kommuner`, `2,8 mio.`, `10,3 pct.`); for a count, not a time span or money either.
 */
function hasAmount(text: string, questionNumbers: ReadonlySet<string>, count = false): boolean {
  for (const m of text.matchAll(NUMBER)) {
    const number = m[1]!;
    if (/^(19|20)\d{2}$/.test(number) || questionNumbers.has(number.toLowerCase())) continue;
    if (REFERENCE_BEFORE.test(text.slice(Math.max(0, m.index - 10), m.index))) continue;
    // A number word must count something: `to høringssvar`, not the preposition in `to the`.
    if (/^\p{L}/u.test(number) && !/^\s+\p{L}{3,}/u.test(m[2] ?? '')) continue;
    if (MONTH_WORD.test(m[2] ?? '')) continue;
    if (count && (NOT_A_COUNT.test(m[2] ?? '') || /^\s*(?:mio|mia)\.?\s*kr/i.test(text.slice(m.index + m[1]!.length, m.index + m[1]!.length + 12)))) continue;
    return true;
  }
  return false;
}

/** Whether the text counts the noun: a number followed within two words by it (`alle 98 kommuner`). */
function countsNoun(text: string, countTerms: ReadonlySet<string>, lexicon: Lexicon): boolean {
  for (const m of text.matchAll(/\b(?:\d+(?:[.,]\d+)*|to|tre|fire|fem|seks|syv|otte|ni|ti|elleve|tolv|tyve|hundrede|tusind)\s+((?:[\p{L}.-]+\s+){0,2})/giu)) {
    const words = `${m[0]} ${text.slice(m.index + m[0].length).split(/\s+/, 1)[0] ?? ''}`.match(/\p{L}+/gu) ?? [];
    if (words.some((w) => analyzeToken(w, lexicon).some((t) => countTerms.has(t)))) return true;
  }
  return false;
}

/** What a unit must hold to be the kind of fact asked for, and how the question's own numbers and dates are told apart from answers. */
interface KindFit {
  kind: AnswerKind;
  questionNumbers: ReadonlySet<string>;
  /** The question's words, lower-cased: names it gives are not answers to `hvem`. */
  questionWords: ReadonlySet<string>;
  countTerms?: ReadonlySet<string>;
  /** For a question naming a figure (`landstallet`, `kommunekvoten`): its terms, so the unit stating it answers. */
  figureTerms?: ReadonlySet<string>;
  negated: boolean;
  lexicon: Lexicon;
}

/** How well a unit's text fits the kind of fact asked for: a factor ≥ 1, or below 1 for a missing negation. */
function kindFactor(text: string, fit: KindFit): number {
  let factor = 1;
  const { kind, questionNumbers } = fit;
  let fits = false;
  if (kind === 'when') fits = hasDate(text, questionNumbers);
  else if (kind === 'count') fits = hasAmount(text, questionNumbers, true);
  else if (kind === 'amount') fits = MONEY.test(text) || PERCENT.test(text) || hasAmount(text, questionNumbers);
  else if (kind === 'duration') fits = DURATION.test(text) || /\bsiden\s+(19|20)\d{2}\b|\bfra\s+(19|20)\d{2}\b/i.test(text);
  else if (kind === 'who') {
    const who = namesWho(text, fit.questionWords);
    fits = who !== undefined;
    // A person's name answers `hvem` most surely; a role or a body (`KL deltager i …`) answers too.
    if (who === 'person') factor *= 1 + SNIPPET.personBonus;
  }
  else if (kind === 'list') fits = /:\s*\S|:$/.test(text) || (text.match(/,/g) ?? []).length >= 3;
  if (fits) factor *= 1 + SNIPPET.kindBonus;
  if (kind === 'amount' && MONEY.test(text)) factor *= 1 + SNIPPET.moneyBonus;
  if (fit.countTerms && fit.countTerms.size > 0 && countsNoun(text, fit.countTerms, fit.lexicon)) factor *= 1 + SNIPPET.countBonus;
  // `Landstallet for 2025 er fastsat til 600`: the figure asked for, with its value.
  if (fit.figureTerms && fits && [...termsOf(text, fit.lexicon)].some((t) => fit.figureTerms!.has(t))) factor *= 1 + SNIPPET.countBonus;
  if (fit.negated) factor *= NEGATION.test(text) ? 1 + SNIPPET.negationBonus : SNIPPET.negationMissingFactor;
  return factor;
}

export interface SnippetInput {
  item: AgendaItem;
  /** The question as typed: its kind, counted noun, negation and own numbers are read from it. */
  question: string;
  words: readonly QueryWord[];
  lexicon: Lexicon;
  bestPassage?: Passage;
}

/** Endings of Danish inflection (`øge|s`, `øge|t`, `øg|ede`, `plan|er`), folded. */
const INFLECTION_ENDING = /^(s|r|t|n|e|de|des|er|et|en|ede|ene|erne|es)$/;

/** Danish verb prefixes (`an|søge`, `ud|byde`, `be|slutte`), folded. */
const VERB_PREFIX = /^(an|be|for|ud|op|ind|af|til|om|ned|ge|er|und)$/;

/** How well a text term stands for a query term: 1 equal, less for inflections that differ in length. */
export function termAffinity(textTerm: string, queryTerm: string): number {
  if (textTerm === queryTerm) return 1;
  // Most pairs differ in their first letter; that settles it without looking further, but for a
  // verb with a prefix (`ansøgt` for `søgt`, `udbyde` for `byde`).
  if (textTerm.charCodeAt(0) !== queryTerm.charCodeAt(0)) {
    const extra = textTerm.length - queryTerm.length;
    return extra >= 2 && extra <= 3 && queryTerm.length >= 4 && textTerm.endsWith(queryTerm) && VERB_PREFIX.test(textTerm.slice(0, extra)) ? SNIPPET.inflectionAffinity : 0;
  }
  const textShorter = textTerm.length <= queryTerm.length;
  const short = textShorter ? textTerm : queryTerm;
  const long = textShorter ? queryTerm : textTerm;
  if (short.length >= SNIPPET.inflectionMinLength && long.startsWith(short) && long.length - short.length <= SNIPPET.inflectionMaxExtra) return SNIPPET.inflectionAffinity;
  // Short words the stemmer leaves alone still inflect (`øge`, `øges`, `øget`).
  if (short.length >= 3 && long.startsWith(short) && INFLECTION_ENDING.test(long.slice(short.length))) return SNIPPET.inflectionAffinity;
  return 0;
}

/**
 * Per query term, the item's terms that are inflections of it: found once per item and question,
 * so each unit needs a few set look-ups rather than a pass over its terms.
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
  // Loops rather than map/some/spread: this runs per unit of every item an answer reads, and the
  // arrays and closures those make per call were a good part of what the collector had to do.
  const out = new Array<number>(words.length);
  for (let w = 0; w < words.length; w++) {
    let best = 0;
    for (const alternative of words[w]!.alternatives) {
      // A phrase counts as far as its weakest word is there.
      let there = 1;
      for (const q of alternative.terms) {
        let affinity = 0;
        if (terms.has(q)) affinity = 1;
        else for (const t of related.get(q)!) if (terms.has(t)) affinity = SNIPPET.inflectionAffinity;
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

const WORD = /[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*/gu;

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
  unit: AnswerUnit;
  matches: number[];
  /** Matches of the unit's heading and lead-in or caption, which it inherits in part. */
  context: number[];
  /** Multiplier for where the unit stands and what it holds. */
  factor: number;
}

/** Per unit of the item, how well it holds each question word; `related` serves its contexts too. */
function unitMatches(item: AnalysedItem, words: readonly QueryWord[]): { matches: number[][]; related: Map<string, string[]> } {
  const related = relatedTerms(item.vocabulary, words);
  return { matches: item.units.map((u) => wordMatches(u.terms, words, related)), related };
}

/** Numbers and years the question itself holds: a unit repeating them does not answer with them. */
function questionNumbers(question: string): Set<string> {
  return new Set((question.match(/\b\d+(?:[.,]\d+)*\b/g) ?? []).map((n) => n.toLowerCase()));
}

/** The terms of the word a `hvor mange …` question counts: every form the analysis gave it (translations too). */
function countTermsOf(question: string, words: readonly QueryWord[]): Set<string> | undefined {
  const noun = countedNoun(question)?.toLowerCase();
  if (!noun) return undefined;
  const word = words.find((w) => w.raw.toLowerCase().split(/\s+/).includes(noun));
  if (!word) return undefined;
  return new Set(word.alternatives.flatMap((a) => (a.terms.length === 1 ? a.terms : [])));
}

function prepare(input: SnippetInput) {
  const kind = answerKind(input.question);
  const fit: KindFit = {
    kind,
    questionNumbers: questionNumbers(input.question),
    questionWords: new Set((input.question.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase())),
    negated: isNegated(input.question),
    lexicon: input.lexicon,
  };
  const countTerms = kind === 'count' ? countTermsOf(input.question, input.words) : undefined;
  if (countTerms) fit.countTerms = countTerms;
  const figure = kind === 'amount' ? FIGURE_NOUN.exec(input.question)?.[0].toLowerCase() : undefined;
  const figureWord = figure ? input.words.find((w) => w.raw.toLowerCase().split(/\s+/).includes(figure)) : undefined;
  if (figureWord) fit.figureTerms = new Set(figureWord.alternatives.flatMap((a) => (a.terms.length === 1 ? a.terms : [])));
  const none = input.words.map(() => 0);
  const contextMatches = new Map<Set<string>, number[]>();
  const item = analyseItem(input.item, input.lexicon);
  const { matches, related } = unitMatches(item, input.words);
  const contextOf = (terms: Set<string> | undefined) => {
    if (!terms) return none;
    let m = contextMatches.get(terms);
    if (!m) contextMatches.set(terms, (m = wordMatches(terms, input.words, related)));
    return m;
  };
  const candidates: Candidate[] = item.units.map((unit, i) => {
    const passage = input.bestPassage;
    const inPassage = passage !== undefined && passage.section === unit.section && unit.start >= passage.start && unit.start < passage.end;
    let factor = kindFactor(unit.kind === 'sentence' ? unit.text : unitDisplay(unit), fit);
    if (inPassage) factor *= 1 + SNIPPET.passageBonus;
    if (unit.inRecommendation) factor *= SNIPPET.recommendationFactor;
    const heading = contextOf(unit.heading?.terms);
    const lead = contextOf(unit.lead?.terms);
    return { unit, matches: matches[i]!, context: heading.map((h, k) => Math.max(h, lead[k]!)), factor };
  });
  // Within one item, a question word found in many units (the item's topic) tells less about
  // which unit answers than a word found in one; a word of the item's title is shown in its
  // headline already, so the snippet need not repeat it.
  const inTitle = wordMatches(termsOf(input.item.title, input.lexicon), input.words, relatedTerms([...termsOf(input.item.title, input.lexicon)], input.words));
  const weights = input.words.map((word, i) => {
    const containing = candidates.filter((c) => c.matches[i]! > 0).length;
    const titled = inTitle[i]! >= SNIPPET.inflectionAffinity * word.alternatives[0]!.weight ? SNIPPET.titleWordShare : 1;
    return word.idf * Math.log(1 + candidates.length / (1 + containing)) * titled;
  });
  const lengthPenalty = (length: number) => (length > SNIPPET.longUnit ? 1 + (length - SNIPPET.longUnit) / SNIPPET.longUnitPenaltyChars : 1);
  const single = (c: Candidate) => {
    const own = scoreMatches(c.matches, weights);
    if (own === 0) return 0;
    return ((own + SNIPPET.contextShare * scoreMatches(c.context, weights)) * c.factor) / lengthPenalty(c.unit.text.length);
  };
  const pair = (a: Candidate, b: Candidate) => {
    const joint = a.matches.map((m, k) => Math.max(m, b.matches[k]!));
    const context = a.context.map((m, k) => Math.max(m, b.context[k]!));
    return ((scoreMatches(joint, weights) + SNIPPET.contextShare * scoreMatches(context, weights)) * Math.max(a.factor, b.factor)) / lengthPenalty(a.unit.text.length + b.unit.text.length);
  };
  return { candidates, single, pair };
}

/** Two sentences of one paragraph, one after the other: they may answer together. */
function adjacentSentences(a: AnswerUnit, b: AnswerUnit | undefined): b is AnswerUnit {
  return b !== undefined && a.kind === 'sentence' && b.kind === 'sentence' && a.section === b.section && a.paragraph === b.paragraph;
}

/**
 * How fully the item's best unit, or a few adjacent sentences, answers the question: the share
 * (0–1) of the question's weight they hold. Comparable across items, unlike snippet scores.
 */
export function answerEvidence(input: Pick<SnippetInput, 'item' | 'words' | 'lexicon'>): number {
  const total = input.words.reduce((sum, w) => sum + w.idf, 0);
  if (total === 0) return 0;
  const item = analyseItem(input.item, input.lexicon);
  const { matches } = unitMatches(item, input.words);
  let best = 0;
  item.units.forEach((u, i) => {
    // The unit and up to `evidenceWindow - 1` sentences after it in its paragraph.
    const joint = [...matches[i]!];
    for (let j = i + 1; j < i + SNIPPET.evidenceWindow && adjacentSentences(item.units[j - 1]!, item.units[j]); j++) {
      matches[j]!.forEach((m, k) => (joint[k] = Math.max(joint[k]!, m)));
    }
    let held = 0;
    joint.forEach((m, k) => (held += m * input.words[k]!.idf));
    best = Math.max(best, held / total);
  });
  return best;
}

/** Every unit of the item with its score for the question, best first: what `bestSnippet` chooses from. */
export function scoreUnits(input: SnippetInput): Array<{ unit: AnswerUnit; score: number; factor: number }> {
  const { candidates, single } = prepare(input);
  return candidates.map((c) => ({ unit: c.unit, score: single(c), factor: c.factor })).sort((a, b) => b.score - a.score);
}

/** The snippet: the answering unit (or two sentences) as shown, whole, with matched words marked. */
export function bestSnippet(input: SnippetInput): { text: string; parts: SnippetPart[] } {
  const { candidates, single, pair } = prepare(input);
  if (candidates.length === 0) {
    const fallback = leadSentences(input.item.recommendation || input.item.decision || '', SNIPPET.maxSnippet, SNIPPET.maxSentence) || input.item.title;
    return { text: fallback, parts: markSnippet(fallback, input.words, input.lexicon) };
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
    if (next && adjacentSentences(c.unit, next.unit) && c.unit.text.length + next.unit.text.length < SNIPPET.maxSnippet) {
      const score = pair(c, next);
      const gain = 1 + SNIPPET.secondSentenceGain;
      if (score > bestScore * gain && score > Math.max(scores[i]!, scores[i + 1]!) * gain) {
        bestIndex = i;
        bestScore = score;
        withNext = true;
      }
    }
  });
  const text = showUnit(candidates.map((c) => c.unit), bestIndex, withNext, answerKind(input.question));
  return { text, parts: markSnippet(text, input.words, input.lexicon) };
}

/** The text shown for the chosen unit: whole sentences, a list under its lead-in, a row under its caption. */
function showUnit(units: readonly AnswerUnit[], index: number, withNext: boolean, kind: AnswerKind): string {
  const best = units[index]!;
  if (best.kind === 'list' && kind === 'list' && best.lead) {
    // `Hvilke …?` answered by one line of a list: the list is the answer, under its lead-in.
    let text = best.lead.text;
    const first = units.findIndex((u) => u.kind === 'list' && u.lead === best.lead);
    for (let j = first; j < units.length && units[j]!.lead === best.lead; j++) {
      if (text.length + units[j]!.text.length + 1 > SNIPPET.maxSnippet && j > index) break;
      text = `${text}\n${units[j]!.text}`;
    }
    return text;
  }
  if (best.kind !== 'sentence') return unitDisplay(best);
  let text = clipSentence(best.text, SNIPPET.maxSentence);
  const next = units[index + 1];
  if (best.text.endsWith(':') && next && next.kind === 'list') {
    // A sentence that opens a list answers with the list, as many lines as fit.
    for (let j = index + 1; j < units.length; j++) {
      const u = units[j]!;
      if (u.kind !== 'list' || u.section !== best.section || text.length + u.text.length + 1 > SNIPPET.maxSnippet) break;
      text = `${text}\n${u.text}`;
    }
    return text;
  }
  // A short sentence rarely answers alone; neither does one the next completes.
  if ((withNext || best.text.length < SNIPPET.shortSentence) && adjacentSentences(best, next) && text.length + next.text.length < SNIPPET.maxSnippet) {
    text = `${text} ${clipSentence(next.text, SNIPPET.maxSentence)}`;
  }
  return text;
}
