import { analyzeQueryWord, tokenize } from './analyzer.js';
import type { SearchIndex } from './search-index.js';
import type { Synonyms } from './synonyms.js';
import { Glossary } from './glossary.js';
import { QUESTION_PROCEDURAL_TERMS } from './procedural-words.js';
import { QUERY } from './ranking-parameters.js';

/**
 * One way a question word may appear in the text: a single term (a stem, a spelling variant, a
 * compound part, a translation) or a phrase whose terms must all appear (a multi-word synonym such
 * as `local government denmark`).
 */
export interface Alternative {
  terms: string[];
  weight: number;
}

/** One word (or phrase) of the question with every form that may stand for it in the text. */
export interface QueryWord {
  raw: string;
  alternatives: Alternative[];
  /** How much finding this word tells (inverse document frequency of its best known form). */
  idf: number;
}

export interface AnalyzedQuery {
  words: QueryWord[];
  /** Every distinct term with its highest weight, for the index search. */
  terms: Map<string, number>;
  /** Whether the question reads as English (its untranslatable words then weigh little). */
  english: boolean;
}

/** What questions are read with besides the index: the synonyms and the English glossary of the corpus folder. */
export interface QuestionAids {
  synonyms: Synonyms;
  glossary?: Glossary;
}

export function idf(index: SearchIndex, term: string): number {
  const n = index.corpusItemCount;
  const df = index.documentFrequency(term);
  return Math.log(1 + (n - df + 0.5) / (df + 0.5));
}

function addAlternative(list: Alternative[], terms: string[], weight: number): void {
  if (terms.length === 0) return;
  const key = terms.join(' ');
  const existing = list.find((a) => a.terms.join(' ') === key);
  if (existing) existing.weight = Math.max(existing.weight, weight);
  else list.push({ terms, weight });
}

/** Function words that tell an English question from a Danish one (each list holds only its language's). */
const ENGLISH_WORDS = new Set('the is are was were what which who whom when where why how does did do will would should could many much of to a an and with from this that these those have has been by on at its their there any some'.split(' '));
const DANISH_WORDS = new Set('og er at det der som på til af hvor hvad hvem hvornår hvilke hvilken en et den de med mange meget skal kan blev har om ikke blive bliver var hvordan hvorfor ifølge fra'.split(' '));

/** Whether a question reads as English: more English function words than Danish ones. */
export function isEnglishQuestion(tokens: readonly string[], glossary?: Glossary): boolean {
  let english = 0;
  let danish = 0;
  for (const token of tokens) {
    const w = token.toLowerCase();
    if (ENGLISH_WORDS.has(w)) english++;
    else if (DANISH_WORDS.has(w)) danish++;
    else if (glossary?.knows(w)) english += QUERY.englishGlossaryWord;
  }
  return english >= QUERY.englishMinWords && english > danish;
}

/** A run of the question's words that the synonyms or the glossary know as one phrase. */
interface Span {
  start: number;
  end: number;
  /** Danish or English words that mean the same (synonyms file). */
  synonyms: string[];
  /** Danish words for the English phrase (glossary). */
  translations: string[];
  /** Stems of Danish compounds the English words form, known to the index. */
  compoundTerms: string[];
}

/**
 * The phrases of a question: at each word the longest phrase the synonyms file, the glossary or a
 * Danish compound of two English words' translations knows; phrases of equal length pool their
 * words.
 */
function phraseSpans(tokens: readonly string[], index: SearchIndex, aids: QuestionAids, english: boolean): Map<number, Span> {
  const byStart = new Map<number, Span[]>();
  const put = (span: Span) => byStart.set(span.start, [...(byStart.get(span.start) ?? []), span]);
  for (const s of aids.synonyms.find(tokens)) put({ start: s.start, end: s.end, synonyms: s.synonyms, translations: [], compoundTerms: [] });
  const glossary = aids.glossary;
  if (glossary && english) {
    for (const g of glossary.find(tokens)) put({ start: g.start, end: g.end, synonyms: [], translations: g.danish, compoundTerms: [] });
    // Two adjacent words or phrases the glossary translates may be one Danish compound.
    const longest = glossary.longestPhrase;
    for (let i = 0; i + 1 < tokens.length; i++) {
      for (let j = i + 1; j < tokens.length && j - i <= longest; j++) {
        for (let k = j + 1; k <= tokens.length && k - j <= longest; k++) {
          const known = glossary.compounds(tokens.slice(i, j), tokens.slice(j, k)).filter((t) => index.documentFrequency(t) > 0);
          if (known.length > 0) put({ start: i, end: k, synonyms: [], translations: [], compoundTerms: known });
        }
      }
    }
  }
  const chosen = new Map<number, Span>();
  for (let i = 0; i < tokens.length; ) {
    const spans = byStart.get(i);
    if (!spans) {
      i++;
      continue;
    }
    const end = Math.max(...spans.map((s) => s.end));
    const longest = spans.filter((s) => s.end === end);
    chosen.set(i, {
      start: i,
      end,
      synonyms: longest.flatMap((s) => s.synonyms),
      translations: longest.flatMap((s) => s.translations),
      compoundTerms: longest.flatMap((s) => s.compoundTerms),
    });
    i = end;
  }
  return chosen;
}

/**
 * Adds a synonym's or translation's terms: it stands as written, its spelling variants count and
 * its compound parts would only add noise; but a translation the index lacks whole
 * (`fuldtidsstillinger`) stands for its first two parts together.
 */
