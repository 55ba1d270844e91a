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
beforeAll(async () => {
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir() });
});

function checkAllRenderers(answer: Answer, q: string): void {
  const slack = renderSlack(answer, { command: '/dagsorden' });
  expect(limitViolations(slack)).toEqual([]);
  const links = answer.results.flatMap((h) => [h.link, h.item.link, ...h.earlier.map((e) => e.link)]).filter((l): l is string => l !== undefined);
  expect(markupViolations(slack, links)).toEqual([]);
  expectWithinDiscordLimits(renderDiscord(answer, { ids: new ButtonIds(), request: { query: q, meeting: '', committee: '' } }));
  expect(cardBytes(renderTeams(answer))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  for (const bold of [true, false]) expect(terminalViolations(terminalText(renderAnswerText(answer, markBold), bold))).toBeUndefined();
}

describe('bad input', () => {
  test.prop([question])('the engine answers any question without throwing, and every renderer keeps its limits', (q) => {
    const answer = engine.ask(q);
    expect(['found', 'not-found', 'invalid']).toContain(answer.status);
    // A reply quotes at most a short part of the question.
    if (answer.message !== undefined) expect(answer.message.length).toBeLessThanOrEqual(300);
    checkAllRenderers(answer, q);
    const more = engine.ask(q, { offset: 4 });
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

  it('quotes at most a short part of a 2,000-character question when nothing is found', () => {
    const q = `${'zqxv '.repeat(399)}zqxv`;
    const answer = engine.ask(q);
    expect(answer.status).toBe('not-found');
    expect(answer.message!.length).toBeLessThan(QUOTE_MAX + 60);
  });
});
