import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { answerKind, countedNoun, isNegated } from '../../src/answer/snippet.js';
import { readQuestions } from '../../src/answer/evaluation.js';

let engine: AnswerEngine;
let dataDir: string;

beforeAll(async () => {
  dataDir = mkdtempSync(path.join(os.tmpdir(), 'moedebot-snippet-'));
  engine = await openEngine({ corpusDir: 'corpus', dataDir });
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

const snippet = async (q: string) => (await engine.ask(q)).results[0]?.snippet ?? '';

describe('the kind of fact a question asks for', () => {
  it('is read from its question words, Danish and English', () => {
    expect(answerKind('hvor mange kommuner overholdt ikke takstaftalen?')).toBe('count');
    expect(answerKind('How many full-time jobs will the reform add?')).toBe('count');
    expect(answerKind('Hvor meget er afsat til lokalplejehjem?')).toBe('amount');
    expect(answerKind('Hvor stort var mindreforbruget?')).toBe('amount');
    expect(answerKind('landstallet for flygtninge 2025')).toBe('amount');
    expect(answerKind('Hvornår træder ældreloven i kraft?')).toBe('when');
    expect(answerKind('Hvor længe har KL efterspurgt en reform?')).toBe('duration');
    expect(answerKind('Hvem er ældreminister?')).toBe('who');
    expect(answerKind('Hvad blev besluttet om lokalplanen?')).toBe('decision');
    expect(answerKind('Hvilke lande står bag væksten?')).toBe('list');
    expect(answerKind('fysioterapi')).toBe('other');
  });

  it('knows the counted noun and the negation', () => {
    expect(countedNoun('hvor mange kommuner overholdt ikke takstaftalen?')).toBe('kommuner');
    expect(countedNoun('How many full-time jobs')).toBe('full-time');
    expect(isNegated('hvor mange kommuner overholdt ikke takstaftalen?')).toBe(true);
    expect(isNegated("Which municipalities didn't comply?")).toBe(true);
    expect(isNegated('hvor mange kommuner overholdt takstaftalen?')).toBe(false);
  });
});

describe('the sentence that answers', () => {
  it('counts what a "hvor mange" question counts, with its qualifiers, from a list under its lead-in', async () => {
    const s = await snippet('hvor mange kommuner overholdt ikke takstaftalen?');
    expect(s).toContain('11 kommuner overholder ikke aftalen');
    expect(s.startsWith('Resultaterne viser:\n')).toBe(true);
    expect(await snippet('Hvor mange kommuner overholder aftalen om udvikling i udgifter?')).toContain('18 kommuner og Region Hovedstaden overholder');
  });

  it('reads a table row for a municipality, under the table caption', async () => {
    const s = await snippet('hvor mange flygtninge skal Gentofte modtage i 2025?');
    expect(s).toMatch(/Beregnede kommunekvoter[^\n]*\n(?:.*\n)?Gentofte 14$/);
  });

  it('answers an English count with the counted noun, not an amount of money', async () => {
    const s = await snippet('How many full-time jobs will the professional bachelor reform add?');
    expect(s).toContain('3.600 fuldtidsbeskæftigede');
    expect(s).not.toContain('1.110 mio. kr.');
  });

  it('answers hvornår with the date, hvem with the name, hvor meget with the amount', async () => {
    expect(await snippet('Hvornår træder ældreloven i kraft?')).toContain('1. juli 2025');
    expect(await snippet('Hvem er ældreminister?')).toContain('Mette Kierkgaard');
    expect(await snippet('Hvor meget har otte kommuner i hovedstadsregionen søgt om fra lånepuljen til botilbud?')).toContain('515 mio. kr.');
    expect(await snippet('Hvor stor er kommunernes anlægsramme i 2025?')).toContain('20,3 mia. kr.');
  });

  it('never starts or ends in the middle of a sentence', async () => {
    const questions = [...(await readQuestions('tests/fixtures/eval/dev-questions.jsonl')), ...(await readQuestions('tests/fixtures/eval/extra-questions.jsonl'))];
    let checked = 0;
    for (const q of questions) {
      for (const hit of (await engine.ask(q.q)).results) {
        const text = hit.snippet;
        if (text === hit.item.title) continue;
        checked++;
        // Each line is a sentence (or two), a list line or a table row: it starts as one does …
        for (const line of text.split('\n')) expect(line, `${q.q}: ${text}`).toMatch(/^[\p{Lu}\d–•"“„(-]/u);
        // … and what it shows stands in the item's text as it is.
        const itemText = hit.item.sections.map((s) => s.text).join('\n').replace(/\s+/g, ' ');
        for (const line of text.split('\n')) expect(itemText, `${q.q}: ${line}`).toContain(line.replace(/\s+/g, ' ').replace(/ …$/, ''));
        expect(text.endsWith('…') && !text.endsWith(' …'), text).toBe(false);
      }
    }
    expect(checked).toBeGreaterThan(100);
  });
});
