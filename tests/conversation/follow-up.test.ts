import { describe, expect, it } from 'vitest';
import { interpretFollowUp } from '../../src/conversation/follow-up.js';
import type { ThreadContext } from '../../src/state/thread-context-store.js';

const committees = ['KKR Hovedstaden', 'KKR Sjælland', 'Økonomiudvalget'];

function context(overrides: Partial<ThreadContext> = {}): ThreadContext {
  return {
    question: 'fysioterapi',
    mode: 'search',
    filters: {},
    offset: 0,
    shown: 4,
    hasMore: true,
    itemIds: ['a', 'b', 'c', 'd'],
    meeting: { committee: 'KKR Hovedstaden', date: '2025-04-11' },
    at: '2025-04-14T08:00:00.000Z',
    ...overrides,
  };
}

describe('interpretFollowUp', () => {
  it('reads "og i 2024?" as the last question within 2024', () => {
    expect(interpretFollowUp('og i 2024?', context(), { committees })).toEqual({
      kind: 'ask',
      question: 'fysioterapi',
      filters: { dateFrom: '2024-01-01', dateTo: '2024-12-31', label: '2024' },
      understood: 'fysioterapi · 2024',
    });
  });

  it('reads "hvad med KKR Sjælland?" as the last question for that council, spelt as the corpus spells it', () => {
    expect(interpretFollowUp('hvad med kkr sjaelland?', context(), { committees })).toMatchObject({
      kind: 'ask',
      question: 'fysioterapi',
      filters: { committee: 'KKR Sjælland', label: 'KKR Sjælland' },
    });
  });

  it('replaces the date the last question named with the new one, and keeps its council', () => {
    const followUp = interpretFollowUp('og i juni 2024', context({ question: 'flygtninge april 2025', filters: { committee: 'KKR Hovedstaden', label: 'KKR Hovedstaden' } }), { committees });
    expect(followUp).toEqual({
      kind: 'ask',
      question: 'flygtninge',
      filters: { committee: 'KKR Hovedstaden', dateFrom: '2024-06-01', dateTo: '2024-06-30', label: 'KKR Hovedstaden, juni 2024' },
      understood: 'flygtninge · KKR Hovedstaden, juni 2024',
    });
  });

  it('reads a council and a year together', () => {
    expect(interpretFollowUp('hvad med KKR Sjælland i 2024?', context(), { committees })).toMatchObject({
      kind: 'ask',
      filters: { committee: 'KKR Sjælland', dateFrom: '2024-01-01', dateTo: '2024-12-31' },
    });
  });

  it('reads "vis punkt 3.12" as that item of the thread\'s meeting, and "vis 2" as the second result', () => {
    expect(interpretFollowUp('vis punkt 3.12', context(), { committees })).toEqual({ kind: 'item-number', number: '3.12' });
    expect(interpretFollowUp('Vis 2', context(), { committees })).toEqual({ kind: 'show', index: 2 });
  });

  it('reads "mere" and its synonyms as the next results', () => {
    for (const text of ['mere', 'Flere.', 'flere resultater', 'næste']) expect(interpretFollowUp(text, context(), { committees })).toEqual({ kind: 'more' });
  });

  it('reads "hvad med boliger?" as a new topic within the thread\'s filters', () => {
    expect(interpretFollowUp('hvad med boliger?', context({ filters: { dateFrom: '2024-01-01', dateTo: '2024-12-31', label: '2024' } }), { committees })).toEqual({
      kind: 'ask',
      question: 'boliger',
      filters: { dateFrom: '2024-01-01', dateTo: '2024-12-31', label: '2024' },
      understood: 'boliger · 2024',
    });
  });

  it('leaves a question that stands on its own alone', () => {
    expect(interpretFollowUp('hvad indstilles der om ældrereformen?', context(), { committees })).toBeUndefined();
    expect(interpretFollowUp('SAG-2025-01103', context(), { committees })).toBeUndefined();
    expect(interpretFollowUp('', context(), { committees })).toBeUndefined();
  });
});
