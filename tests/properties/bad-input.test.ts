import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { ButtonIds } from '../../src/adapters/discord/custom-ids.js';
import { renderAnswer as renderDiscord } from '../../src/adapters/discord/render-answer.js';
import { renderItem as renderDiscordItem } from '../../src/adapters/discord/render-item.js';
import { renderAnswer as renderSlack } from '../../src/adapters/slack/render-answer.js';
import { renderItem as renderSlackItem } from '../../src/adapters/slack/render-item.js';
import { TEAMS_CARD_MAX_BYTES, cardBytes } from '../../src/adapters/teams/limits.js';
import { renderAnswer as renderTeams } from '../../src/adapters/teams/render-answer.js';
import { renderItem as renderTeamsItem } from '../../src/adapters/teams/render-item.js';
import { renderItemText } from '../../src/adapters/terminal/render-item.js';
import { markBold, terminalText, typedText } from '../../src/adapters/terminal/terminal-text.js';
import { openEngine } from '../../src/answer/engine.js';
import { QUOTE_MAX, quoteQuestion } from '../../src/answer/quote.js';
import { renderAnswerText } from '../../src/answer/render-text.js';
import type { Answer, AnswerEngine } from '../../src/answer/types.js';
import { makeAnswer, makeHit, makeItem } from '../fixtures/sample-answers.js';
import { SAMPLE_DIGEST } from '../fixtures/sample-digest.js';
import { renderNotice as renderSlackNotice } from '../../src/adapters/slack/render-notice.js';
import { renderWatchMatch as renderSlackWatch } from '../../src/adapters/slack/render-watch.js';
import { renderDigest as renderSlackDigest } from '../../src/adapters/slack/render-digest.js';
import { renderNotice as renderDiscordNotice } from '../../src/adapters/discord/render-notice.js';
import { renderWatchMatch as renderDiscordWatch } from '../../src/adapters/discord/render-watch.js';
import { packDigest, renderDigest as renderDiscordDigest } from '../../src/adapters/discord/render-digest.js';
import { renderNotice as renderTeamsNotice } from '../../src/adapters/teams/render-notice.js';
import { renderWatchMatch as renderTeamsWatch } from '../../src/adapters/teams/render-watch.js';
import { renderDigest as renderTeamsDigest } from '../../src/adapters/teams/render-digest.js';
import { renderWatchText } from '../../src/adapters/terminal/render-watch.js';
import { renderDigestText } from '../../src/digest/render-text.js';
import { shortenRecommendation } from '../../src/digest/shorten.js';
import { openChat } from '../../src/conversation/chat-services.js';
import { parseWatchCommand } from '../../src/conversation/commands.js';
import { feedbackThanks, noMoreResultsText, watchAdded, watchList, watchUnknown } from '../../src/answer/texts.js';
import { interpretFollowUp } from '../../src/conversation/follow-up.js';
import type { ChatServices } from '../../src/conversation/chat-services.js';
import { limitViolations, markupViolations } from '../adapters/slack/slack-limits.js';
import { expectWithinDiscordLimits } from '../adapters/discord/limits.js';
import { tempDir } from '../helpers/temp-dir.js';

/**
 * Whatever a user types or an agenda holds (control characters, escape sequences, RTL overrides,
 * NUL, lone surrogates, 10,000 characters, nothing but punctuation), the engine answers without
 * throwing, every platform's message stays within its limits, the terminal gets no control
 * sequences but its own bold, and a reply repeats at most a short part of the question.
 */

const NASTY = ['\u0000', '\u0007', '\u001b', '\u001b[2J', '\u001b]0;title\u0007', '\u009b31m', '\u202e', '\u2066', '\u200f', '\r', '\t', '\n', '\ud800', '\udfff', '\ufeff', '\ufdd0', '<!channel>', '<@U0BOSS>', '&amp;', '*_~`', '@everyone', '**', '||', '|', 'SAG-2025-01103', 'punkt 3.6', 'juni 2024', 'fysioterapi', 'æøå', '👩‍👩‍👧', 'ﷺ', 'א', ' '];
const anyUnit = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 300 });
const punctuation = fc.string({ unit: fc.constantFrom(...'.,;:!?-–—()[]{}"\'«»*_~`|<>&@#%/\\^'.split('')), maxLength: 400 });
const pieces = fc.array(fc.oneof(fc.constantFrom(...NASTY), fc.string({ maxLength: 20 }), anyUnit), { maxLength: 30 }).map((p) => p.join(''));
const long = fc.tuple(fc.constantFrom('fysioterapi ', 'ø', '\u001b[1m', 'a', '. '), fc.integer({ min: 2000, max: 10_000 })).map(([s, n]) => s.repeat(Math.ceil(n / s.length)).slice(0, n));
const question = fc.oneof(pieces, anyUnit, punctuation, long, fc.string({ unit: 'binary', maxLength: 200 }));

