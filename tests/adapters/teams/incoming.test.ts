import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { mentionsBot, questionText } from '../../../src/adapters/teams/incoming-text.js';
import { FileConversationStore, baseConversationId, conversationOf } from '../../../src/adapters/teams/conversation-store.js';
import { parseCardAction } from '../../../src/adapters/teams/card-actions.js';
import { BOT, CHANNEL_ID, channelMessage, installedInTeam, personalMessage } from '../../stand-ins/teams-activities.js';
import { pino } from 'pino';
import { tempDir } from '../../helpers/temp-dir.js';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';

describe('questionText', () => {
  it('strips the bot mention and keeps the question', () => {
    expect(questionText(channelMessage({ serviceUrl, text: 'punkt 4.3 fra juni 2024' }) as never)).toBe('punkt 4.3 fra juni 2024');
  });

  it("keeps other people's names and drops markup and entities", () => {
    const msg = {
      text: '<at>mødebot</at> hvad sagde <at>Jens Olsen</at> om&nbsp;<b>fysioterapi</b>?',
      recipient: BOT,
      entities: [
        { type: 'mention', mentioned: BOT, text: '<at>mødebot</at>' },
        { type: 'mention', mentioned: { id: '29:jens', name: 'Jens Olsen' }, text: '<at>Jens Olsen</at>' },
      ],
    };
    expect(questionText(msg)).toBe('hvad sagde Jens Olsen om fysioterapi ?');
    expect(mentionsBot(msg)).toBe(true);
  });

  it('only counts a mention of the bot itself', () => {
    const msg = { text: '<at>Jens</at> fysioterapi', recipient: BOT, entities: [{ type: 'mention', mentioned: { id: '29:jens' }, text: '<at>Jens</at>' }] };
    expect(mentionsBot(msg)).toBe(false);
    expect(mentionsBot(channelMessage({ serviceUrl, text: 'x', mention: false }) as never)).toBe(false);
  });
});

describe('parseCardAction', () => {
  it('accepts our buttons and nothing else', () => {
    expect(parseCardAction({ moedebot: 'more', query: 'fysioterapi', offset: 4 })).toEqual({ moedebot: 'more', query: 'fysioterapi', offset: 4 });
    expect(parseCardAction({ moedebot: 'more', query: 'x', offset: -1 })).toBeUndefined();
    expect(parseCardAction({ moedebot: 'delete' })).toBeUndefined();
    expect(parseCardAction('item')).toBeUndefined();
    expect(parseCardAction(undefined)).toBeUndefined();
  });
});

describe('FileConversationStore', () => {
  it('stores a channel under the channel id, not the thread', () => {
    expect(baseConversationId(`${CHANNEL_ID};messageid=1712`)).toBe(CHANNEL_ID);
    expect(conversationOf(channelMessage({ serviceUrl, text: 'x' }) as never)).toMatchObject({ id: CHANNEL_ID, kind: 'channel', serviceUrl });
  });

  it('keeps conversations across restarts and writes only when something changed', async () => {
    const dir = tempDir('moedebot-');
    const store = await FileConversationStore.open(dir);
    expect(await store.remember(installedInTeam({ serviceUrl }) as never)).toMatchObject({ teamName: 'Kommunens KKR-team' });
    expect(await store.remember(personalMessage({ serviceUrl, text: 'hej' }) as never)).toMatchObject({ id: 'a:1personal-chat-mette', kind: 'personal' });
    expect(await store.remember(personalMessage({ serviceUrl, text: 'igen' }) as never)).toBeUndefined();
    // Teams moved the tenant to another region: the new address replaces the old.
    const moved = 'https://smba.trafficmanager.net/apac/';
    expect(await store.remember(personalMessage({ serviceUrl: moved, text: 'hej' }) as never)).toMatchObject({ serviceUrl: moved });

    const reopened = await FileConversationStore.open(dir);
    expect((await reopened.get('a:1personal-chat-mette'))?.serviceUrl).toBe(moved);
    expect(await reopened.list()).toHaveLength(2);
    // Personal data beyond the address is not kept.
    expect(fs.readFileSync(path.join(dir, 'teams-conversations.json'), 'utf8')).not.toContain('Mette');
  });

  it('moves a damaged file aside with a warning and starts with no conversations', async () => {
    const dir = tempDir('moedebot-');
    const file = path.join(dir, 'teams-conversations.json');
    fs.writeFileSync(file, '{"something":"else"}');
    const warnings: string[] = [];
    const logger = pino({ level: 'warn' }, { write: (line: string) => void warnings.push(line) });
    const store = await FileConversationStore.open(dir, logger);
    expect(await store.list()).toEqual([]);
    const aside = fs.readdirSync(dir).filter((f) => f.startsWith('teams-conversations.json.corrupt-'));
    expect(aside).toHaveLength(1);
    expect(fs.readFileSync(path.join(dir, aside[0]!), 'utf8')).toBe('{"something":"else"}');
    expect(warnings.join('')).toMatch(/Teams conversations file is damaged/);
    // The next conversation is written to a fresh file.
    await store.remember(personalMessage({ serviceUrl, text: 'hej' }) as never);
    expect(JSON.parse(fs.readFileSync(file, 'utf8')).conversations).toHaveLength(1);
  });
});
