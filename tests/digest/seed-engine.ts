import fs from 'node:fs';
import path from 'node:path';
import { openEngine } from '../../src/answer/engine.js';
import type { AnswerEngine } from '../../src/answer/types.js';
import { loadCalendar, type Calendar } from '../../src/digest/calendar.js';
import { tempDir } from '../helpers/temp-dir.js';

/** The real seed corpus through the real engine, with its index in a fresh temp dir. */
export async function openSeedEngine(corpusDir = 'corpus'): Promise<{ engine: AnswerEngine; dataDir: string; calendar: Calendar }> {
  const dataDir = tempDir('moedebot-');
  const engine = await openEngine({ corpusDir, dataDir });
  return { engine, dataDir, calendar: await loadCalendar(corpusDir) };
}

/** A temp copy of the seed corpus holding only `files` (and the calendar and manifest), so a test can add an agenda later. */
export function partialCorpus(files: string[]): string {
  const dir = tempDir('moedebot-corpus-');
  const extras = ['calendar.json', 'manifest.json'].filter((f) => fs.existsSync(path.join('corpus', f)));
  for (const f of [...files, ...extras]) fs.copyFileSync(path.join('corpus', f), path.join(dir, f));
  return dir;
}

export const AGENDA_2024 = 'kkr-hovedstaden-2024-06-18-dagsorden.txt';
export const AGENDA_2025 = 'kkr-hovedstaden-2025-04-11-dagsorden.txt';