/** Control characters a terminal acts on; the chat's own bold on/off is the only sequence allowed. */
const TERMINAL_CONTROL = /[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

function terminalViolations(text: string): string | undefined {
  const withoutBold = text.replace(/\u001b\[(?:1|22)m/g, '');
  return TERMINAL_CONTROL.exec(withoutBold)?.[0];
}

let engine: AnswerEngine;
let chat: ChatServices;
beforeAll(async () => {
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir() });
  chat = (await openChat({ engine, dataDir: tempDir(), threadContextHours: 24 })).chat;
});

function checkAllRenderers(answer: Answer, q: string): void {
  const links = answer.results.flatMap((h) => [h.link, h.item.link, ...h.earlier.map((e) => e.link)]).filter((l): l is string => l !== undefined);
  // With everything an answer can carry: feedback, sharing, a follow-up note quoting the user, who shared it.
  for (const options of [{ command: '/dagsorden' }, { command: '/dagsorden', share: true, followUp: q, sharedBy: 'U0ASKER' }]) {
    const slack = renderSlack(answer, options);
    expect(limitViolations(slack)).toEqual([]);
    // "Delt af @asker" is the one mention the bot writes on purpose.
    expect(markupViolations(slack, links).filter((v) => v !== 'control sequence <@U0ASKER>')).toEqual([]);
  }
  const request = { query: q, meeting: '', committee: '' };
  expectWithinDiscordLimits(renderDiscord(answer, { ids: new ButtonIds(), request }));
  expectWithinDiscordLimits(renderDiscord(answer, { ids: new ButtonIds(), request, share: true, followUp: q, sharedBy: '555555555555555555' }));
  expect(cardBytes(renderTeams(answer))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  expect(cardBytes(renderTeams(answer, { followUp: q }))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  for (const bold of [true, false]) expect(terminalViolations(terminalText(renderAnswerText(answer, markBold), bold))).toBeUndefined();
}

/** A notice of the core's (which can quote what a user typed) on every platform. */
function checkNotice(text: string): void {
  const slack = renderSlackNotice(text);
  expect(limitViolations(slack)).toEqual([]);
  expect(markupViolations(slack, [])).toEqual([]);
  expectWithinDiscordLimits(renderDiscordNotice(text));
  expect(cardBytes(renderTeamsNotice(text))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  expect(terminalViolations(terminalText(text, true))).toBeUndefined();
}

describe('bad input', () => {
  test.prop([question])('the engine answers any question without throwing, and every renderer keeps its limits', async (q) => {
    const answer = (await engine.ask(q));
    expect(['found', 'not-found', 'invalid']).toContain(answer.status);
    // A reply quotes at most a short part of the question.
    if (answer.message !== undefined) expect(answer.message.length).toBeLessThanOrEqual(300);
    checkAllRenderers(answer, q);
    const more = (await engine.ask(q, { offset: 4 }));
    checkAllRenderers(more, q);
  });

  test.prop([question])('the terminal chat turns a typed line into a question with no control characters', (line) => {
    const typed = typedText(line);
    expect(terminalViolations(typed)).toBeUndefined();
    expect(typed).not.toMatch(/[\n\ufdd0\ufdd1]/);
  });

  test.prop([fc.record({ title: question, recommendation: question, background: question, presentation: question, caseNumber: question, snippet: question })])(
    'material with any text renders within every platform’s limits',
    (t) => {
      const item = makeItem({ title: t.title, recommendation: t.recommendation, background: t.background, presentation: t.presentation, caseNumber: t.caseNumber });
      const answer = makeAnswer({ query: t.title, results: [makeHit(item, { snippet: t.snippet, snippetParts: [{ text: t.snippet, match: true }] }), makeHit(makeItem({ number: '3.7', title: t.snippet }))] });
      checkAllRenderers(answer, t.title);
      expect(limitViolations(renderSlackItem(item))).toEqual([]);
      expectWithinDiscordLimits(renderDiscordItem(item));
      expect(cardBytes(renderTeamsItem(item))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
      expect(terminalViolations(terminalText(renderItemText(item), true))).toBeUndefined();
    },
  );

  test.prop([question])('a quoted question is short and never splits a character in two', (q) => {
    const quoted = quoteQuestion(q);
    expect(Array.from(quoted).length).toBeLessThanOrEqual(QUOTE_MAX);
    // Lone surrogates only when the question had them (seed -198629635 ended in one).
    if (!LONE_SURROGATE.test(q)) expect(quoted).not.toMatch(LONE_SURROGATE);
  });

  test.prop([question, question])('a thread answers any follow-up after any question, and every reply renders within its limits', async (first, second) => {
    const place = { platform: 'slack' as const, channel: 'C0PROP', thread: 'T0PROP' };
    await chat.conversation.reply({ text: first, place, threaded: true });
    const reply = await chat.conversation.reply({ text: second, place, threaded: true });
    if (reply.kind === 'answer') checkAllRenderers(reply.answer, second);
    if (reply.kind === 'notice') checkNotice(reply.text);
    if (reply.kind === 'item') {
      expect(limitViolations(renderSlackItem(reply.item))).toEqual([]);
      expectWithinDiscordLimits(renderDiscordItem(reply.item));
      expect(cardBytes(renderTeamsItem(reply.item))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    }
  }, 20_000);

  test.prop([question])('watch commands and follow-ups read any text without throwing, and the replies about them keep their limits', (text) => {
    const command = parseWatchCommand(text);
    if (command && command.kind !== 'list') expect(command.topic.trim()).not.toBe('');
    interpretFollowUp(text, { question: text, mode: 'search', filters: {}, offset: 0, shown: 1, hasMore: true, itemIds: ['x'], at: '2025-01-01T00:00:00Z' }, { committees: ['KKR Hovedstaden'] });
    for (const notice of [text, watchAdded(text, text), watchList([text, text]), watchUnknown(text, [text]), feedbackThanks('down'), noMoreResultsText(text)]) checkNotice(notice);
  });

  test.prop([fc.record({ topic: question, title: question, recommendation: question, decision: question })])('a topic-watch post of any material renders within every platform’s limits', (t) => {
    const hits = [makeHit(makeItem({ title: t.title, recommendation: t.recommendation, decision: t.decision })), makeHit(makeItem({ number: '', title: t.decision, kind: 'minutes', publisher: t.title }))];
    const match = { topic: t.topic, hits };
    const slack = renderSlackWatch(match);
    expect(limitViolations(slack)).toEqual([]);
    expect(markupViolations(slack, hits.flatMap((h) => [h.link, h.item.link]).filter((l): l is string => l !== undefined))).toEqual([]);
    expectWithinDiscordLimits(renderDiscordWatch(match, new ButtonIds()));
    expect(cardBytes(renderTeamsWatch(match))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(terminalViolations(terminalText(renderWatchText(match), true))).toBeUndefined();
  });

  test.prop([fc.record({ committee: question, title: question, recommendation: question, heading: question, text: question })])('a digest and a whole item of any text render within every platform’s limits', (t) => {
    const [meeting, expected] = SAMPLE_DIGEST.meetings as [(typeof SAMPLE_DIGEST.meetings)[number], (typeof SAMPLE_DIGEST.meetings)[number]];
    const digest = {
      ...SAMPLE_DIGEST,
      meetings: [
        { ...meeting, committee: t.committee, items: [...meeting.items, { number: '9.9', title: t.title, recommendation: shortenRecommendation(t.recommendation), isNew: true }, { title: t.title, isNew: false, standing: true }] },
        expected,
      ],
    };
    expect(limitViolations(renderSlackDigest(digest))).toEqual([]);
    for (const message of packDigest(renderDiscordDigest(digest))) expectWithinDiscordLimits({ embeds: message });
    expect(cardBytes(renderTeamsDigest(digest))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(terminalViolations(terminalText(renderDigestText(digest), true))).toBeUndefined();

    const item = makeItem({ sections: Array.from({ length: 60 }, (_, i) => ({ heading: i % 2 ? t.heading : '', role: i % 7 === 0 ? 'decision' : 'other', text: t.text })), decision: t.text });
    expect(limitViolations(renderSlackItem(item))).toEqual([]);
    expectWithinDiscordLimits(renderDiscordItem(item));
    expect(cardBytes(renderTeamsItem(item))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(terminalViolations(terminalText(renderItemText(item), true))).toBeUndefined();
  });

  it('cuts a long question of emoji between characters', () => {
    expect(quoteQuestion('😀'.repeat(70))).toBe(`${'😀'.repeat(QUOTE_MAX - 1)}…`);
    expect(quoteQuestion(`${'a'.repeat(70)}\ud800`)).toBe(`${'a'.repeat(QUOTE_MAX - 1)}…`);
  });

  // Found by the property above (seeds 1483573725 and -136669605): a case number of thousands of
  // escape sequences made the Teams cards too large at every level, and rendering threw.
  it('renders material with a 10,000-character case number of escape sequences', () => {
    const item = makeItem({ title: 'fysioterapi '.repeat(170), recommendation: '', background: '', presentation: '', caseNumber: '\u001b[1m'.repeat(2500) });
    const answer = makeAnswer({ query: item.title, results: [makeHit(item, { snippet: '\u0000'.repeat(8), snippetParts: [{ text: '\u0000'.repeat(8), match: true }] }), makeHit(makeItem({ number: '3.7' }))] });
    checkAllRenderers(answer, item.title);
    const whole = makeItem({ title: '', recommendation: 'fysioterapi '.repeat(170), presentation: 'fysioterapi '.repeat(170), caseNumber: '\u001b[1m'.repeat(2000) });
    expect(cardBytes(renderTeamsItem(whole))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it('quotes at most a short part of a 2,000-character question when nothing is found', async () => {
    const q = `${'zqxv '.repeat(399)}zqxv`;
    const answer = (await engine.ask(q));
    expect(answer.status).toBe('not-found');
    expect(answer.message!.length).toBeLessThan(QUOTE_MAX + 60);
  });
});
