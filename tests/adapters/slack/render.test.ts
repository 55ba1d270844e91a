import { fc, test as propTest } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_MORE_RESULTS, ACTION_SHARE, ACTION_SHOW_ITEM, decodeAskRequest, decodeFeedback } from '../../../src/adapters/slack/action-ids.js';
import { SLACK_LIMITS } from '../../../src/adapters/slack/limits.js';
import { renderAnswer } from '../../../src/adapters/slack/render-answer.js';
import { renderHelp } from '../../../src/adapters/slack/render-help.js';
import { renderItem } from '../../../src/adapters/slack/render-item.js';
import { renderError } from '../../../src/adapters/slack/render-notice.js';
import { HELP_TITLE } from '../../../src/answer/help.js';
import { EVIL, MATERIAL_URL, makeAnswer, makeHit, makeItem, manyHits } from '../../fixtures/sample-answers.js';
import { limitViolations, markupViolations, mrkdwnTexts } from './slack-limits.js';

type Json = Record<string, any>;

function buttons(blocks: readonly unknown[]): Json[] {
  return (blocks as Json[]).flatMap((b) => [...(b.type === 'actions' ? b.elements : []), ...(b.accessory ? [b.accessory] : [])]);
}

describe('renderAnswer', () => {
  it('leads with the item, its recommendation, the answering sentence and a link to the material', () => {
    const message = renderAnswer(makeAnswer());
    const [title, recommendation, snippet] = message.blocks as Json[];
    expect(title!.text.text).toBe(
      `*<${MATERIAL_URL}|3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi>*\nKKR Hovedstaden, møde 11. april 2025 · SAG-2025-01103`,
    );
    expect(recommendation!.text.text).toBe(
      '*Indstilling*\nDet indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.',
    );
    expect(snippet!.text.text).toContain('fælles plan for *fysioterapipraksis* de kommende år.');
    expect(buttons(message.blocks).map((b) => b.text.text)).toEqual(['Vis hele punktet', 'Åbn materialet', '👍', '👎']);
    expect(buttons(message.blocks)[0]!).toMatchObject({ action_id: ACTION_SHOW_ITEM, value: 'kkr-hovedstaden-2025-04-11-3.6' });
    const [up, down] = buttons(message.blocks).slice(2);
    expect(up).toMatchObject({ action_id: ACTION_FEEDBACK_UP });
    expect(down).toMatchObject({ action_id: ACTION_FEEDBACK_DOWN });
    expect(decodeFeedback(down!.value)).toEqual({ query: 'fysioterapi', itemId: 'kkr-hovedstaden-2025-04-11-3.6' });
    expect(message.text).toContain('3.6 Forslag til revision');
    expect(limitViolations(message)).toEqual([]);
  });

  it('escapes &, < and > in agenda text so nothing can ping a channel or form a link', () => {
    const item = makeItem({ title: `Titel ${EVIL}`, recommendation: `Det indstilles, at ${EVIL}` });
    const hit = makeHit(item, { snippet: EVIL, snippetParts: [{ text: EVIL, match: false }] });
    const message = renderAnswer(makeAnswer({ results: [hit], message: EVIL, query: EVIL }));
    // Button values come back to the app and are never shown, so only what is shown is checked.
    const json = JSON.stringify(message, (key, value: unknown) => (key === 'value' ? undefined : value));
    expect(json).not.toContain('<!channel>');
    expect(json).not.toContain('<http://evil');
    expect(json).not.toContain('<@U0BOSS>');
    expect(json).toContain('&lt;!channel&gt; &amp; &lt;http://evil.example|klik her&gt;');
    expect(json).toContain('&amp;amp;');
    expect(markupViolations(message, [MATERIAL_URL])).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it('marks every mrkdwn text verbatim so Slack does not link or mention on its own', () => {
    const message = renderAnswer(makeAnswer({ results: manyHits(3) }));
    for (const block of message.blocks as Json[]) {
      if (block.type === 'section') expect(block.text.verbatim).toBe(true);
      if (block.type === 'context') for (const e of block.elements) expect(e.verbatim).toBe(true);
    }
  });

  it('links only to http(s) material, never to another scheme', () => {
    const item = makeItem({ link: 'javascript:alert(1)' });
    const message = renderAnswer(makeAnswer({ results: [makeHit(item, { link: 'file:///etc/passwd' })] }));
    expect(JSON.stringify(message)).not.toMatch(/javascript:|file:/);
    expect(buttons(message.blocks).map((b) => b.text.text)).toEqual(['Vis hele punktet', '👍', '👎']);
  });

  it('cuts a very long recommendation to 3000 characters and links to the full material', () => {
    const long = 'Det indstilles, at KKR Hovedstaden & regionen <godkender> planen. '.repeat(400);
    const message = renderAnswer(makeAnswer({ results: [makeHit(makeItem({ recommendation: long }))] }));
    const recommendation = (message.blocks as Json[])[1]!.text.text as string;
    expect(recommendation.length).toBeLessThanOrEqual(SLACK_LIMITS.sectionText);
    expect(recommendation.length).toBeGreaterThan(2500);
    expect(recommendation.endsWith(`…<${MATERIAL_URL}|Læs hele indstillingen i materialet>`) || recommendation.endsWith(`… <${MATERIAL_URL}|Læs hele indstillingen i materialet>`)).toBe(true);
    // The cut never splits an escape such as &amp;.
    expect(recommendation).not.toMatch(/&(a|am|l|g)?…/);
    expect(message.text.length).toBeLessThanOrEqual(SLACK_LIMITS.fallbackText);
    expect(limitViolations(message)).toEqual([]);
  });

  it('keeps 100 results within 50 blocks and offers the rest through "Flere resultater"', () => {
    const message = renderAnswer(makeAnswer({ results: manyHits(100), hasMore: true }));
    expect(message.blocks.length).toBeLessThanOrEqual(SLACK_LIMITS.blocksPerMessage);
    expect(limitViolations(message)).toEqual([]);
    const shownItems = new Set(
      buttons(message.blocks)
        .filter((b) => b.action_id === ACTION_SHOW_ITEM)
        .map((b) => b.value),
    );
    const more = buttons(message.blocks).find((b) => b.action_id === ACTION_MORE_RESULTS);
    expect(decodeAskRequest(more?.value)).toEqual({ query: 'fysioterapi', offset: shownItems.size });
    expect(JSON.stringify(message.blocks)).toContain(`${100 - shownItems.size} punkter mere er ikke vist her.`);
  });

  it('lists every item of a case, each with its own "Vis punktet" button', () => {
    const results = manyHits(12).map((h) => ({ ...h, item: { ...h.item, caseNumber: 'SAG-2024-01739' } }));
    const message = renderAnswer(makeAnswer({ mode: 'case', query: 'SAG-2024-01739', results }));
    expect((message.blocks as Json[])[0]!.text.text).toContain('*Sag SAG-2024-01739 · 12 punkter*');
    expect(buttons(message.blocks).filter((b) => b.action_id === ACTION_SHOW_ITEM)).toHaveLength(12);
    expect(buttons(message.blocks).some((b) => b.action_id === ACTION_MORE_RESULTS)).toBe(false);
    expect(limitViolations(message)).toEqual([]);
  });

  it('leaves out "Flere resultater" when the question is too long for a button value', () => {
    const query = 'fysioterapi '.repeat(200);
    const message = renderAnswer(makeAnswer({ query, results: manyHits(4), hasMore: true }));
    expect(buttons(message.blocks).some((b) => b.action_id === ACTION_MORE_RESULTS)).toBe(false);
    expect(limitViolations(message)).toEqual([]);
  });

  it('shows the message and the suggestions when nothing was found', () => {
    const message = renderAnswer(
      makeAnswer({
        status: 'not-found',
        results: [],
        message: 'Jeg fandt ikke noget punkt, der svarer godt på "xyzzy".',
        suggestions: ['Prøv med færre ord.', 'Søg på et sagsnummer, fx SAG-2025-01103.'],
      }),
      { command: '/kkr' },
    );
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('Jeg fandt ikke noget punkt, der svarer godt på "xyzzy".');
    expect(texts).toContain('• Prøv med færre ord.');
    expect(texts).toContain('• Søg på et sagsnummer, fx SAG-2025-01103.');
    expect(texts).toContain('/kkr hjælp');
    expect(message.text).toContain('xyzzy');
    expect(limitViolations(message)).toEqual([]);
  });

  it('notes how the question was narrowed and the core\'s remark above the answer', () => {
    const message = renderAnswer(makeAnswer({ filters: { label: 'juni 2024' }, message: 'Ingen punkter i juni 2024; viser andre møder.' }));
    expect((message.blocks as Json[])[0]).toEqual({
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: 'Afgrænset til juni 2024', verbatim: true },
        { type: 'mrkdwn', text: '_Ingen punkter i juni 2024; viser andre møder._', verbatim: true },
      ],
    });
  });

  it('offers "Del i kanalen" under an answer only the asker sees, carrying the question and its filters, and notes a follow-up', () => {
    const filters = { dateFrom: '2024-01-01', dateTo: '2024-12-31', label: '2024' };
    const message = renderAnswer(makeAnswer({ filters }), { share: true, followUp: 'fysioterapi · 2024' });
    const share = buttons(message.blocks).find((b) => b.action_id === ACTION_SHARE);
    expect(share).toMatchObject({ text: { text: 'Del i kanalen' }, style: 'primary' });
    expect(decodeAskRequest(share!.value)).toEqual({ query: 'fysioterapi', offset: 0, filters });
    expect(mrkdwnTexts(message).join('\n')).toContain('Opfølgning på tråden: fysioterapi · 2024');
    expect(buttons(renderAnswer(makeAnswer()).blocks).some((b) => b.action_id === ACTION_SHARE)).toBe(false);
    expect(limitViolations(message)).toEqual([]);
  });

  it('says there are no more results when a later page is empty', () => {
    const message = renderAnswer(makeAnswer({ status: 'not-found', results: [], offset: 4 }));
    expect(message.text).toBe('Der er ikke flere resultater for «fysioterapi».');
  });

  propTest.prop([fc.string({ maxLength: 4000 }), fc.string({ maxLength: 400 }), fc.array(fc.string({ maxLength: 300 }), { maxLength: 60 })], {
    numRuns: 60,
  })('stays within the limits and free of smuggled markup for any agenda text', (recommendation, title, snippets) => {
    const results = [recommendation, ...snippets].map((s, i) =>
      makeHit(makeItem({ number: `1.${i + 1}`, title: title || 'x', recommendation: s }), {
        snippet: s,
        snippetParts: [
          { text: s.slice(0, 10), match: false },
          { text: s.slice(10, 20), match: true },
          { text: s.slice(20), match: false },
        ],
      }),
    );
    const message = renderAnswer(makeAnswer({ query: title, results, hasMore: true, message: title || undefined }));
    expect(limitViolations(message)).toEqual([]);
    expect(markupViolations(message, [MATERIAL_URL])).toEqual([]);
  });
});

