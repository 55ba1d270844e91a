import { describe, expect, it } from 'vitest';
import { ButtonIds } from '../../src/adapters/discord/custom-ids.js';
import { renderAnswer as discordAnswer } from '../../src/adapters/discord/render-answer.js';
import { renderDigest as discordDigest } from '../../src/adapters/discord/render-digest.js';
import { renderItem as discordItem } from '../../src/adapters/discord/render-item.js';
import { renderAnswer as slackAnswer } from '../../src/adapters/slack/render-answer.js';
import { renderItem as slackItem } from '../../src/adapters/slack/render-item.js';
import { renderAnswer as teamsAnswer } from '../../src/adapters/teams/render-answer.js';
import { renderDigest as teamsDigest } from '../../src/adapters/teams/render-digest.js';
import { renderItem as teamsItem } from '../../src/adapters/teams/render-item.js';
import { renderItemText } from '../../src/adapters/terminal/render-item.js';
import { renderAnswerText } from '../../src/answer/render-text.js';
import { UNSTRUCTURED_NOTE } from '../../src/answer/present.js';
import type { Answer } from '../../src/answer/types.js';
import type { AgendaItem } from '../../src/corpus/types.js';
import { renderDigestText } from '../../src/digest/render-text.js';
import { makeAnswer, makeHit, makeItem } from '../fixtures/sample-answers.js';
import { ITEM_1_1_POINTS, SAMPLE_DIGEST } from '../fixtures/sample-digest.js';
import { mrkdwnTexts } from './slack/slack-limits.js';

/**
 * One presentation on every platform: the decision under the recommendation, minutes marked as
 * such, the publisher with the committee, a note on answers from unstructured documents, the whole
 * item's sections in printed order, no leading blank for unnumbered items, and the digest read whole.
 */

const DECISION = 'Indstillingen blev godkendt. Kommunaldirektøren orienterer byrådet.';

const minutesItem = (overrides: Partial<AgendaItem> = {}): AgendaItem =>
  makeItem({
    id: 'odense-kommune-oekonomiudvalget-2012-09-05-153',
    committee: 'Økonomiudvalget',
    publisher: 'Odense Kommune',
    meetingDate: '2012-09-05',
    kind: 'minutes',
    number: '153',
    title: 'Budget 2013',
    caseNumber: '2012/057275',
    background: 'Magistraten har udarbejdet forslag til budget 2013.',
    recommendation: 'Det indstilles, at Økonomiudvalget anbefaler budgetforslaget.',
    decision: DECISION,
    sections: [
      { heading: 'Sagens kerne', role: 'background', text: 'Magistraten har udarbejdet forslag til budget 2013.' },
      { heading: 'Indstilling', role: 'recommendation', text: 'Det indstilles, at Økonomiudvalget anbefaler budgetforslaget.' },
      { heading: 'Økonomi', role: 'other', text: 'Forslaget er i balance.' },
      { heading: 'Beslutning i Økonomiudvalget den 5. september 2012', role: 'decision', text: DECISION },
    ],
    ...overrides,
  });

function answerOf(item: AgendaItem): Answer {
  return makeAnswer({ query: 'budget 2013', results: [makeHit(item, { snippet: 'forslag til budget 2013', snippetParts: [{ text: 'forslag til budget 2013', match: true }] })] });
}

function everyText(item: AgendaItem): Record<'slack' | 'discord' | 'teams' | 'terminal', string> {
  const answer = answerOf(item);
  return {
    slack: mrkdwnTexts(slackAnswer(answer)).join('\n'),
    discord: JSON.stringify(discordAnswer(answer, { ids: new ButtonIds(), request: { query: 'budget 2013', meeting: '', committee: '' } })),
    teams: JSON.stringify(teamsAnswer(answer)),
    terminal: renderAnswerText(answer),
  };
}

