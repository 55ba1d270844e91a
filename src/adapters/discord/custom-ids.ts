import { LIMITS } from './text.js';

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
    const meeting = clean(request.meeting);
    const committee = clean(request.committee);
    const direct = `m|${offset}|${meeting}|${committee}|${request.query}`;
    if (direct.length <= LIMITS.customId) return direct;
    const key = this.store.put(JSON.stringify({ query: request.query, meeting, committee } satisfies MoreRequest));
    return `M|${offset}|${key}`;
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
      case 'm': {
        const parts = splitN(rest, 4);
        if (parts === undefined) return { kind: 'unknown' };
        const [offsetText, meeting, committee, query] = parts;
        const offset = parseOffset(offsetText);
        if (offset === undefined) return { kind: 'unknown' };
        return { kind: 'more', offset, request: { query, meeting, committee } };
      }
      case 'M': {
        const parts = splitN(rest, 2);
        if (parts === undefined) return { kind: 'unknown' };
        const offset = parseOffset(parts[0]);
        if (offset === undefined) return { kind: 'unknown' };
        const stored = this.store.get(parts[1]);
        if (stored === undefined) return { kind: 'expired' };
        return { kind: 'more', offset, request: JSON.parse(stored) as MoreRequest };
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
function splitN<N extends 2 | 4>(text: string, n: N): (N extends 2 ? [string, string] : [string, string, string, string]) | undefined {
  const parts: string[] = [];
  let rest = text;
  for (let i = 0; i < n - 1; i++) {
    const at = rest.indexOf('|');
    if (at < 0) return undefined;
    parts.push(rest.slice(0, at));
    rest = rest.slice(at + 1);
  }
  parts.push(rest);
  return parts as N extends 2 ? [string, string] : [string, string, string, string];
}
