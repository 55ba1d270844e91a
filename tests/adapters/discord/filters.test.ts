import { describe, expect, it } from 'vitest';
import { parseFilters } from '../../../src/adapters/discord/filters.js';
import { parseDateRange as parseMeetingRange } from '../../../src/answer/date-range.js';

describe('parseMeetingRange', () => {
  it.each([
    ['2025-04-11', { from: '2025-04-11', to: '2025-04-11', label: '11. april 2025' }],
    ['11-04-2025', { from: '2025-04-11', to: '2025-04-11', label: '11. april 2025' }],
    ['11. april 2025', { from: '2025-04-11', to: '2025-04-11', label: '11. april 2025' }],
    ['juni 2024', { from: '2024-06-01', to: '2024-06-30', label: 'juni 2024' }],
    ['Jun 2024', { from: '2024-06-01', to: '2024-06-30', label: 'juni 2024' }],
    ['2024-02', { from: '2024-02-01', to: '2024-02-29', label: 'februar 2024' }],
    ['2024', { from: '2024-01-01', to: '2024-12-31', label: '2024' }],
  ])('reads %s as a range of meeting dates', (text, range) => {
    expect(parseMeetingRange(text)).toEqual(range);
  });

  it.each(['2025-02-30', '13-13-2025', 'engang sidste forår', 'smarch 2024'])('refuses %s', (text) => {
    expect(parseMeetingRange(text)).toBeUndefined();
  });
});

describe('parseFilters', () => {
  it('combines committee and meeting into the engine filters with a readable label', () => {
    expect(parseFilters('juni 2024', 'KKR Hovedstaden')).toEqual({
      ok: true,
      filters: { committee: 'KKR Hovedstaden', dateFrom: '2024-06-01', dateTo: '2024-06-30', label: 'KKR Hovedstaden, juni 2024' },
    });
    expect(parseFilters('', null)).toEqual({ ok: true, filters: {} });
  });
});
