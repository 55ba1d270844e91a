import { describe, expect, it } from 'vitest';
import { renderDigest } from '../../../src/adapters/slack/render-digest.js';
import { SLACK_LIMITS } from '../../../src/adapters/slack/limits.js';
import type { Digest, DigestMeeting } from '../../../src/digest/types.js';
import { EVIL, MATERIAL_URL } from '../../fixtures/sample-answers.js';
import { ITEM_1_1_POINTS, SAMPLE_DIGEST } from '../../fixtures/sample-digest.js';
import { limitViolations, markupViolations, mrkdwnTexts } from './slack-limits.js';

type Json = Record<string, any>;

function meeting(overrides: Partial<DigestMeeting> = {}): DigestMeeting {
  return {
    committee: 'KKR Hovedstaden',
    date: '2025-04-11',
    time: '10.00-12.00',
    status: 'published',
    link: MATERIAL_URL,
    isNew: false,
    items: [
      {
        number: '3.6',
        title: 'Forslag til revision af kapacitetsdel af praksisplan for fysioterapi',
        recommendation: 'Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.',
        link: MATERIAL_URL,
        id: 'kkr-hovedstaden-2025-04-11-3.6',
        isNew: true,
      },
    ],
    ...overrides,
  };
}

describe('renderDigest', () => {
  it('shows each meeting with its day, time, status and items linked to the material', () => {
    const message = renderDigest({ date: '2025-04-07', windowDays: 14, meetings: [meeting({ isNew: true })] });
    expect((message.blocks as Json[])[0]).toMatchObject({ type: 'header', text: { type: 'plain_text', text: 'Kommende møder' } });
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('mandag den 7. april 2025 · Møder i de næste 14 dage og som minimum det næste møde i hvert råd');
    expect(texts).toContain(`*<${MATERIAL_URL}|KKR Hovedstaden>* · fredag den 11. april 2025 kl. 10.00-12.00\nNy dagsorden er offentliggjort.`);
    expect(texts).toContain(`• *Nyt* <${MATERIAL_URL}|3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi> — _Det indstilles`);
    expect(message.text).toBe('Kommende møder: KKR Hovedstaden 11. april 2025 (1 punkt)');
    expect(limitViolations(message)).toEqual([]);
  });

  it('reads the sample digest whole: both points of item 1.1 on their own lines, standing items on one line', () => {
    const texts = mrkdwnTexts(renderDigest(SAMPLE_DIGEST)).join('\n');
    for (const point of ITEM_1_1_POINTS) expect(texts).toContain(`\n      _${point}_`);
    expect(texts).toContain('• Faste punkter: 2.1 Godkendelse af dagsorden · 2.2 Godkendelse af referat · 7.1 Eventuelt');
    expect(texts.match(/Godkendelse af dagsorden/g)).toHaveLength(1);
    expect(texts).not.toContain('7.1 Eventuelt>');
    expect(texts).toContain('3.1 Siden sidst');
  });

  it('says when an agenda is not published yet and lists the expected items', () => {
    const message = renderDigest({
      date: '2025-06-01',
      windowDays: 14,
      meetings: [meeting({ date: '2025-06-13', status: 'expected', items: [{ title: 'Budget 2026', isNew: false }] })],
    });
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('Dagsordenen er ikke offentliggjort endnu.');
    expect(texts).toContain('*Forventede punkter*\n• Budget 2026');
  });

  it('says so when no meetings are ahead', () => {
    const message = renderDigest({ date: '2025-07-01', windowDays: 14, meetings: [] });
    expect(message.text).toBe('Kommende møder 1. juli 2025: Der er ingen kendte kommende møder.');
    expect(limitViolations(message)).toEqual([]);
  });

  it('keeps 40 meetings of 60 long items each within the limits, counting those left out', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({
      number: `${i + 1}.1`,
      title: `Punkt ${i + 1} ${EVIL}`,
      recommendation: `Det indstilles, at ${EVIL} `.repeat(20),
      link: MATERIAL_URL,
      isNew: i % 2 === 0,
    }));
    const digest: Digest = {
      date: '2025-04-07',
      windowDays: 14,
      meetings: Array.from({ length: 40 }, (_, i) => meeting({ committee: `KKR ${i} ${EVIL}`, items })),
    };
    const message = renderDigest(digest);
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(limitViolations(message)).toEqual([]);
    expect(markupViolations(message, [MATERIAL_URL])).toEqual([]);
    expect(JSON.stringify(message.blocks)).toMatch(/\d+ møder mere er ikke vist her\./);
    expect(JSON.stringify(message.blocks)).toContain('Se hele dagsordenen');
  });
});
