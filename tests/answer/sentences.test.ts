import { describe, expect, it } from 'vitest';
import { clipSentence, leadSentences, splitSentences } from '../../src/answer/sentences.js';

const texts = (text: string) => splitSentences(text).map((s) => s.text);

describe('splitSentences', () => {
  it('ends a sentence at a full stop, question or exclamation mark before a capital or a digit', () => {
    expect(texts('KKR drøfter sagen. Formandskabet indstiller. 2025 bliver et travlt år! Hvad nu?')).toEqual([
      'KKR drøfter sagen.',
      'Formandskabet indstiller.',
      '2025 bliver et travlt år!',
      'Hvad nu?',
    ]);
  });

  it('does not end a sentence after an abbreviation or the day of a date', () => {
    expect(texts('Udgiften er 2,8 mio. Kr. i alt, jf. Bilag 2 om økonomi. Mødet holdes den 11. April i Odense. Det er bl.a. Movia.')).toEqual([
      'Udgiften er 2,8 mio. Kr. i alt, jf. Bilag 2 om økonomi.',
      'Mødet holdes den 11. April i Odense.',
      'Det er bl.a. Movia.',
    ]);
  });

  it('ends a sentence after a clock time or a decimal, not after a month abbreviation', () => {
    expect(texts('Mødet slutter kl. 12.00. Der er frokost. Mødet er den 18. jun. 2025 i Odense.')).toEqual(['Mødet slutter kl. 12.00.', 'Der er frokost.', 'Mødet er den 18. jun. 2025 i Odense.']);
  });

  it('shows the first whole sentences of a text within a length, never cut mid-sentence', () => {
    const text = 'Første sætning er kort. Anden sætning er også kort. Tredje sætning er meget længere end de to første tilsammen.';
    expect(leadSentences(text, 60)).toBe('Første sætning er kort. Anden sætning er også kort.');
    expect(leadSentences(text, 10)).toBe('Første sætning er kort.');
    expect(clipSentence(`${'ord, '.repeat(300)}slut.`, 100).endsWith(' …')).toBe(true);
  });

  it('does not end a sentence before a lower-case word, and keeps closing quotes and brackets', () => {
    expect(texts('Se punkt 3. som nævnt. Han sagde "ja." Derefter (se ovenfor.) Slut')).toEqual(['Se punkt 3. som nævnt.', 'Han sagde "ja."', 'Derefter (se ovenfor.)', 'Slut']);
  });

  it('gives each sentence its offset and paragraph, lines and blank-line paragraphs apart', () => {
    const text = 'Første sætning. Anden sætning.\nTredje på ny linje.\n\nFjerde i nyt afsnit.';
    const sentences = splitSentences(text);
    expect(sentences.map((s) => [s.text, s.paragraph])).toEqual([
      ['Første sætning.', 0],
      ['Anden sætning.', 0],
      ['Tredje på ny linje.', 0],
      ['Fjerde i nyt afsnit.', 1],
    ]);
    for (const s of sentences) expect(text.slice(s.start, s.start + s.text.length)).toBe(s.text);
  });

  it('reads a long line full of abbreviations to its end', () => {
    // One very long line without sentence ends but many full stops before lower-case words.
    const long = `${'ca. 12 mio. kr. og '.repeat(5000)}Slut. Næste.`;
    expect(texts(long).at(-1)).toBe('Næste.');
  });
});
