import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { stemFold } from './analyzer.js';

/**
 * `corpus/glossary.json`: English municipal terms and the Danish words the material uses for
 * them (`nursing home` → `plejehjem`, `plejebolig`), so a question in English finds what the
 * Danish text says. Applied to questions only, like the synonyms file: editing it needs no
 * re-index. Unlike synonyms, it translates one way, and it is compound-aware: English phrases
 * the file lacks (`refugee quota`) are tried as the Danish compounds of their words' translations
 * (`flygtningekvote`), which the caller checks against the index.
 *
 * @example
 * const glossary = new Glossary([{ en: ['nursing home'], da: ['plejehjem'] }]);
 * glossary.find(['local', 'nursing', 'homes']); // [{ start: 1, end: 3, danish: ['plejehjem'] }]
 */
export const GLOSSARY_FILE = 'glossary.json';

const EntrySchema = z.object({
  en: z.array(z.string().trim().min(1)).min(1),
  da: z.array(z.string().trim().min(1)).min(1),
});
const GlossarySchema = z.object({ entries: z.array(EntrySchema) });
export type GlossaryEntry = z.infer<typeof EntrySchema>;

/**
 * An English word's base form for matching: lower case, no possessive, plurals singular
 * (`policies` → `policy`, `homes` → `home`, `taxes` → `tax`). Deliberately light: the file lists
 * other forms (`centralising`, `centralisation`) where they matter.
 */
export function englishBase(word: string): string {
  let w = word.toLowerCase().replace(/['’]s?$/, '');
  if (w.length > 4 && w.endsWith('ies')) w = `${w.slice(0, -3)}y`;
  else if (w.length > 4 && /(?:ss|x|ch|sh)es$/.test(w)) w = w.slice(0, -2);
  else if (w.length > 3 && w.endsWith('s') && !/(?:ss|us|is)$/.test(w)) w = w.slice(0, -1);
  return w;
}

/** Danish linking letters between the parts of a compound (`flygtning|e|kvote`, `sundhed|s|råd`). */
const LINKS = ['', 'e', 's'];

export interface GlossaryMatch {
  /** Word positions of the English phrase: `start` inclusive, `end` exclusive. */
  start: number;
  end: number;
  /** Danish words or phrases for it. */
  danish: string[];
}

export class Glossary {
  /** English phrase (base forms, space-separated) → Danish words. */
  private readonly byPhrase = new Map<string, string[]>();
  private maxWords = 1;

  constructor(entries: readonly GlossaryEntry[] = []) {
    for (const entry of entries) {
      for (const en of entry.en) {
        const key = en.split(/\s+/).map(englishBase).join(' ');
        const list = this.byPhrase.get(key) ?? [];
        for (const da of entry.da) if (!list.includes(da)) list.push(da);
        this.byPhrase.set(key, list);
        this.maxWords = Math.max(this.maxWords, key.split(' ').length);
      }
    }
  }

  get size(): number {
    return this.byPhrase.size;
  }

  /** Whether the file knows the word (alone) as English, for telling English questions apart. */
  knows(word: string): boolean {
    return this.byPhrase.has(englishBase(word));
  }

  /** Danish words for one English phrase (its words as typed), or undefined. */
  translate(words: readonly string[]): string[] | undefined {
    return this.byPhrase.get(words.map(englishBase).join(' '));
  }

  /** English phrases of the question that the file holds, longest first, left to right. */
  find(words: readonly string[]): GlossaryMatch[] {
    const found: GlossaryMatch[] = [];
    const base = words.map(englishBase);
    for (let i = 0; i < base.length; ) {
      let matched = 0;
      for (let n = Math.min(this.maxWords, base.length - i); n >= 1; n--) {
        const danish = this.byPhrase.get(base.slice(i, i + n).join(' '));
        if (danish) {
          found.push({ start: i, end: i + n, danish });
          matched = n;
          break;
        }
      }
      i += matched || 1;
    }
    return found;
  }

  /**
   * Danish compounds that the translations of two adjacent English words or phrases may form
   * (`refugee`, `quota` → `flygtningkvote`, `flygtningekvote`, `flygtningskvote`; `special subsidy`,
   * `pool` → `særtilskudspulje`), as stems: the caller keeps those the index knows. Only one-word
   * translations take part.
   */
  compounds(first: string | readonly string[], second: string | readonly string[]): string[] {
    const heads = (this.translate(typeof first === 'string' ? [first] : first) ?? []).filter((d) => !d.includes(' '));
    const tails = (this.translate(typeof second === 'string' ? [second] : second) ?? []).filter((d) => !d.includes(' '));
    const out = new Set<string>();
    for (const head of heads) {
      const h = head.toLowerCase();
      // A head ending in `e` often drops it in compounds (`skole` + `leder`, `pleje` + `hjem` keep it).
      for (const form of new Set([h, h.replace(/e$/, '')])) {
        for (const tail of tails) for (const link of LINKS) out.add(stemFold(`${form}${link}${tail.toLowerCase()}`));
      }
    }
    return [...out];
  }

  /** Longest phrase, in words, that the file holds. */
  get longestPhrase(): number {
    return this.maxWords;
  }

  /** Reads the glossary file; a missing file means no glossary, a malformed one is an error naming the entry. */
  static async load(corpusDir: string): Promise<Glossary> {
    let raw: string;
    try {
      raw = await readFile(path.join(corpusDir, GLOSSARY_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Glossary();
      throw error;
    }
    const parsed = GlossarySchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${GLOSSARY_FILE}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return new Glossary(parsed.data.entries);
  }
}
