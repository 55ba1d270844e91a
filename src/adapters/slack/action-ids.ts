/**
 * Action ids of the buttons mødebot puts on its messages, and the values they carry. The values
 * come back from Slack when a button is clicked, so they are parsed defensively.
 */
export const ACTION_SHOW_ITEM = 'moedebot_show_item';
export const ACTION_MORE_RESULTS = 'moedebot_more_results';
/** Link buttons also send an interaction, which must be acknowledged. */
export const ACTION_OPEN_LINK = 'moedebot_open_link';

/** What "more results" needs to ask again: the question and where to continue. */
export interface MoreResultsValue {
  query: string;
  offset: number;
}

export function encodeMoreResults(value: MoreResultsValue): string {
  return JSON.stringify({ q: value.query, o: value.offset });
}

/** Undefined when the value is not one we made. */
export function decodeMoreResults(raw: string | undefined): MoreResultsValue | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed: unknown = JSON.parse(raw);
    if (typeof parsed !== 'object' || parsed === null) return undefined;
    const { q, o } = parsed as { q?: unknown; o?: unknown };
    if (typeof q !== 'string' || typeof o !== 'number' || !Number.isInteger(o) || o < 0) return undefined;
    return { query: q, offset: o };
  } catch {
    return undefined;
  }
}