describe('renderItem', () => {
  it('shows background, recommendation, presentation, attachments and links of the item', () => {
    const item = makeItem({ links: ['https://www.regionh.dk/praksisplan?a=1&b=2'] });
    const message = renderItem(item);
    const texts = mrkdwnTexts(message).join('\n');
    expect(texts).toContain('*Baggrund*\nMed den nye overenskomst');
    expect(texts).toContain('*Indstilling*\nDet indstilles');
    expect(texts).toContain('*Sagsfremstilling*\nPraksisplan');
    expect(texts).toContain('*Bilag*\n• Revision af praksisplan kapitel 1 vedrørende kapacitet');
    expect(texts).toContain('<https://www.regionh.dk/praksisplan?a=1&amp;b=2|https://www.regionh.dk/praksisplan?a=1&amp;b=2>');
    expect(texts).toContain('sagsbehandler ascm');
    expect(markupViolations(message, [MATERIAL_URL, 'https://www.regionh.dk/praksisplan?a=1&b=2'])).toEqual([]);
    expect(limitViolations(message)).toEqual([]);
  });

  it('cuts every long section and a list of 300 attachments to the limits', () => {
    const item = makeItem({
      background: `${EVIL} `.repeat(300),
      recommendation: 'Det indstilles, at '.repeat(500),
      presentation: 'ø'.repeat(10_000),
      attachments: Array.from({ length: 300 }, (_, i) => `Bilag ${i + 1}: ${EVIL}`),
      links: Array.from({ length: 200 }, (_, i) => `https://example.dk/${i}`),
    });
    const message = renderItem(item);
    expect(limitViolations(message)).toEqual([]);
    expect(markupViolations(message, [MATERIAL_URL, ...item.links])).toEqual([]);
    for (const t of mrkdwnTexts(message).slice(2)) {
      if (t.length > 2900) expect(t).toMatch(/Læs resten i materialet>|Se alle bilag i materialet>|Se alle links i materialet>/);
    }
  });
});

describe('renderHelp and renderError', () => {
  it('explains usage with examples under the configured command', () => {
    const message = renderHelp('/kkr');
    expect((message.blocks as Json[])[0]).toEqual({ type: 'header', text: { type: 'plain_text', text: HELP_TITLE, emoji: true } });
    expect(mrkdwnTexts(message).join('\n')).toContain('`/kkr hvad indstilles der om fysioterapi?`');
    expect(limitViolations(message)).toEqual([]);
  });

  it('tells the user something went wrong in one Danish sentence with the error id, nothing more', () => {
    const message = renderError('K7Q2XM');
    expect(message.text).toBe('Beklager, noget gik galt, da jeg skulle svare. Prøv igen om lidt. (Fejl-id: K7Q2XM)');
    expect(limitViolations(message)).toEqual([]);
  });
});
