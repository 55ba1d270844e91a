import { z } from 'zod';
import type { AnswerFilters } from '../../answer/types.js';

/**
 * Action ids of the buttons mødebot puts on its messages, and the values they carry. The values
 * come back from Slack when a button is clicked, so they are parsed with a schema.
 */
export const ACTION_SHOW_ITEM = 'moedebot_show_item';
export const ACTION_MORE_RESULTS = 'moedebot_more_results';
/** Link buttons also send an interaction, which must be acknowledged. */
export const ACTION_OPEN_LINK = 'moedebot_open_link';
/** "Del i kanalen" under an answer only the asker sees. */
export const ACTION_SHARE = 'moedebot_share';
export const ACTION_FEEDBACK_UP = 'moedebot_feedback_up';
export const ACTION_FEEDBACK_DOWN = 'moedebot_feedback_down';

/** What asking again needs ("more results", "share"): the question, its filters and where to start. */
export interface AskRequest {
  query: string;
  offset: number;
  filters?: AnswerFilters;
}

const FiltersSchema = z
  .object({ c: z.string().optional(), a: z.string().optional(), b: z.string().optional(), l: z.string().optional() })
  .optional();
const AskSchema = z.object({ q: z.string(), o: z.number().int().min(0).max(100_000), f: FiltersSchema });

function compactFilters(filters: AnswerFilters | undefined): z.infer<typeof FiltersSchema> {
  if (!filters) return undefined;
  const f = {
    ...(filters.committee !== undefined ? { c: filters.committee } : {}),
    ...(filters.dateFrom !== undefined ? { a: filters.dateFrom } : {}),
    ...(filters.dateTo !== undefined ? { b: filters.dateTo } : {}),
    ...(filters.label !== undefined ? { l: filters.label } : {}),
  };
  return Object.keys(f).length > 0 ? f : undefined;
}

export function encodeAskRequest(value: AskRequest): string {
  const f = compactFilters(value.filters);
  return JSON.stringify({ q: value.query, o: value.offset, ...(f ? { f } : {}) });
}

/** Undefined when the value is not one we made. */
export function decodeAskRequest(raw: string | undefined): AskRequest | undefined {
  if (raw === undefined) return undefined;
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    return undefined;
  }
  const parsed = AskSchema.safeParse(json);
  if (!parsed.success) return undefined;
  const { q, o, f } = parsed.data;
  const filters: AnswerFilters = {
    ...(f?.c !== undefined ? { committee: f.c } : {}),
    ...(f?.a !== undefined ? { dateFrom: f.a } : {}),
    ...(f?.b !== undefined ? { dateTo: f.b } : {}),
    ...(f?.l !== undefined ? { label: f.l } : {}),
  };
  return { query: q, offset: o, ...(Object.keys(filters).length > 0 ? { filters } : {}) };
}

/** What a 👍 or 👎 carries: the question and the item it was answered with. */
export interface FeedbackValue {
  query: string;
  itemId?: string;
}

const FeedbackSchema = z.object({ q: z.string(), i: z.string().optional() });

/** Questions are cut so the value stays within Slack's 2,000 characters with any item id. */
export function encodeFeedback(value: FeedbackValue): string {
  return JSON.stringify({ q: value.query.slice(0, 1500), ...(value.itemId ? { i: value.itemId.slice(0, 300) } : {}) });
}

export function decodeFeedback(raw: string | undefined): FeedbackValue | undefined {
  if (raw === undefined) return undefined;
  try {
    const parsed = FeedbackSchema.safeParse(JSON.parse(raw));
    return parsed.success ? { query: parsed.data.q, ...(parsed.data.i ? { itemId: parsed.data.i } : {}) } : undefined;
  } catch {
    return undefined;
  }
}
