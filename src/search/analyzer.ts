import { stemmer } from '@orama/stemmers/danish';
import { foldDanish, unfoldDanish } from './fold.js';
import { STOP_WORDS } from './stopwords.js';
import { QUERY } from './ranking-parameters.js';

/**
 * Danish text analysis shared by indexing and querying: words are lower-cased, stemmed with the
 * Snowball Danish stemmer, folded (`æ`→`ae`), stop words dropped, and compounds split into known
 * parts so `sundhedsreformen` also yields `sundhed` and `reform`.
 */

/** Words, numbers with inner separators (`12,3`, `3.600`) and hyphenated words (`EPX-uddannelse`). */
const TOKEN = /[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*/gu;

/** Splits text into raw tokens (not yet lower-cased or stemmed). */
export function tokenize(text: string): string[] {
  return text.match(TOKEN) ?? [];
}

const NUMBER = /^\d+(?:[.,]\d+)*$/;

const stemCache = new Map<string, string>();

/** Stem of one lower-case word with Danish letters, folded. Cached: agenda vocabulary repeats a lot. */
export function stemFold(word: string): string {
  let stem = stemCache.get(word);
  if (stem === undefined) {
    // Snowball strips one suffix per call, so `kapaciteter` → `kapacitet` but `kapacitet` →
    // `kapacit`; stemming the stem once more makes inflections of one word meet.
    stem = foldDanish(stemmer(stemmer(word)));
    if (stemCache.size > 200_000) stemCache.clear();
    stemCache.set(word, stem);
  }
  return stem;
}

/**
 * Known word stems of the corpus, used to split compounds into parts that really occur.
 * Built from the corpus itself, since no Danish compound dictionary ships as a package.
 */
export class Lexicon {
  private readonly stems: Set<string>;

  constructor(stems: Iterable<string> = []) {
    this.stems = new Set(stems);
  }

  add(stem: string): void {
    if (stem.length < 3 || this.stems.has(stem)) return;
    this.stems.add(stem);
    // A new stem can change how words split.
    if (this.splits.size > 0) this.splits.clear();
    if (this.analysed.size > 0) this.analysed.clear();
  }

  /** `analyzeToken(token, this)` per token: answering analyses the same words in every item it reads. */
  readonly analysed = new Map<string, readonly string[]>();

  has(stem: string): boolean {
    return this.stems.has(stem);
  }

  get size(): number {
    return this.stems.size;
  }

  toJSON(): string[] {
    return [...this.stems];
  }

  /**
   * Parts of a compound word whose stems are in the lexicon, longest tail first:
   * `fysioterapipraksisplanen` → `fysioterapi`, `praksisplan`, `praksis`, `plan`.
   * Linking `s`/`e` (`sundheds-`, `børne-`) is dropped from the head.
   */
  splitCompound(word: string, depth = 0): string[] {
    if (word.length < 8 || depth > 2) return [];
    if (depth === 0) {
      // The same words recur in every item and question; splitting is the costly part of analysis.
      let parts = this.splits.get(word);
      if (parts === undefined) {
        parts = this.splitUncached(word, 0);
        if (this.splits.size > 100_000) this.splits.clear();
        this.splits.set(word, parts);
      }
      return parts;
    }
    return this.splitUncached(word, depth);
  }

  private readonly splits = new Map<string, string[]>();

  private splitUncached(word: string, depth: number): string[] {
    // Longest known tail with a known head first; failing that, the longest known tail whose head
    // is a plausible word of its own (`særtilskuds|puljen`), since heads of compounds often never
    // occur alone in the corpus.
    let fallback: string[] | undefined;
    for (let i = 3; i <= word.length - 4; i++) {
      const head = word.slice(0, i);
      const tail = word.slice(i);
      const tailStem = stemFold(tail);
      if (tailStem.length < 3 || !this.stems.has(tailStem)) continue;
      const heads = [head];
      if (/[se]$/.test(head) && head.length > 3) heads.push(head.slice(0, -1));
      const known = heads.find((h) => this.stems.has(stemFold(h)) || this.stems.has(foldDanish(h)));
      if (known === undefined) {
        const plain = heads[heads.length - 1]!;
        if (fallback === undefined && plain.length >= 4 && tail.length >= 5 && /[aeiouyæøå]/.test(plain)) {
          fallback = [stemFold(plain), tailStem, ...this.splitCompound(tail, depth + 1)];
        }
        continue;
      }
      const headStem = this.stems.has(stemFold(known)) ? stemFold(known) : foldDanish(known);
      return [headStem, tailStem, ...this.splitCompound(known, depth + 1), ...this.splitCompound(tail, depth + 1)];
    }
    return fallback ?? [];
  }
}

/** A term with the weight it carries in a query (1 for words as typed). */
export interface WeightedTerm {
  term: string;
  weight: number;
}

function cleanWord(token: string): string {
  return token.toLowerCase().replace(/['’]s$/, '');
}

/** Tokens analysed without a lexicon (see `Lexicon.analysed` for those with one). */
const analysedPlain = new Map<string, readonly string[]>();
/** Entries per memo before it starts over: far more than the distinct words of a question's answers. */
const ANALYSED_MAX = 200_000;

/**
 * Index-time analysis of one token: the folded stem, plus compound parts when a lexicon is given.
 * Returns an empty list for stop words. The list is shared (memoised): do not change it.
 */
export function analyzeToken(token: string, lexicon?: Lexicon): readonly string[] {
  const memo = lexicon ? lexicon.analysed : analysedPlain;
  let terms = memo.get(token);
  if (terms === undefined) {
    terms = analyzeTokenUncached(token, lexicon);
    if (memo.size >= ANALYSED_MAX) memo.clear();
    memo.set(token, terms);
  }
  return terms;
}

function analyzeTokenUncached(token: string, lexicon?: Lexicon): string[] {
  const word = cleanWord(token);
  if (NUMBER.test(word)) return word.includes('.') && /^\d{1,3}(\.\d{3})+$/.test(word) ? [word, word.replace(/\./g, '')] : [word];
  if (word.includes('-')) {
    const parts = word.split('-').filter((p) => p !== '');
    return [...new Set([stemFold(parts.join('')), ...parts.flatMap((p) => analyzeToken(p, lexicon))])];
  }
  const folded = foldDanish(word);
  if (STOP_WORDS.has(folded) || word.length < 2) return [];
  const stem = stemFold(word);
  if (!lexicon) return [stem];
  const parts = lexicon.splitCompound(word);
  return parts.length > 0 ? [...new Set([stem, ...parts])] : [stem];
}

/** Every index term of a text (stems and compound parts). */
export function analyzeText(text: string, lexicon?: Lexicon): string[] {
  return tokenize(text).flatMap((t) => analyzeToken(t, lexicon));
}

/**
 * Query-time analysis: like indexing, but a word typed without Danish letters also tries them
 * (`aeldre` → `ældre`), and compound parts weigh less than the word itself.
 */
export function analyzeQueryWord(token: string, lexicon: Lexicon): WeightedTerm[] {
  const word = cleanWord(token);
  const out = new Map<string, number>();
  const put = (term: string, weight: number) => {
    if (term.length === 0) return;
    out.set(term, Math.max(out.get(term) ?? 0, weight));
  };
  if (NUMBER.test(word)) {
    for (const t of analyzeToken(word)) put(t, 1);
    return [...out].map(([term, weight]) => ({ term, weight }));
  }
  if (word.includes('-')) {
    for (const part of word.split('-')) for (const t of analyzeQueryWord(part, lexicon)) put(t.term, t.weight * QUERY.hyphenPartWeight);
    put(stemFold(word.replace(/-/g, '')), 1);
    return [...out].map(([term, weight]) => ({ term, weight }));
  }
  if (STOP_WORDS.has(foldDanish(word)) || word.length < 2) return [];
  const variants = [word];
  const unfolded = unfoldDanish(word);
  if (unfolded !== undefined) variants.push(unfolded);
  for (const variant of variants) {
    const stem = stemFold(variant);
    put(stem, 1);
    if (!lexicon.has(stem)) for (const part of lexicon.splitCompound(variant)) put(part, QUERY.compoundPartWeight);
  }
  return [...out].map(([term, weight]) => ({ term, weight }));
}