function addWording(alternatives: Alternative[], wording: string, weight: number, index: SearchIndex, compoundParts = false): void {
  const parts = tokenize(wording).map((token) => analyzeQueryWord(token, index.lexicon));
  const whole = parts.map((p) => p.filter((t) => t.weight === 1));
  if (parts.length === 1) {
    for (const t of whole[0]!) addAlternative(alternatives, [t.term], weight);
    const partTerms = parts[0]!.filter((t) => t.weight < 1).map((t) => t.term);
    if (compoundParts && whole[0]!.every((t) => index.documentFrequency(t.term) === 0) && partTerms.length > 1) addAlternative(alternatives, partTerms.slice(0, 2), weight * QUERY.compoundPartWeight);
  } else addAlternative(alternatives, whole.filter((p) => p.length > 0).map((p) => p[0]!.term), weight);
}

/**
 * Analyses a question against the index: stems, folding variants, compound parts, synonyms and,
 * for an English question, Danish translations from the glossary. A phrase stands for the words
 * it covers (`finger plan` → `fingerplan`, `nursing homes` → `plejehjem`).
 */
export function analyzeQuery(text: string, index: SearchIndex, aids: QuestionAids | Synonyms): AnalyzedQuery {
  const { synonyms, glossary } = 'synonyms' in aids ? aids : { synonyms: aids, glossary: undefined };
  const tokens = tokenize(text);
  const english = isEnglishQuestion(tokens, glossary);
  const spanAt = phraseSpans(tokens, index, { synonyms, ...(glossary ? { glossary } : {}) }, english);
  const words: QueryWord[] = [];
  for (let i = 0; i < tokens.length; ) {
    const span = spanAt.get(i);
    const end = span ? span.end : i + 1;
    const typed = tokens.slice(i, end);
    const alternatives: Alternative[] = [];
    // Words of a multi-word phrase count less alone: the phrase's synonyms carry its meaning.
    const scale = typed.length > 1 ? QUERY.phraseWordWeight : 1;
    let typedTerms = 0;
    let proceduralTerms = 0;
    for (const token of typed) {
      for (const t of analyzeQueryWord(token, index.lexicon)) {
        const procedural = QUESTION_PROCEDURAL_TERMS.has(t.term);
        typedTerms++;
        if (procedural) proceduralTerms++;
        addAlternative(alternatives, [t.term], t.weight * scale * (procedural ? QUERY.proceduralWeight : 1));
      }
    }
    // A word that only says what was done (`besluttede`), not what about.
    const procedural = typedTerms > 0 && proceduralTerms === typedTerms;
    if (typed.length > 1) {
      // The phrase as typed, all its words together, is what it says (`aftale om kommunernes
      // økonomi`); its words one by one say less (`nursing` alone is not `nursing home`).
      const whole = typed.map((token) => analyzeQueryWord(token, index.lexicon).find((t) => t.weight === 1)?.term).filter((t): t is string => t !== undefined);
      if (whole.length > 1) addAlternative(alternatives, whole, 1);
    }
    if (!procedural) {
      for (const synonym of span?.synonyms ?? []) addWording(alternatives, synonym, QUERY.synonymWeight, index);
      for (const danish of span?.translations ?? []) addWording(alternatives, danish, QUERY.translationWeight, index, true);
      for (const term of span?.compoundTerms ?? []) addAlternative(alternatives, [term], QUERY.translationWeight);
      if (typed.length > 1) {
        // Inside a phrase each word keeps its own synonyms and translations (`go to hospital` →
        // `sygehus`), at the weight of a word in a phrase: `nursing` in `nursing homes` is not `nurses`.
        for (const token of typed) {
          for (const f of synonyms.find([token])) for (const s of f.synonyms) addWording(alternatives, s, QUERY.synonymWeight * scale, index);
          if (english) for (const d of glossary?.translate([token]) ?? []) addWording(alternatives, d, QUERY.translationWeight * scale, index, true);
        }
      } else if (english && !span) {
        for (const d of glossary?.translate(typed) ?? []) addWording(alternatives, d, QUERY.translationWeight, index, true);
      }
    }
    i = end;
    if (alternatives.length === 0) continue;
    // A word the corpus knows under some form weighs what its rarest known form weighs; a word
    // unknown in every form still counts, as the user asked about it, but in an English question
    // it is most likely a word the glossary lacks (`roughly`), and weighs little.
    const known = alternatives.filter((a) => a.terms.every((t) => index.documentFrequency(t) > 0));
    const wordIdf =
      known.length > 0
        ? Math.max(...known.map((a) => Math.min(...a.terms.map((t) => idf(index, t))) * Math.min(1, a.weight / QUERY.synonymWeight)))
        : idf(index, alternatives[0]!.terms[0]!) * (english ? QUERY.unknownEnglishWeight : 1);
    words.push({ raw: typed.join(' '), alternatives, idf: procedural ? wordIdf * QUERY.proceduralWeight : wordIdf });
  }
  const terms = new Map<string, number>();
  for (const w of words) {
    for (const a of w.alternatives) {
      const weight = a.terms.length > 1 ? a.weight * QUERY.phraseTermShare : a.weight;
      for (const t of a.terms) terms.set(t, Math.max(terms.get(t) ?? 0, weight));
    }
  }
  return { words, terms, english };
}

/** Whether an item matched a question word: every term of one of its forms matched. */
export function wordMatched(word: QueryWord, matchedQueryTerms: ReadonlySet<string>): boolean {
  return word.alternatives.some((a) => a.terms.every((t) => matchedQueryTerms.has(t)));
}
