import fs from 'node:fs';
import path from 'node:path';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { spawnSync } from 'node:child_process';
import { readJsonState, removeAbandonedTemporaries, writeFileAtomic, writeJsonAtomic } from '../../src/state/state-file.js';
import { tempDir } from '../helpers/temp-dir.js';

const Schema = z.object({ version: z.literal(1), seen: z.array(z.string()) });
const empty = () => ({ version: 1 as const, seen: [] });

function capture() {
  const lines: Array<{ msg: string; movedTo?: string }> = [];
  return { lines, logger: pino({ level: 'warn' }, { write: (l: string) => void lines.push(JSON.parse(l)) }) };
}

describe('state files', () => {
  it('writes and reads back, creating the folder, leaving no temporary file', async () => {
    const dir = path.join(tempDir(), 'nested', 'data');
    const file = path.join(dir, 'watches.json');
    await writeJsonAtomic(file, { version: 1, seen: ['a'] });
    await writeJsonAtomic(file, { version: 1, seen: ['a', 'b'] });
    expect(await readJsonState(file, Schema, { what: 'watches', empty })).toEqual({ version: 1, seen: ['a', 'b'] });
    expect(fs.readdirSync(dir)).toEqual(['watches.json']);
  });

  it('keeps the old file and removes the temporary one when a write fails half-way', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'state.json');
    await writeJsonAtomic(file, { version: 1, seen: ['old'] });
    await expect(
      writeFileAtomic(file, async (handle) => {
        await handle.write('{"version":1,"se');
        throw new Error('disk full');
      }),
    ).rejects.toThrow('disk full');
    expect(JSON.parse(fs.readFileSync(file, 'utf8'))).toEqual({ version: 1, seen: ['old'] });
    expect(fs.readdirSync(dir)).toEqual(['state.json']);
  });

  it.each([
    ['cut short', '{"version":1,"seen":["a"'],
    ['of another shape', '{"version":2,"seen":[]}'],
    ['empty', ''],
  ])('moves a file that is %s aside, says so and starts afresh', async (_, content) => {
    const dir = tempDir();
    const file = path.join(dir, 'state.json');
    fs.writeFileSync(file, content);
    const { lines, logger } = capture();
    expect(await readJsonState(file, Schema, { what: 'test state', empty, logger })).toEqual(empty());
    const [aside] = fs.readdirSync(dir);
    expect(aside).toMatch(/^state\.json\.corrupt-/);
    expect(fs.readFileSync(path.join(dir, aside!), 'utf8')).toBe(content);
    expect(lines).toHaveLength(1);
    expect(lines[0]!.msg).toMatch(/^test state file is damaged \(.+\); moved aside to state\.json\.corrupt-.+, starting afresh$/);
  });

  it('starts afresh without a warning when there is no file yet', async () => {
    const { lines, logger } = capture();
    expect(await readJsonState(path.join(tempDir(), 'none.json'), Schema, { what: 'x', empty, logger })).toEqual(empty());
    expect(lines).toEqual([]);
  });

  it('removes the temporary files of writers that died, not those of a writer still running', async () => {
    const dir = tempDir();
    // A process that has ended: its pid is free (and not reused within this test, in practice).
    const dead = spawnSync(process.execPath, ['-e', '']).pid!;
    const abandoned = `.index-postings.bin.${dead}.0a1b2c3d.tmp`;
    const running = `.watches.json.${process.pid}.deadbeef.tmp`;
    for (const name of [abandoned, running, 'watches.json', '.hidden-note.tmp']) fs.writeFileSync(path.join(dir, name), 'x');
    expect(await removeAbandonedTemporaries(dir)).toEqual([abandoned]);
    expect(fs.readdirSync(dir).sort()).toEqual(['.hidden-note.tmp', running, 'watches.json'].sort());
    expect(await removeAbandonedTemporaries(path.join(dir, 'missing'))).toEqual([]);
  });
});
