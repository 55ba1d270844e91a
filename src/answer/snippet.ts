import type { AgendaItem } from '../corpus/types.js';
import type { SnippetPart } from './types.js';
import { analyzeToken, type Lexicon } from '../search/analyzer.js';
import { PASSAGE_SECTIONS, type Passage } from '../search/passages.js';
import { splitSentences } from './sentences.js';

/**
 * The sentence of an item that best answers a question: the one matching most of the question's
 * weight, preferring the best matching passage and, for `hvornår`/`hvor mange`-style questions,
 * sentences that hold a date or a number. A short or continued answer takes its neighbour along.
 */

export type AnswerKind = 'when' | 'amount' | 'who' | 'other';

/** What kind of fact the question asks for, from its question words (Danish and English). */
export function answerKind(question: string): AnswerKind {
  const q = question.toLowerCase();
  if (/\b(hvornår|hvornaar|when|dato|date|frist|deadline|hvilket år|what year|which year)\b/.test(q)) return 'when';
  if (/\b(hvor (mange|meget|stor|store|høj|lang|længe)|hvor mange|how (many|much|large|big|long|old)|antal|beløb|procent|pct)\b/.test(q)) return 'amount';
  if (/\b(hvem|who|whom)\b/.test(q)) return 'who';
  return 'other';
}

const HAS_DATE = /\b(\d{1,2}\.\s*(januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december)|(19|20)\d{2}|uge \d+|primo|medio|ultimo)\b/i;
const HAS_AMOUNT = /\d/;
const HAS_NAME = /\b\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+/u;

const KIND_BONUS = 0.35;
const PASSAGE_BONUS = 0.15;
const MAX_SNIPPET = 480;

export interface SnippetInput {
  item: AgendaItem;
  /** Document terms that matched the question, with the weight each carries. */
  termWeights: Map<string, number>;
  lexicon: Lexicon;
  kind: AnswerKind;
  bestPassage?: Passage;
}

interface Candidate {
  text: string;
  section: string;
  paragraph: number;
  inPassage: boolean;
  score: number;
}

function sentenceScore(text: string, input: SnippetInput): number {
  const seen = new Set<string>();
  let score = 0;
  for (const token of text.match(/[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*/gu) ?? []) {
    for (const term of analyzeToken(token, input.lexicon)) {
      if (seen.has(term)) continue;
      seen.add(term);
      score += input.termWeights.get(term) ?? 0;
    }
  }
  return score;
}

function kindMatches(kind: AnswerKind, text: string): boolean {
  if (kind === 'when') return HAS_DATE.test(text);
  if (kind === 'amount') return HAS_AMOUNT.test(text);
  if (kind === 'who') return HAS_NAME.test(text);
  return false;
}

/** Splits a snippet into parts with the words that matched the question marked. */
export function markSnippet(text: string, termWeights: Map<string, number>, lexicon: Lexicon): SnippetPart[] {
  const parts: SnippetPart[] = [];
  let last = 0;
  for (const m of text.matchAll(/[\p{L}\p{N}]+(?:[.,'’\-][\p{L}\p{N}]+)*/gu)) {
    const token = m[0].replace(/[.,]$/, '');
    const hit = analyzeToken(token, lexicon).some((t) => termWeights.has(t));
    if (!hit) continue;
    if (m.index > last) parts.push({ text: text.slice(last, m.index), match: false });
    parts.push({ text: token, match: true });
    last = m.index + token.length;
  }
  if (last < text.length) parts.push({ text: text.slice(last), match: false });
  return parts;
}

export function bestSnippet(input: SnippetInput): { text: string; parts: SnippetPart[] } {
  const candidates: Candidate[] = [];
  for (const section of PASSAGE_SECTIONS) {
    const text = input.item[section];
    if (!text) continue;
    for (const s of splitSentences(text)) {
      const inPassage =
        input.bestPassage !== undefined &&
        input.bestPassage.section === section &&
        s.start >= input.bestPassage.start &&
        s.start < input.bestPassage.end;
      let score = sentenceScore(s.text, input);
      if (score > 0) {
        if (inPassage) score *= 1 + PASSAGE_BONUS;
        if (kindMatches(input.kind, s.text)) score *= 1 + KIND_BONUS;
        // Very long sentences match many words by sheer length.
        if (s.text.length > 350) score *= 350 / s.text.length;
      }
      candidates.push({ text: s.text, section, paragraph: s.paragraph, inPassage, score });
    }
  }
  if (candidates.length === 0) {
    const fallback = input.item.recommendation || input.item.title;
    return { text: fallback, parts: [{ text: fallback, match: false }] };
  }
  let bestIndex = 0;
  candidates.forEach((c, i) => {
    if (c.score > candidates[bestIndex]!.score) bestIndex = i;
  });
  const best = candidates[bestIndex]!;
  let text = best.text;
  // A short sentence or a heading-like fragment is clearer with the sentence after it.
  const next = candidates[bestIndex + 1];
  if (next && next.section === best.section && (best.text.length < 90 || next.score >= best.score * 0.6) && text.length + next.text.length < MAX_SNIPPET) {
    text = `${text} ${next.text}`;
  }
  if (text.length > MAX_SNIPPET) text = `${text.slice(0, MAX_SNIPPET - 1).replace(/\s+\S*$/, '')} …`;
  return { text, parts: markSnippet(text, input.termWeights, input.lexicon) };
}
