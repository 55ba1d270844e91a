import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { stemFold, tokenize } from './analyzer.js';

/**
 * `corpus/synonyms.json`: groups of words or phrases that mean the same to a user, in Danish and
 * in the English that international staff use. Applied to questions, not to the index, so editing
 * the file needs no re-index.
 */
export const SYNONYMS_FILE = 'synonyms.json';

const SynonymsSchema = z.object({
  groups: z.array(z.array(z.string().min(1)).min(2)),
});

/** Phrases are compared by their words' stems, so `refugees` meets `refugee` and `ældrereformen` meets `ældrereform`. */
function phraseKey(words: readonly string[]): string {
  return words.map((w) => stemFold(w.toLowerCase().replace(/['’]s$/, ''))).join(' ');
}

export class Synonyms {
  /** Lower-cased phrase → the other members of its groups. */
  private readonly byPhrase = new Map<string, Set<string>>();
  /** Longest phrase in words, to bound phrase matching. */
  private maxWords = 1;

  constructor(groups: readonly (readonly string[])[] = []) {
    for (const group of groups) {
      const members = group.map((m) => m.toLowerCase().trim());
      for (const member of members) {
        const key = phraseKey(tokenize(member));
        if (key === '') continue;
        const others = this.byPhrase.get(key) ?? new Set<string>();
        for (const other of members) if (other !== member) others.add(other);
        this.byPhrase.set(key, others);
        this.maxWords = Math.max(this.maxWords, key.split(' ').length);
      }
    }
  }

  get size(): number {
    return this.byPhrase.size;
  }

  /**
   * Phrases of the question found in the file, with their synonyms. Longer phrases win:
   * `finger plan` is matched before `plan`. `start`/`end` are word positions.
   */
  find(words: readonly string[]): Array<{ start: number; end: number; synonyms: string[] }> {
    const found: Array<{ start: number; end: number; synonyms: string[] }> = [];
    const lower = words.map((w) => phraseKey([w]));
    let i = 0;
    while (i < lower.length) {
      let matched = false;
      for (let n = Math.min(this.maxWords, lower.length - i); n >= 1; n--) {
        const phrase = lower.slice(i, i + n).join(' ');
        const others = this.byPhrase.get(phrase);
        if (others) {
          found.push({ start: i, end: i + n, synonyms: [...others] });
          i += n;
          matched = true;
          break;
        }
      }
      if (!matched) i++;
    }
    return found;
  }

  /** Reads the synonyms file; a missing file means no synonyms, a malformed one is an error. */
  static async load(corpusDir: string): Promise<Synonyms> {
    let raw: string;
    try {
      raw = await readFile(path.join(corpusDir, SYNONYMS_FILE), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Synonyms();
      throw error;
    }
    const parsed = SynonymsSchema.safeParse(JSON.parse(raw));
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new Error(`${SYNONYMS_FILE}: ${issue.path.join('.')}: ${issue.message}`);
    }
    return new Synonyms(parsed.data.groups);
  }
}
