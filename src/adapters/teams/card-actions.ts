import { z } from 'zod';
import type { AnswerFilters } from '../../answer/types.js';
import type { CardAction } from './card.js';

/**
 * What a card button sends back. Teams turns an `Action.Submit` into a message activity whose
 * `value` is the button's `data`; the `moedebot` key tells our buttons from anything else.
 */
const FiltersSchema = z
  .object({ committee: z.string().max(200).optional(), dateFrom: z.string().max(10).optional(), dateTo: z.string().max(10).optional(), label: z.string().max(200).optional() })
  .optional();

export const CardActionDataSchema = z.discriminatedUnion('moedebot', [
  /** "Vis hele punktet". */
  z.object({ moedebot: z.literal('item'), id: z.string().min(1).max(200) }),
  /** "Flere resultater": the same question (and filters) from a later offset. */
  z.object({ moedebot: z.literal('more'), query: z.string().min(1).max(2000), offset: z.number().int().min(0).max(10_000), filters: FiltersSchema }),
  /** A question offered on a card (help examples). */
  z.object({ moedebot: z.literal('ask'), query: z.string().min(1).max(500) }),
  /** 👍 / 👎 on an answer: the question and the item it led with. */
  z.object({ moedebot: z.literal('feedback'), vote: z.enum(['up', 'down']), query: z.string().max(2000), id: z.string().max(200).optional() }),
]);
export type CardActionData = z.infer<typeof CardActionDataSchema>;

/** Reads a card action from an activity's `value`; `undefined` when it is not one of ours. */
export function parseCardAction(value: unknown): CardActionData | undefined {
  const parsed = CardActionDataSchema.safeParse(value);
  return parsed.success ? parsed.data : undefined;
}

export function submit(title: string, data: CardActionData): CardAction {
  return { type: 'Action.Submit', title, data };
}

export const showItem = (id: string): CardActionData => ({ moedebot: 'item', id });
export const moreResults = (query: string, offset: number, filters?: AnswerFilters): CardActionData => ({
  moedebot: 'more',
  query,
  offset,
  ...(filters && Object.keys(filters).length > 0 ? { filters } : {}),
});
export const askAgain = (query: string): CardActionData => ({ moedebot: 'ask', query });
export const feedback = (vote: 'up' | 'down', query: string, id: string | undefined): CardActionData => ({
  moedebot: 'feedback',
  vote,
  query: query.slice(0, 2000),
  ...(id ? { id } : {}),
});