describe('an answer from minutes', () => {
  it('shows the decision under the recommendation on every platform', () => {
    const t = everyText(minutesItem());
    expect(t.slack).toContain(`*Indstilling*\nDet indstilles, at Økonomiudvalget anbefaler budgetforslaget.`);
    expect(t.slack).toContain(`*Beslutning*\n${DECISION}`);
    expect(t.slack.indexOf('*Beslutning*')).toBeGreaterThan(t.slack.indexOf('*Indstilling*'));
    expect(t.discord).toContain(`**Beslutning**\\n${DECISION}`);
    expect(t.discord.indexOf('**Beslutning**')).toBeGreaterThan(t.discord.indexOf('**Indstilling**'));
    expect(t.teams).toContain('"text":"Beslutning"');
    expect(t.teams).toContain(DECISION);
    expect(t.teams.indexOf('"text":"Beslutning"')).toBeGreaterThan(t.teams.indexOf('"text":"Indstilling"'));
    expect(t.terminal).toContain(`Beslutning: ${DECISION}`);
  });

  it('marks the material as minutes and names the publisher with the committee', () => {
    const meeting = 'Økonomiudvalget, Odense Kommune, møde 5. september 2012 (referat)';
    for (const text of Object.values(everyText(minutesItem()))) expect(text).toContain(meeting);
  });

  it('shortens a long decision visibly, with a way to the whole of it', () => {
    const long = `${'Byrådet godkendte budgettet med de ændringer, der fremgår af bilaget. '.repeat(60)}SLUTNING`;
    const t = everyText(minutesItem({ decision: long }));
    expect(t.slack).not.toContain('SLUTNING');
    expect(t.slack).toMatch(/… ?<https:\/\/www\.kl\.dk\/[^|]+\|Læs hele beslutningen i materialet>/);
    expect(t.discord).not.toContain('SLUTNING');
    expect(t.discord).toContain('[Læs hele beslutningen i materialet](https://www.kl.dk/');
    expect(t.teams).not.toContain('SLUTNING');
    expect(t.teams).toContain('…');
  });
});

describe('an answer from a document that could not be split into items', () => {
  it('says so on every platform', () => {
    const item = minutesItem({ unstructured: true, number: '', decision: null, sections: [] });
    for (const text of Object.values(everyText(item))) expect(text).toContain(UNSTRUCTURED_NOTE);
  });
});

describe('an item without a number', () => {
  it('is named by its title alone, with no leading blank', () => {
    const item = minutesItem({ number: '', title: 'Orientering om budget 2013' });
    const answer = answerOf(item);
    const slackTitle = mrkdwnTexts(slackAnswer(answer))[1]!;
    expect(slackTitle).toMatch(/^\*<[^|]+\|Orientering om budget 2013>\*/);
    expect(discordAnswer(answer, { ids: new ButtonIds(), request: { query: 'x', meeting: '', committee: '' } }).embeds[0]!.title).toBe('Orientering om budget 2013');
    expect(renderAnswerText(answer).split('\n')[0]).toBe('Orientering om budget 2013');
    expect(renderItemText(item).split('\n')[0]).toBe('Orientering om budget 2013');
  });
});

describe('the whole item', () => {
  const headings = ['Sagens kerne', 'Indstilling', 'Økonomi', 'Beslutning i Økonomiudvalget den 5. september 2012'];

  /** Where each heading stands, as the platform marks a heading. */
  function inOrder(text: string, mark: (heading: string) => string): number[] {
    return headings.map((h) => text.indexOf(mark(h)));
  }

  it('shows every section in printed order under its own heading on every platform', () => {
    const item = minutesItem();
    const slack = mrkdwnTexts(slackItem(item)).slice(1).join('\n');
    const discord = discordItem(item).embeds.map((e) => `${e.title ?? ''}\n${e.description ?? ''}`).join('\n');
    const teams = JSON.stringify(teamsItem(item));
    const terminal = renderItemText(item);
    const marks: Array<[string, (h: string) => string]> = [
      [slack, (h) => `*${h}*`],
      [discord, (h) => `${h}\n`],
      [teams, (h) => `"text":"${h}"`],
      [terminal, (h) => `${h}:`],
    ];
    for (const [text, mark] of marks) {
      const at = inOrder(text, mark);
      expect(at.every((i) => i >= 0)).toBe(true);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
      expect(text).toContain('Forslaget er i balance.');
    }
    expect(slack).toContain(`*Beslutning i Økonomiudvalget den 5. september 2012*\n${DECISION}`);
  });
});

describe('the sample digest', () => {
  it('reads whole on every platform: item 1.1\'s two points on their own lines, the standing items on one line, the heading in Danish', () => {
    const texts = {
      text: renderDigestText(SAMPLE_DIGEST),
      discord: discordDigest(SAMPLE_DIGEST).map((e) => `${e.title}\n${e.description}`).join('\n'),
      teams: (JSON.stringify(teamsDigest(SAMPLE_DIGEST)).match(/"text":"((?:[^"\\]|\\.)*)"/g) ?? []).map((m) => JSON.parse(`{${m}}`).text as string).join('\n'),
    };
    for (const [platform, text] of Object.entries(texts)) {
      for (const point of ITEM_1_1_POINTS) expect(text, platform).toMatch(new RegExp(`(^|\\n)[ \\t]*${point.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|\\n)`));
      expect(text, platform).toContain('Faste punkter: 2.1 Godkendelse af dagsorden · 2.2 Godkendelse af referat · 7.1 Eventuelt');
      expect(text.match(/Godkendelse af referat/g), platform).toHaveLength(1);
      expect(text, platform).toContain('Møder i de næste 14 dage og som minimum det næste møde i hvert råd');
    }
  });
});
