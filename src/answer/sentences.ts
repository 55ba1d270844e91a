/**
 * Splits agenda text into sentences. Danish agenda prose is full of abbreviations that end in a
 * full stop (`mio. kr.`, `bl.a.`, `jf.`, `ca.`) and dates (`11. april`), so a full stop ends a
 * sentence only when a capital letter follows and the word before it is not an abbreviation.
 */
export interface Sentence {
  text: string;
  /** Offset in the source text. */
  start: number;
  /** Index of the paragraph (block separated by a blank line) the sentence is in. */
  paragraph: number;
}

const ABBREVIATIONS = new Set([
  'mio', 'mia', 'kr', 'bl', 'a', 'jf', 'ca', 'fx', 'f', 'eks', 'dvs', 'kl', 'nr', 'pct', 'mv', 'inkl', 'ekskl', 'evt',
  'vedr', 'iht', 'ift', 'mht', 'st', 'dr', 'hhv', 'pga', 'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'okt', 'nov', 'dec', 'tlf',
  'etc', 'ons', 'tirs', 'fre', 'man', 'tors', 'lør', 'søn', 'm', 'o', 's', 'ift', 'incl', 'vs', 'ref', 'pkt', 'stk',
]);

/** A full stop, question or exclamation mark, then space and a capital, digit or dash. */
const SENTENCE_END = /[.!?]["”’)]?\s+(?=["“„(]?[\p{Lu}\d–])/gu;
const WORD_CHAR = /[\p{L}\d]/u;

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let paragraph = 0;
  let offset = 0;
  for (const block of text.split('\n\n')) {
    let lineOffset = offset;
    for (const line of block.split('\n')) {
      let start = 0;
      SENTENCE_END.lastIndex = 0;
      let m: RegExpExecArray | null;
      while ((m = SENTENCE_END.exec(line)) !== null) {
        // The word before the full stop, read backwards (a regex anchored at the end would try
        // every position of the sentence).
        let from = m.index;
        while (from > start && WORD_CHAR.test(line[from - 1]!)) from--;
        const lastWord = line.slice(from, m.index);
        // `11. april`: a day's number; `kl. 12.00.` ends a sentence (the number follows a full stop).
        const day = /^\d{1,2}$/.test(lastWord) && !/[.:,]/.test(line[from - 1] ?? '');
        if (line[m.index] === '.' && (ABBREVIATIONS.has(lastWord.toLowerCase()) || day)) continue;
        const end = m.index + m[0].trimEnd().length;
        const s = line.slice(start, end).trim();
        if (s !== '') sentences.push({ text: s, start: lineOffset + start, paragraph });
        start = m.index + m[0].length;
      }
      const rest = line.slice(start).trim();
      if (rest !== '') sentences.push({ text: rest, start: lineOffset + start, paragraph });
      lineOffset += line.length + 1;
    }
    offset += block.length + 2;
    paragraph++;
  }
  return sentences;
}

/**
 * The first whole sentences of a text within `max` characters (at least the first sentence), for
 * showing a decision or a recommendation in place of a snippet: never cut mid-sentence. A first
 * sentence longer than `maxSentence` is cut at a clause boundary and marked `…`.
 * @param max default 480; @param maxSentence default 900.
 */
export function leadSentences(text: string, max = 480, maxSentence = 900): string {
  const sentences = splitSentences(text);
  if (sentences.length === 0) return '';
  let out = clipSentence(sentences[0]!.text, maxSentence);
  let paragraph = sentences[0]!.paragraph;
  for (const s of sentences.slice(1)) {
    const joined = `${out}${s.paragraph === paragraph ? ' ' : '\n'}${s.text}`;
    if (joined.length > max) break;
    out = joined;
    paragraph = s.paragraph;
  }
  return out;
}

/** A sentence of at most `max` characters: whole when it fits, else up to its last clause boundary (`;`, `,`, ` – `) that fits, then `…`. */
export function clipSentence(sentence: string, max: number): string {
  if (sentence.length <= max) return sentence;
  const head = sentence.slice(0, max - 2);
  const boundary = Math.max(head.lastIndexOf('; '), head.lastIndexOf(', '), head.lastIndexOf(' – '));
  const cut = boundary > max / 2 ? head.slice(0, boundary) : head.replace(/\s+\S*$/, '');
  return `${cut} …`;
}
