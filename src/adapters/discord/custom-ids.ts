import { rangeText } from '../../answer/date-range.js';
import type { Answer } from '../../answer/types.js';
import { LIMITS } from './limits.js';

/**
 * Button custom ids. Discord gives a button at most 100 characters of custom id and hands them
 * back on a click, so a button carries what it needs to redo its question: the item id, or the
 * question, its `møde`/`udvalg` options and the offset. When that does not fit, it is kept in a
 * bounded in-memory store and the id carries a key instead; such a button stops working after a
 * restart or when the store has moved on, and the user is asked to ask again.
 *
 * Formats (`|` separated, the free text last so it may itself contain `|`):
 * - `i|<item id>` show the whole item; `I|<key>` when the id is long
 * - `m|<offset>|<møde>|<udvalg>|<question>` more results; `M|<offset>|<key>` when long
 * - `s|<offset>|<møde>|<udvalg>|<question>` share an answer only the asker saw; `S|<offset>|<key>` when long
 * - `f|<u|d>|<item id>|<question>` 👍/👎; `F|<u|d>|<key>` when long (after a restart the
 *   question is read from the answer's footer instead)
 */

/** What "more results" needs to ask again. */
export interface MoreRequest {
  query: string;
  /** The slash command's `møde` option as typed, or empty. */
  meeting: string;
  /** The slash command's `udvalg` option as typed, or empty. */
  committee: string;
}

export type ButtonAction =
  | { kind: 'item'; itemId: string }
  | { kind: 'more'; offset: number; request: MoreRequest }
  | { kind: 'share'; offset: number; request: MoreRequest }
  /** `query` is undefined when it was only in memory and is gone. */
  | { kind: 'feedback'; vote: 'up' | 'down'; query?: string; itemId?: string }
  /** The button's data was only in memory and is gone. */
  | { kind: 'expired' }
  | { kind: 'unknown' };

/** Keeps the newest `capacity` long button payloads. */
export class ButtonStore {
  private readonly entries = new Map<string, string>();
  private counter = 0;

  /** @param capacity how many payloads to keep (default 5000; each is a question of a few hundred characters). */
  constructor(private readonly capacity = 5000) {}

  put(value: string): string {
    this.counter += 1;
    const key = this.counter.toString(36);
    this.entries.set(key, value);
    if (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined) this.entries.delete(oldest);
    }
    return key;
  }

  get(key: string): string | undefined {
    return this.entries.get(key);
  }
}

/** Encodes and decodes button custom ids, using `store` for payloads that do not fit. */
export class ButtonIds {
  constructor(readonly store: ButtonStore = new ButtonStore()) {}

  item(itemId: string): string {
    const direct = `i|${itemId}`;
    if (direct.length <= LIMITS.customId) return direct;
    return `I|${this.store.put(itemId)}`;
  }

  more(offset: number, request: MoreRequest): string {
    return this.request('m', offset, request);
  }

  /** "Del i kanalen": the answer from `offset` of the request, posted for everyone. */
  share(offset: number, request: MoreRequest): string {
    return this.request('s', offset, request);
  }

  feedback(vote: 'up' | 'down', query: string, itemId: string | undefined): string {
    const v = vote === 'up' ? 'u' : 'd';
    const direct = `f|${v}|${itemId ?? ''}|${query}`;
    if (direct.length <= LIMITS.customId && !(itemId ?? '').includes('|')) return direct;
    return `F|${v}|${this.store.put(JSON.stringify({ query, itemId }))}`;
  }

  private request(kind: 'm' | 's', offset: number, request: MoreRequest): string {
    const meeting = clean(request.meeting);
    const committee = clean(request.committee);
    const direct = `${kind}|${offset}|${meeting}|${committee}|${request.query}`;
    if (direct.length <= LIMITS.customId) return direct;
    const key = this.store.put(JSON.stringify({ query: request.query, meeting, committee } satisfies MoreRequest));
    return `${kind.toUpperCase()}|${offset}|${key}`;
  }

  parse(customId: string): ButtonAction {
    const [kind] = customId.split('|', 1);
    const rest = customId.slice((kind?.length ?? 0) + 1);
    switch (kind) {
      case 'i':
        return rest === '' ? { kind: 'unknown' } : { kind: 'item', itemId: rest };
      case 'I': {
        const itemId = this.store.get(rest);
        return itemId === undefined ? { kind: 'expired' } : { kind: 'item', itemId };
      }
      case 'm':
      case 's': {
        const parts = splitN(rest, 4);
        if (parts === undefined) return { kind: 'unknown' };
        const [offsetText, meeting, committee, query] = parts;
        const offset = parseOffset(offsetText);
        if (offset === undefined) return { kind: 'unknown' };
        return { kind: kind === 'm' ? 'more' : 'share', offset, request: { query, meeting, committee } };
      }
      case 'M':
      case 'S': {
        const parts = splitN(rest, 2);
        if (parts === undefined) return { kind: 'unknown' };
        const offset = parseOffset(parts[0]);
        if (offset === undefined) return { kind: 'unknown' };
        const stored = this.store.get(parts[1]);
        if (stored === undefined) return { kind: 'expired' };
        return { kind: kind === 'M' ? 'more' : 'share', offset, request: JSON.parse(stored) as MoreRequest };
      }
      case 'f': {
        const parts = splitN(rest, 3);
        if (parts === undefined || (parts[0] !== 'u' && parts[0] !== 'd')) return { kind: 'unknown' };
        return { kind: 'feedback', vote: parts[0] === 'u' ? 'up' : 'down', query: parts[2], ...(parts[1] !== '' ? { itemId: parts[1] } : {}) };
      }
      case 'F': {
        const parts = splitN(rest, 2);
        if (parts === undefined || (parts[0] !== 'u' && parts[0] !== 'd')) return { kind: 'unknown' };
        const vote = parts[0] === 'u' ? 'up' : 'down';
        const stored = this.store.get(parts[1]);
        if (stored === undefined) return { kind: 'feedback', vote };
        const { query, itemId } = JSON.parse(stored) as { query: string; itemId?: string };
        return { kind: 'feedback', vote, query, ...(itemId ? { itemId } : {}) };
      }
      default:
        return { kind: 'unknown' };
    }
  }
}

/** `|` separates fields, so option values lose it; they are short filter texts where it means nothing. */
function clean(text: string): string {
  return text.replace(/\|/g, ' ').trim();
}

function parseOffset(text: string): number | undefined {
  if (!/^\d{1,6}$/.test(text)) return undefined;
  return Number(text);
}

/** Splits into exactly `n` parts on the first `n - 1` separators; the last part keeps any further `|`. */
function splitN<N extends 2 | 3 | 4>(text: string, n: N): (N extends 2 ? [string, string] : N extends 3 ? [string, string, string] : [string, string, string, string]) | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < n - 1; i++) {
    const at = rest.indexOf('|');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts as N extends 2 ? [string, string] : N extends 3 ? [string, string, string] : [string, string, string, string];
}

/** What asking an answer's question again needs, with its filters as the options would give them. */
export function requestOf(answer: Pick<Answer, 'query' | 'filters'>): MoreRequest {
  return { query: answer.query, meeting: rangeText(answer.filters.dateFrom, answer.filters.dateTo) ?? '', committee: answer.filters.committee ?? '' };
}
