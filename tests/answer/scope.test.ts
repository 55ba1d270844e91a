import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';

let engine: AnswerEngine;
let dataDir: string;
const key = (h: { item: { meetingDate: string; number: string } }) => `${h.item.meetingDate}#${h.item.number}`;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-scope-'));
  engine = await openEngine({ corpusDir: 'corpus', dataDir });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('a committee the corpus does not hold', () => {
  it('is said to be missing, with the committees that are held, when the question names nothing else', async () => {
    const a = (await engine.ask('KKR Sjælland'));
    expect(a.status).toBe('not-found');
    expect(a.message).toContain('Jeg har ingen dagsordener fra KKR Sjælland');
    expect(a.message).toContain('KKR Hovedstaden');
  });

  it('labels the best answer from elsewhere as such', async () => {
    const a = (await engine.ask('KKR Sjælland fysioterapi'));
    expect(a.status).toBe('found');
    expect(key(a.results[0]!)).toBe('2025-04-11#3.6');
    expect(a.message).toContain('Jeg har ingen dagsordener fra KKR Sjælland');
    expect(a.message).toContain('KKR Hovedstaden, 11. april 2025');
  });

  it('says nothing when the committee is held', async () => {
    const a = (await engine.ask('KKR Hovedstaden fysioterapi'));
    expect(key(a.results[0]!)).toBe('2025-04-11#3.6');
    expect(a.message).toBeUndefined();
  });
});

describe('a meeting or a year the corpus does not hold', () => {
  it('is said to be missing, and the item that answers is still shown', async () => {
    const a = (await engine.ask('Hvem fremlagde mobilitetsanalysens hovedkonklusioner på KKR-mødet i april 2024?'));
    expect(key(a.results[0]!)).toBe('2024-06-18#2.2');
    expect(a.message).toContain('Jeg har ingen dagsordener fra april 2024');
  });

  it('is not mistaken for a time in the text', async () => {
    const a = (await engine.ask('Hvor stor var Movias takststigning i januar 2024?'));
    expect(a.message).toBeUndefined();
    expect(a.results[0]!.snippet).toContain('10,3 pct.');
  });

  it('names a year of meetings, not a year a fact is about', async () => {
    expect((await engine.ask('dagsordener fra 2019 om flygtninge')).message).toContain('Jeg har ingen dagsordener fra 2019');
    expect((await engine.ask('landstallet for flygtninge 2025')).message).toBeUndefined();
  });
});

describe('næste møde', () => {
  it('after the last known agenda says when that was and that the calendar knows no later meeting', async () => {
    const a = (await engine.ask('næste møde', { now: new Date('2026-11-30T09:00:00Z') }));
    expect(a.status).toBe('found');
    expect(a.message).toContain('Det seneste møde, jeg har dagsorden fra, var 11. april 2025');
    expect(a.message).not.toMatch(/Næste møde er/);
  });

  it('takes the next meeting from the calendar when its agenda is not out yet', async () => {
    const a = (await engine.ask('næste møde', { now: new Date('2025-05-01T09:00:00Z') }));
    expect(a.message).toContain('Næste møde er ifølge mødekalenderen 18. juni 2025');
    expect(a.message).toContain('dagsordenen er ikke kommet endnu');
  });

  it('takes a calendar meeting before the next agenda held as the next meeting', async () => {
    // The corpus holds the April 2025 agenda, but the calendar has a meeting in September 2024.
    const a = (await engine.ask('næste møde', { now: new Date('2024-08-01T09:00:00Z') }));
    expect(a.message).toContain('Næste møde er ifølge mødekalenderen 6. september 2024');
    expect(key(a.results[0]!)).toBe('2024-06-18#6.1');
  });

  it('answers from the next agenda when no meeting comes before it, without a note', async () => {
    const a = (await engine.ask('næste møde', { now: new Date('2025-04-01T09:00:00Z') }));
    expect(a.results[0]!.item.meetingDate).toBe('2025-04-11');
    expect(a.message).toBeUndefined();
  });
});
