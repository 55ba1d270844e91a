import type { Meeting } from '../corpus/types.js';
import { DANISH_MONTH_NAMES } from '../corpus/danish-dates.js';
import { Random } from './prng.js';

/**
 * A fixed mix of questions over a synthetic corpus, the kinds staff ask: Danish free text,
 * English, case-number look-ups, item look-ups with a meeting hint, and typos.
 */
export type QuestionKind = 'danish' | 'english' | 'case' | 'item' | 'typo';

export interface BenchQuestion {
  q: string;
  kind: QuestionKind;
  /** Item the question was made from (for free text the item is one of several that fit). */
  itemId?: string;
}

/** Share of each kind in the mix. */
export const QUESTION_MIX: Record<QuestionKind, number> = { danish: 0.4, english: 0.15, case: 0.15, item: 0.15, typo: 0.15 };

/** English questions whose words the synonyms file maps to the agendas' Danish vocabulary. */
const ENGLISH = [
  'refugees distribution',
  'elderly care reform',
  'physiotherapy capacity',
  'municipal economy negotiations',
  'health reform implementation',
  'what about the finger plan',
  'secure institutions capacity',
  'business development strategy',
  'mobility analysis for the capital area',
  'pregnant women with substance abuse',
  'professional bachelor reform',
  'red carpet for production companies',
  'international labour',
  'framework agreement social area',
  'appointment to the board',
];

const STOP = new Set(['af', 'og', 'i', 'på', 'til', 'for', 'om', 'med', 'fra', 'den', 'det', 'de', 'en', 'et', 'at', 'status', 'opfølgning', 'drøftelse', 'orientering', 'godkendelse', 'beslutning', 'forslag', 'proces', 'evaluering', 'høring', 'afrapportering', 'temadrøftelse']);

function contentWords(title: string): string[] {
  return (title.match(/[\p{L}][\p{L}-]*/gu) ?? []).filter((w) => !STOP.has(w.toLowerCase()) && w.length >= 4);
}

/** One plausible typing mistake: a dropped, doubled or swapped letter. */
function typo(rng: Random, word: string): string {
  if (word.length < 6) return word;
  const i = rng.int(1, word.length - 3);
  switch (rng.int(0, 2)) {
    case 0:
      return word.slice(0, i) + word.slice(i + 1);
    case 1:
      return word.slice(0, i) + word[i] + word.slice(i);
    default:
      return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2);
  }
}

/** `n` questions derived from the meetings, the same for one seed. */
export function deriveQuestions(meetings: readonly Meeting[], seed: number, n: number): BenchQuestion[] {
  const rng = new Random(seed);
  const topical = meetings.flatMap((m) => m.items).filter((i) => i.presentation !== '' && contentWords(i.title).length > 0);
  const withItems = meetings.filter((m) => m.items.length > 0);
  if (topical.length === 0 || withItems.length === 0) return [];
  const kinds = Object.entries(QUESTION_MIX) as Array<[QuestionKind, number]>;
  const out: BenchQuestion[] = [];
  for (const [kind, share] of kinds) {
    const count = Math.max(1, Math.round(n * share));
    for (let k = 0; k < count; k++) {
      const item = rng.pick(topical);
      const words = contentWords(item.title);
      switch (kind) {
        case 'danish': {
          const picked = rng.sample(words, rng.int(1, Math.min(3, words.length))).map((w) => w.toLowerCase());
          const frame = rng.pick(['%s', 'hvad står der om %s', 'hvad indstilles om %s', '%s status', 'hvornår blev %s drøftet']);
          out.push({ q: frame.replace('%s', picked.join(' ')), kind, itemId: item.id });
          break;
        }
        case 'english':
          out.push({ q: rng.pick(ENGLISH), kind });
          break;
        case 'case': {
          const m = rng.pick(withItems);
          const it = rng.pick(m.items);
          const serial = it.caseNumber.split('-')[2] ?? '00000';
          const year = it.caseNumber.split('-')[1] ?? m.meetingDate.slice(0, 4);
          out.push({ q: rng.pick([it.caseNumber, `sag ${year}-${Number(serial)}`, `${it.caseNumber} punkt ${it.number}`]), kind, itemId: it.id });
          break;
        }
        case 'item': {
          const m = rng.pick(withItems);
          const it = rng.pick(m.items);
          const [y, mo, d] = m.meetingDate.split('-').map(Number);
          const month = DANISH_MONTH_NAMES[mo! - 1]!;
          const hint = rng.pick([`${month} ${y}`, `${d}. ${month} ${y}`, `${month} ${y} ${m.committee}`]);
          out.push({ q: `punkt ${it.number} fra ${hint}`, kind, itemId: it.id });
          break;
        }
        case 'typo': {
          const longest = [...words].sort((a, b) => b.length - a.length)[0]!;
          out.push({ q: typo(rng, longest.toLowerCase()), kind, itemId: item.id });
          break;
        }
      }
    }
  }
  return rng.shuffle(out);
}
