import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openEngine } from '../../src/answer/engine.js';
import { answerToJson } from '../../src/answer/answer-json.js';
import type { AnswerEngine } from '../../src/answer/types.js';

/**
 * Questions over a corpus of KL's agendas and eight municipalities' minutes (the layout
 * fixtures), as staff would ask them once those are dropped into `corpus/`.
 */
let engine: AnswerEngine;
let root: string;

beforeAll(async () => {
  root = mkdtempSync(path.join(os.tmpdir(), 'moedebot-minutes-'));
  const corpusDir = path.join(root, 'corpus');
  cpSync('corpus', corpusDir, { recursive: true });
  const fixtures = 'tests/fixtures/layouts';
  for (const file of readdirSync(fixtures).filter((f) => f.endsWith('.txt'))) cpSync(path.join(fixtures, file), path.join(corpusDir, file));
  writeFileSync(
    path.join(corpusDir, 'notat-om-vintervedligeholdelse.txt'),
    'Notat fra Teknik og Miljø, 2. december 2024\n\nSaltning af cykelstier sker fra kl. 5 om morgenen på hverdage, når vejrudsigten varsler frost.\n',
  );
  engine = await openEngine({ corpusDir, dataDir: path.join(root, 'data') });
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('answers from minutes', () => {
  it('answers "hvad blev besluttet" with the decision, and carries it in the JSON', async () => {
    const answer = (await engine.ask('hvad blev besluttet om lokalplan 145?'));
    const best = answer.results[0]!;
    expect(best.item.title).toBe('Tillæg 1 til Lokalplan 145 Udvidelse af delområde F og G - endelig vedtagelse');
    expect(best.item.decision).toBe('Godkendt.');
    expect(best.snippet).toBe('Godkendt.');
    const json = answerToJson(answer).results[0]!;
    expect(json.decision).toBe('Godkendt.');
    expect(json.kind).toBe('minutes');
    expect(json.publisher).toBe('Rødovre Kommune');
  });

  it('answers "hvornår blev … vedtaget" with the meeting that decided it', async () => {
    const best = (await engine.ask('hvornår blev lokalplantillægget i Rødovre vedtaget?')).results[0]!;
    expect(best.item.number).toBe('130');
    expect(best.snippet).toBe('Besluttet på mødet 24. september 2019: Godkendt.');
  });

  it('finds an item by the running number the minutes print (`Sag nr. 130`)', async () => {
    const answer = (await engine.ask('punkt 130'));
    expect(answer.mode).toBe('item');
    expect(answer.results.map((h) => h.item.title)).toEqual(['Tillæg 1 til Lokalplan 145 Udvidelse af delområde F og G - endelig vedtagelse']);
  });

  it('looks up case numbers in the publishers’ own forms', async () => {
    const aabenraa = (await engine.ask('20/348'));
    expect(aabenraa.mode).toBe('case');
    expect(aabenraa.results.map((h) => h.item.decision?.split('\n')[0])).toEqual(['Godkendt.', '• Arena Aabenraa']);
    expect((await engine.ask('00.32.00-S00-1-19')).results[0]!.item.title).toBe('Økonomivurdering pr. 31.03.2019');
    expect((await engine.ask('sagsnr. 315923')).results[0]!.item.title).toBe('Ny strategiplan for Museet for Samtidskunst');
  });

  it('finds municipal items by their topic', async () => {
    expect((await engine.ask('strategi for Museet for Samtidskunst')).results[0]!.item.number).toBe('44');
    expect((await engine.ask('genopbygning af Bækholmskolen efter branden')).results[0]!.item.title).toBe('Bækholmskolen. Genopbygning efter brand');
    expect((await engine.ask('anlægsregnskab spildevand Søndergade skole')).results[0]!.item.publisher).toBe('Brønderslev Kommune');
  });

  it('answers from a document it could only read as plain text, and says so', async () => {
    const best = (await engine.ask('hvornår saltes cykelstierne?')).results[0]!;
    expect(best.item.unstructured).toBe(true);
    expect(best.snippet).toContain('kl. 5 om morgenen');
  });

  it('keeps the refugee table under the item it belongs to', async () => {
    const best = (await engine.ask('hvor mange flygtninge skal Gentofte modtage i 2025?')).results[0]!;
    expect(best.item.title).toBe('Kommunefordeling af flygtninge for 2025');
    expect(best.item.presentation).toContain('Gentofte 14');
    const next = (await engine.item('kkr-hovedstaden-2024-06-18-4.4'))!;
    expect(next.presentation).not.toContain('Gentofte 14');
  });
});
