import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCalendar, parseCalendar } from '../../src/digest/calendar.js';
import { shortenRecommendation } from '../../src/digest/shorten.js';
import { fc, test as fcTest } from '@fast-check/vitest';
import { tempDir } from '../helpers/temp-dir.js';

describe('corpus/calendar.json', () => {
  it('holds the published dates of KKR Hovedstaden and KKR Sjælland, all on weekdays', async () => {
    const calendar = await loadCalendar('corpus');
    const dates = (committee: string) => calendar.meetings.filter((m) => m.committee === committee).map((m) => m.date);
    expect(dates('KKR Hovedstaden')).toEqual(expect.arrayContaining(['2024-06-18', '2024-09-06', '2025-04-11', '2025-06-18', '2026-01-26']));
    expect(dates('KKR Sjælland')).toEqual(expect.arrayContaining(['2024-06-19', '2025-06-18', '2026-01-27']));
    for (const m of calendar.meetings) {
      const weekday = new Date(`${m.date}T00:00:00Z`).getUTCDay();
      expect(weekday, m.date).toBeGreaterThanOrEqual(1);
      expect(weekday, m.date).toBeLessThanOrEqual(5);
    }
  });

  it('reads a missing calendar as empty', async () => {
    const dir = tempDir('moedebot-');
    expect(await loadCalendar(dir)).toEqual({ meetings: [] });
  });

  it('names the malformed field of a broken calendar', () => {
    const text = JSON.stringify({ meetings: [{ committee: 'KKR Hovedstaden', date: '18-06-2025' }] });
    expect(() => parseCalendar(text, 'calendar.json')).toThrow(/calendar\.json: meetings\.0\.date expected a date as YYYY-MM-DD/);
    expect(() => parseCalendar('{', 'calendar.json')).toThrow(/not valid JSON/);
  });
});

describe('shortenRecommendation', () => {
  it('drops the opening formula and keeps a short recommendation whole', () => {
    expect(shortenRecommendation('Det indstilles, at KKR Hovedstaden\n  godkender referatet.')).toBe('KKR Hovedstaden godkender referatet.');
  });

  fcTest.prop([fc.array(fc.constantFrom('Det', 'indstilles,', 'at', 'KKR', 'godkender.', 'Planen', '–', 'kl.', '10.00', 'sundhedsreformen'), { maxLength: 200 })])(
    'never gives more than the limit and a cut always shows',
    (words) => {
      const text = words.join(' ');
      const short = shortenRecommendation(text, 80);
      expect(short.length).toBeLessThanOrEqual(80);
      if (short.length < text.replace(/^Det indstilles,? at\s+/i, '').length) expect(short).toMatch(/[.!?…]$/);
    },
  );
});
