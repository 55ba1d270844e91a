import { z } from 'zod';
import type { CardAction } from './card.js';

/**
 * What a card button sends back. Teams turns an `Action.Submit` into a message activity whose
 * `value` is the button's `data`; the `moedebot` key tells our buttons from anything else.
 */
export const CardActionDataSchema = z.discriminatedUnion('moedebot', [
  /** "Vis hele punktet". */
  z.object({ moedebot: z.literal('item'), id: z.string().min(1).max(200) }),
  /** "Flere resultater": the same question from a later offset. */
  z.object({ moedebot: z.literal('more'), query: z.string().min(1).max(500), offset: z.number().int().min(0).max(10_000) }),
  /** A question offered on a card (help examples). */
  z.object({ moedebot: z.literal('ask'), query: z.string().min(1).max(500) }),
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
export const moreResults = (query: string, offset: number): CardActionData => ({ moedebot: 'more', query, offset });
export const askAgain = (query: string): CardActionData => ({ moedebot: 'ask', query });
