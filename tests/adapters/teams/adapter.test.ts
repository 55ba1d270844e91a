import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { startTeams, type TeamsAdapter } from '../../../src/adapters/teams/start.js';
import type { AdaptiveCard } from '../../../src/adapters/teams/card.js';
import { TEAMS_CARD_MAX_BYTES } from '../../../src/adapters/teams/limits.js';
import { createLogger } from '../../../src/log.js';
import { BOT, CHANNEL_ID, TEAM_ID, channelCardAction, channelMessage, groupChatMessage, installedInTeam, personalMessage } from '../../stand-ins/teams-activities.js';
import { FakeConnector, type ConnectorCall } from '../../stand-ins/bot-connector.js';
import { tempDir } from '../../helpers/temp-dir.js';
import { SAMPLE_DIGEST as digest } from '../../fixtures/sample-digest.js';

const logger = createLogger('silent');
let engine: AnswerEngine;
let connector: FakeConnector;
let teams: TeamsAdapter;
let dataDir: string;

beforeAll(async () => {
  dataDir = tempDir('moedebot-');
  engine = await openEngine({ corpusDir: 'corpus', dataDir });
  connector = await new FakeConnector().start();
  teams = await startTeams(engine, { port: 0, allowUnauthenticated: true }, logger, { dataDir, host: '127.0.0.1' });
});

afterAll(async () => {
  await teams?.stop();
  await connector?.stop();
});

beforeEach(() => connector.clear());

