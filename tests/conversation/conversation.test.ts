import { beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { openChat } from '../../src/conversation/chat-services.js';
import type { Place } from '../../src/conversation/place.js';
import { createLogger } from '../../src/log.js';
import { tempDir } from '../helpers/temp-dir.js';

const logger = createLogger('silent');
let engine: AnswerEngine;
beforeAll(async () => {
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir() });
});

const thread: Place = { platform: 'slack', channel: 'C0KKR', thread: '1712000000.000100' };

describe('a conversation in a thread', () => {
  it('reads "mere", "vis 2" and "vis punkt 3.12" against the thread\'s last answer', async () => {
    const { chat } = await openChat({ engine, dataDir: tempDir(), threadContextHours: 24, logger });
    const first = await chat.conversation.reply({ text: 'kommunerne', place: thread, threaded: true });
    expect(first.kind).toBe('answer');
    const firstIds = first.kind === 'answer' ? first.answer.results.map((h) => h.item.id) : [];

    const more = await chat.conversation.reply({ text: 'mere', place: thread, threaded: true });
    expect(more.kind === 'answer' && more.answer.offset).toBe(firstIds.length);
    const moreIds = more.kind === 'answer' ? more.answer.results.map((h) => h.item.id) : [];
    expect(moreIds.filter((id) => firstIds.includes(id))).toEqual([]);

    const second = await chat.conversation.reply({ text: 'vis 2', place: thread, threaded: true });
    expect(second).toMatchObject({ kind: 'item', item: { id: moreIds[1] } });

    await chat.conversation.reply({ text: 'fysioterapi', place: thread, threaded: true });
    const item = await chat.conversation.reply({ text: 'vis punkt 3.12', place: thread, threaded: true });
    expect(item).toMatchObject({ kind: 'item', item: { id: 'kkr-hovedstaden-2025-04-11-3.12' } });
  });

  it('asks the last question again within the year a follow-up names', async () => {
    const { chat } = await openChat({ engine, dataDir: tempDir(), threadContextHours: 24, logger });
    await chat.conversation.reply({ text: 'flygtninge', place: thread, threaded: true });
    const reply = await chat.conversation.reply({ text: 'og i 2024?', place: thread, threaded: true });
    expect(reply.kind).toBe('answer');
    if (reply.kind !== 'answer') return;
    expect(reply.followUp).toBe('flygtninge · 2024');
    expect(reply.answer.filters).toMatchObject({ dateFrom: '2024-01-01', dateTo: '2024-12-31', label: '2024' });
    expect(reply.answer.results.length).toBeGreaterThan(0);
    expect(reply.answer.results.every((h) => h.item.meetingDate.startsWith('2024'))).toBe(true);
  });

  it('keeps the thread across a restart, and forgets it after THREAD_CONTEXT_HOURS', async () => {
    const dataDir = tempDir();
    let now = new Date('2025-04-14T08:00:00Z');
    const first = await openChat({ engine, dataDir, threadContextHours: 2, logger, now: () => now });
    await first.chat.conversation.reply({ text: 'fysioterapi', place: thread, threaded: true });
    await first.idle();

    now = new Date('2025-04-14T09:30:00Z');
    const second = await openChat({ engine, dataDir, threadContextHours: 2, logger, now: () => now });
    expect(await second.chat.conversation.followsThread(thread)).toBe(true);
    expect(await second.chat.conversation.reply({ text: 'vis punkt 3.12', place: thread, threaded: true })).toMatchObject({ kind: 'item' });

    now = new Date('2025-04-14T12:00:00Z');
    expect(await second.chat.conversation.followsThread(thread)).toBe(false);
  });

  it('reads nothing in context when threads are off, and an answer outside a thread keeps none', async () => {
    const off = await openChat({ engine, dataDir: tempDir(), threadContextHours: 0, logger });
    await off.chat.conversation.reply({ text: 'fysioterapi', place: thread, threaded: true });
    expect(await off.chat.conversation.followsThread(thread)).toBe(false);
    expect(await off.chat.conversation.reply({ text: 'mere', place: thread, threaded: true })).toMatchObject({ kind: 'answer', answer: { query: 'mere' } });

    const on = await openChat({ engine, dataDir: tempDir(), threadContextHours: 24, logger });
    const channel: Place = { platform: 'slack', channel: 'C0KKR' };
    await on.chat.conversation.reply({ text: 'fysioterapi', place: channel, threaded: false });
    expect(await on.chat.conversation.followsThread({ ...channel, thread: 'x' })).toBe(false);
  });
});

describe('topic watch commands', () => {
  it('follows, lists and stops a channel\'s topics, kept across a restart', async () => {
    const dataDir = tempDir();
    const place: Place = { platform: 'discord', channel: '444' };
    const first = await openChat({ engine, dataDir, threadContextHours: 24, logger });
    const added = await first.chat.conversation.reply({ text: 'følg fysioterapi', place, threaded: false });
    expect(added).toMatchObject({ kind: 'notice' });
    expect(added.kind === 'notice' && added.text).toMatch(/^Kanalen følger nu «fysioterapi»\. .* Senest: 3\.6 Forslag til revision/);
    expect(await first.chat.conversation.reply({ text: 'Følg Fysioterapi', place, threaded: false })).toEqual({ kind: 'notice', text: 'Kanalen følger allerede «Fysioterapi».' });
    await first.chat.conversation.reply({ text: 'følg «flygtninge»', place, threaded: false });
    await first.idle();

    const second = await openChat({ engine, dataDir, threadContextHours: 24, logger });
    expect(await second.chat.conversation.reply({ text: 'følger', place, threaded: false })).toEqual({
      kind: 'notice',
      text: 'Kanalen følger «fysioterapi», «flygtninge». Skriv «stop» og emnet for at stoppe et.',
    });
    expect(await second.chat.conversation.reply({ text: 'følger', place: { platform: 'discord', channel: '555' }, threaded: false })).toMatchObject({
      text: expect.stringMatching(/^Kanalen følger ingen emner/),
    });
    expect(await second.chat.conversation.reply({ text: 'stop fysioterapi', place, threaded: false })).toEqual({ kind: 'notice', text: 'Kanalen følger ikke længere «fysioterapi».' });
    expect(await second.chat.conversation.reply({ text: 'stop fysioterapi', place, threaded: false })).toMatchObject({ text: expect.stringMatching(/^Kanalen følger ikke «fysioterapi»\. Kanalen følger «flygtninge»/) });
  });
});

describe('questions that found nothing', () => {
  it('are recorded once per question asked, with platform, channel and time, and later pages are not', async () => {
    const { chat, stores } = await openChat({ engine, dataDir: tempDir(), threadContextHours: 24, logger, now: () => new Date('2025-04-14T08:00:00Z') });
    await chat.conversation.reply({ text: 'zqxv robotstøvsugere', place: thread, threaded: true });
    await chat.conversation.reply({ text: 'fysioterapi', place: thread, threaded: true });
    expect(await stores.feedback.unanswered()).toEqual([{ question: 'zqxv robotstøvsugere', platform: 'slack', channel: 'C0KKR', at: '2025-04-14T08:00:00.000Z' }]);
  });
});
