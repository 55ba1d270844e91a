import { beforeAll, describe, expect, it } from 'vitest';
import { fc, test as fcTest } from '@fast-check/vitest';
import type { Meeting } from '../../src/corpus/types.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { buildDigest, meetingsForDigest, recordOf } from '../../src/digest/build-digest.js';
import type { Calendar } from '../../src/digest/calendar.js';
import { addDays } from '../../src/digest/dates.js';
import { renderDigestText } from '../../src/digest/render-text.js';
import type { DigestMeeting } from '../../src/digest/types.js';
import { openSeedEngine } from './seed-engine.js';

let meetings: readonly Meeting[];
let calendar: Calendar;
let engine: AnswerEngine;

beforeAll(async () => {
  const seed = await openSeedEngine();
  engine = seed.engine;
  meetings = await engine.meetings();
  calendar = seed.calendar;
});

const hovedstaden = (ms: DigestMeeting[]) => ms.filter((m) => m.committee === 'KKR Hovedstaden');
const titles = (m: DigestMeeting | undefined) => (m?.items ?? []).map((i) => i.title);

describe('buildDigest on the seed corpus', () => {
  it('shows the published agenda of 18 June 2024 eight days ahead, with numbers, short recommendations and links', () => {
    const digest = buildDigest({ meetings, calendar, date: '2024-06-10' });
    const june = digest.meetings.find((m) => m.committee === 'KKR Hovedstaden' && m.date === '2024-06-18');
    expect(june?.status).toBe('published');
    expect(june?.time).toBe('10.00-12.00');
    const refugees = june?.items.find((i) => i.title === 'Kommunefordeling af flygtninge for 2025');
    expect(refugees?.number).toBe('4.3');
    expect(refugees?.id).toBe('kkr-hovedstaden-2024-06-18-4.3');
    expect(refugees?.recommendation).toMatch(/^KKR Hovedstaden tiltræder/);
    expect(refugees!.recommendation!.length).toBeLessThanOrEqual(241);
    expect(refugees?.link ?? june?.link).toMatch(/^https:\/\//);
    expect(june?.items.map((i) => i.number)).toEqual(['1.1', '2.1', '2.2', '3.1', '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '6.1', '7.1']);
  });

  it('shows the 6 September 2024 meeting with the items expected at 18 June, and nothing of the meeting already held', () => {
    const digest = buildDigest({ meetings, calendar, date: '2024-06-20' });
    const [next, ...rest] = hovedstaden(digest.meetings);
    expect(rest).toEqual([]);
    expect(next?.date).toBe('2024-09-06');
    expect(next?.status).toBe('expected');
    expect(next?.time).toBe('10.00-12.00');
    expect(next?.announcedAt).toBe('2024-06-18');
    expect(titles(next)).toContain('Godkendelse af Rammeaftale 2025 – 2026');
    expect(titles(next)).toContain('Samarbejdet i Klimaalliancen');
    expect(next?.items.every((i) => i.number === undefined && i.id === undefined)).toBe(true);
    expect(digest.meetings.every((m) => m.date >= '2024-06-20')).toBe(true);
    expect(JSON.stringify(digest)).not.toContain('Kommunefordeling af flygtninge');
  });

  it('shows 18 June 2025 with the items expected at 11 April 2025, though it is beyond the 14-day window', () => {
    const digest = buildDigest({ meetings, calendar, date: '2025-06-01' });
    const [next, ...rest] = hovedstaden(digest.meetings);
    expect(rest).toEqual([]);
    expect(next?.date).toBe('2025-06-18');
    expect(next?.status).toBe('expected');
    expect(next?.announcedAt).toBe('2025-04-11');
    expect(titles(next)).toContain('Arbejde med international arbejdskraft');
    expect(titles(next)).toContain('Status fra KKR Hovedstadens taskforce for uddannelse og rekruttering');
  });

  it('counts a meeting on the digest day itself as upcoming that morning', () => {
    const digest = buildDigest({ meetings, calendar, date: '2025-04-11' });
    const today = hovedstaden(digest.meetings)[0];
    expect(today?.date).toBe('2025-04-11');
    expect(today?.status).toBe('published');
    expect(today?.items.find((i) => i.number === '3.6')?.title).toMatch(/fysioterapi/);
    expect(renderDigestText(digest)).toContain('Mødet er i dag.');
  });

  it('shows every meeting within the window and only the next one beyond it', () => {
    const wide = buildDigest({ meetings, calendar, date: '2025-06-01', windowDays: 100 });
    expect(hovedstaden(wide.meetings).map((m) => m.date)).toEqual(['2025-06-18', '2025-09-02']);
    const narrow = buildDigest({ meetings, calendar, date: '2025-06-01', windowDays: 0 });
    expect(narrow.meetings.map((m) => `${m.committee} ${m.date}`)).toEqual(['KKR Hovedstaden 2025-06-18', 'KKR Sjælland 2025-06-18']);
    const sjaelland = buildDigest({ meetings, calendar, date: '2024-06-10' }).meetings.find((m) => m.committee === 'KKR Sjælland');
    expect(sjaelland).toMatchObject({ date: '2024-06-19', status: 'expected', items: [] });
  });

  it('can be limited to some committees', () => {
    const digest = buildDigest({ meetings, calendar, date: '2024-06-10', committees: ['kkr hovedstaden'] });
    expect(new Set(digest.meetings.map((m) => m.committee))).toEqual(new Set(['KKR Hovedstaden']));
  });

  it('returns no meetings after the last known date', () => {
    expect(buildDigest({ meetings, calendar, date: '2027-01-01' }).meetings).toEqual([]);
  });

  it('is the same from what meetingsForDigest reads (past meetings without items) as from every meeting', async () => {
    const days = meetings.flatMap((m) => [addDays(m.meetingDate, -200), addDays(m.meetingDate, -1), m.meetingDate, addDays(m.meetingDate, 1), addDays(m.meetingDate, 90)]);
    for (const date of days) {
      const read = await meetingsForDigest(engine, date);
      expect(read.filter((m) => m.meetingDate < date && m.items.length > 0), date).toEqual([]);
      expect(buildDigest({ meetings: read, calendar, date }), date).toEqual(buildDigest({ meetings, calendar, date }));
    }
  });

  it('refuses a date that is not a day', () => {
    expect(() => buildDigest({ meetings, calendar, date: '2025-02-30' })).toThrow(/YYYY-MM-DD/);
    expect(() => buildDigest({ meetings, calendar, date: '1/6/2025' })).toThrow(/YYYY-MM-DD/);
  });

  fcTest.prop([fc.integer({ min: 0, max: 4 * 366 }), fc.integer({ min: 0, max: 60 })])(
    'never shows a meeting already held, and shows one beyond the window only as a committee\'s next',
    (offset, windowDays) => {
      const date = addDays('2023-01-01', offset);
      const digest = buildDigest({ meetings, calendar, date, windowDays });
      const last = addDays(date, windowDays);
      const seen = new Set<string>();
      for (const m of digest.meetings) {
        expect(m.date >= date).toBe(true);
        if (m.date > last) expect(seen.has(m.committee)).toBe(false);
        seen.add(m.committee);
      }
      expect(digest.meetings.map((m) => m.date)).toEqual(digest.meetings.map((m) => m.date).sort());
    },
  );
});

describe('new marks', () => {
  const without2025 = () => meetings.filter((m) => m.meetingDate !== '2025-04-11');

  it('marks nothing new when no digest was posted before', () => {
    const digest = buildDigest({ meetings, calendar, date: '2024-06-10' });
    expect(digest.meetings.some((m) => m.isNew || m.items.some((i) => i.isNew))).toBe(false);
  });

  it('marks nothing new when the same meetings and items were in the last digest', () => {
    const yesterday = buildDigest({ meetings, calendar, date: '2024-06-10' });
    const today = buildDigest({ meetings, calendar, date: '2024-06-11', previous: recordOf(yesterday) });
    expect(today.meetings.some((m) => m.isNew || m.items.some((i) => i.isNew))).toBe(false);
  });

  it('marks a newly published agenda and its items new, and leaves known meetings alone', () => {
    const before = buildDigest({ meetings: without2025(), calendar, date: '2025-04-04' });
    expect(hovedstaden(before.meetings)[0]).toMatchObject({ date: '2025-04-11', status: 'expected', items: [] });
    const after = buildDigest({ meetings, calendar, date: '2025-04-07', previous: recordOf(before) });
    const april = hovedstaden(after.meetings)[0];
    expect(april).toMatchObject({ date: '2025-04-11', status: 'published', isNew: true });
    expect(april?.items.length).toBeGreaterThan(10);
    expect(april?.items.every((i) => i.isNew)).toBe(true);
    const sjaelland = after.meetings.find((m) => m.committee === 'KKR Sjælland');
    expect(sjaelland).toMatchObject({ date: '2025-04-08', isNew: false });
  });

  it('marks expected items new when a new agenda announces them for a meeting already shown', () => {
    const before = buildDigest({ meetings: without2025(), calendar, date: '2025-06-02' });
    expect(hovedstaden(before.meetings)[0]).toMatchObject({ date: '2025-06-18', status: 'expected', items: [] });
    const after = buildDigest({ meetings, calendar, date: '2025-06-03', previous: recordOf(before) });
    const june = hovedstaden(after.meetings)[0];
    expect(june?.isNew).toBe(false);
    expect(june?.items.length).toBeGreaterThan(3);
    expect(june?.items.every((i) => i.isNew)).toBe(true);
    expect(renderDigestText(after)).toContain('Arbejde med international arbejdskraft [NY]');
  });
});

describe('renderDigestText', () => {
  it('writes the expected meeting in Danish with date, time, announcement and items', () => {
    const text = renderDigestText(buildDigest({ meetings, calendar, date: '2024-06-20' }));
    expect(text).toContain('Kommende møder – torsdag den 20. juni 2024');
    expect(text).toContain('KKR Hovedstaden – fredag den 6. september 2024 kl. 10.00-12.00');
    expect(text).toContain('Forventede punkter (varslet på mødet 18. juni 2024):');
    expect(text).toContain('  • Godkendelse af Rammeaftale 2025 – 2026');
  });

  it('says so when no meetings are known', () => {
    expect(renderDigestText(buildDigest({ meetings, calendar, date: '2027-01-01' }))).toContain('Der er ingen kendte kommende møder.');
  });
});