async function post(activity: Record<string, unknown>, headers: Record<string, string> = {}): Promise<Response> {
  return fetch(`http://127.0.0.1:${teams.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(activity),
  });
}

function cardOf(call: ConnectorCall): AdaptiveCard {
  const attachments = call.body.attachments as Array<{ contentType: string; content: AdaptiveCard }>;
  expect(attachments).toHaveLength(1);
  expect(attachments[0]!.contentType).toBe('application/vnd.microsoft.card.adaptive');
  return attachments[0]!.content;
}

/** Every TextBlock and fact text of a card, in order. */
function texts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'TextBlock' && typeof o.text === 'string') out.push(o.text);
      if (typeof o.title === 'string' && typeof o.value === 'string') out.push(`${o.title}: ${o.value}`);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Buttons and tap targets of a card. */
function actions(card: unknown): Array<{ type: string; title?: string; url?: string; data?: Record<string, unknown> }> {
  const out: Array<{ type: string; title?: string; url?: string; data?: Record<string, unknown> }> = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (typeof o.type === 'string' && o.type.startsWith('Action.')) out.push(o as never);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

describe('Teams adapter over HTTP (local development mode)', () => {
  it('answers an @mention in a channel as a reply in the thread, with the mention stripped', async () => {
    const activity = channelMessage({ serviceUrl: connector.url, text: 'fysioterapi' });
    const res = await post(activity);
    expect(res.status).toBe(200);

    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call.method).toBe('POST');
    expect(call.path).toBe(`/v3/conversations/${CHANNEL_ID};messageid=${activity.id}/activities/${activity.id}`);
    expect(call.body.replyToId).toBe(activity.id);
    // Development mode sends no token, so nothing tried to reach login.microsoftonline.com.
    expect(call.headers.authorization).toBeUndefined();

    const card = cardOf(call);
    const t = texts(card);
    expect(t).toContain('Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(t.some((x) => x.includes('KKR Hovedstaden, møde 11. april 2025 · punkt 3.6 · SAG-2025-01103'))).toBe(true);
    expect(t).toContain('Indstilling');
    expect(t.some((x) => x.includes('Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi'))).toBe(true);
    expect(t.some((x) => /\*\*[^*]*fysioterapi[^*]*\*\*/i.test(x))).toBe(true);

    const buttons = actions(card);
    const open = buttons.find((b) => b.type === 'Action.OpenUrl');
    expect(open?.url).toMatch(/^https:\/\/www\.kl\.dk\//);
    expect(buttons.find((b) => b.title === 'Vis hele punktet')?.data).toEqual({ moedebot: 'item', id: 'kkr-hovedstaden-2025-04-11-3.6' });
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it('stays quiet in a channel when it is not mentioned', async () => {
    const res = await post(channelMessage({ serviceUrl: connector.url, text: 'fysioterapi', mention: false }));
    expect(res.status).toBe(200);
    expect(connector.calls).toHaveLength(0);
  });

  it('answers every message in a personal chat, including an item number with a meeting', async () => {
    const activity = personalMessage({ serviceUrl: connector.url, text: 'punkt 4.3 fra juni 2024' });
    await post(activity);
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]!.path).toBe(`/v3/conversations/a:1personal-chat-mette/activities/${activity.id}`);
    const t = texts(cardOf(connector.calls[0]!));
    expect(t).toContain('Kommunefordeling af flygtninge for 2025');
    expect(t.some((x) => x.includes('18. juni 2024 · punkt 4.3'))).toBe(true);
  });

  it('answers in a group chat without a mention', async () => {
    await post(groupChatMessage({ serviceUrl: connector.url, text: 'fysioterapi' }));
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]!.path).toMatch(/^\/v3\/conversations\/19:gruppechat@thread\.v2\/activities\//);
  });

  it('lists every item of a case number in agenda order', async () => {
    await post(personalMessage({ serviceUrl: connector.url, text: 'SAG-2024-01739' }));
    const card = cardOf(connector.calls[0]!);
    const t = texts(card);
    expect(t[0]).toMatch(/^Sag SAG-2024-01739: \d+ punkter$/);
    const taps = actions(card).filter((a) => a.data?.moedebot === 'item');
    expect(taps.length).toBeGreaterThan(3);
    expect(taps.every((a) => String(a.data!.id).startsWith('kkr-hovedstaden-2024-06-18-'))).toBe(true);
  });

  it('explains itself on "hjælp", naming the @mention in a channel', async () => {
    await post(channelMessage({ serviceUrl: connector.url, text: 'hjælp' }));
    const t = texts(cardOf(connector.calls[0]!));
    expect(t[0]).toBe('Sådan spørger du mødebot');
    expect(t.some((x) => x.includes(`@${BOT.name}`))).toBe(true);
  });

  it('shows the whole item when the card button is pressed in a channel thread', async () => {
    const action = channelCardAction({
      serviceUrl: connector.url,
      value: { moedebot: 'item', id: 'kkr-hovedstaden-2025-04-11-3.6' },
      replyToId: 'card-message-1',
    });
    await post(action);
    expect(connector.calls).toHaveLength(1);
    expect(connector.calls[0]!.path).toBe(`/v3/conversations/${CHANNEL_ID};messageid=${action.id}/activities/${action.id}`);
    const card = cardOf(connector.calls[0]!);
    const t = texts(card);
    expect(t[0]).toBe('Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(t).toEqual(expect.arrayContaining(['Indstilling', 'Sagsfremstilling']));
    expect(t.some((x) => x.startsWith('Punkt: 3.6'))).toBe(true);
    expect(t.some((x) => x.startsWith('Sag: SAG-'))).toBe(true);
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it('pages on "Flere resultater" with the offset from the card', async () => {
    const first = (await engine.ask('kommunerne'));
    expect(first.hasMore).toBe(true);
    await post(personalMessage({ serviceUrl: connector.url, text: 'kommunerne' }));
    const more = actions(cardOf(connector.calls[0]!)).find((a) => a.title === 'Flere resultater');
    expect(more?.data).toEqual({ moedebot: 'more', query: 'kommunerne', offset: first.results.length });

    connector.clear();
    await post(personalMessage({ serviceUrl: connector.url, value: more!.data }));
    const t = texts(cardOf(connector.calls[0]!));
    expect(t[0]).toMatch(/^Flere resultater for «kommunerne» \(5–\d+\)$/);
    const next = (await engine.ask('kommunerne', { offset: first.results.length }));
    const shownIds = actions(cardOf(connector.calls[0]!)).filter((a) => a.data?.moedebot === 'item').map((a) => a.data!.id);
    expect(shownIds).toEqual(next.results.map((h) => h.item.id));
  });

  it('ignores a card value that is not one of its buttons, and treats it as text-less', async () => {
    await post(personalMessage({ serviceUrl: connector.url, value: { something: 'else' } }));
    // No text and no known action: the help card, never an error.
    expect(texts(cardOf(connector.calls[0]!))[0]).toBe('Sådan spørger du mødebot');
  });

  it('refuses what is not an activity', async () => {
    const notJson = await fetch(`http://127.0.0.1:${teams.port}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{',
    });
    expect(notJson.status).toBe(400);
    const get = await fetch(`http://127.0.0.1:${teams.port}/api/messages`);
    expect(get.status).toBe(405);
    const elsewhere = await fetch(`http://127.0.0.1:${teams.port}/`, { method: 'POST' });
    expect(elsewhere.status).toBe(404);
    expect(connector.calls).toHaveLength(0);
  });

  it('posts the digest as a new message in a channel it has seen, and refuses an unknown one', async () => {
    await post(installedInTeam({ serviceUrl: connector.url }));
    await post(channelMessage({ serviceUrl: connector.url, text: 'hjælp' }));
    connector.clear();

    const stored = JSON.parse(fs.readFileSync(path.join(dataDir, 'teams-conversations.json'), 'utf8')) as {
      conversations: Array<{ id: string; serviceUrl: string; kind: string; teamName?: string }>;
    };
    expect(stored.conversations.map((c) => c.id)).toEqual(expect.arrayContaining([CHANNEL_ID, TEAM_ID, 'a:1personal-chat-mette']));
    expect(stored.conversations.find((c) => c.id === TEAM_ID)).toMatchObject({ kind: 'channel', teamName: 'Kommunens KKR-team', serviceUrl: connector.url });

    await teams.digestTarget.post(CHANNEL_ID, digest);
    expect(connector.calls).toHaveLength(1);
    const call = connector.calls[0]!;
    expect(call.path).toBe(`/v3/conversations/${CHANNEL_ID}/activities`);
    expect(call.body.replyToId).toBeUndefined();
    expect(call.headers.authorization).toBeUndefined();
    const t = texts(cardOf(call));
    expect(t[0]).toBe('Kommende møder');
    expect(t.some((x) => x.includes('**1.1** Sundhedsstrukturkommissionens modeller for fremtidens sundhedsvæsen'))).toBe(true);

    await expect(teams.digestTarget.post('19:never-seen@thread.tacv2', digest)).rejects.toThrow(/unknown/);
  });
});
