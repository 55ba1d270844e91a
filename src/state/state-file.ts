import { randomBytes } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../log.js';

/**
 * Files the bot keeps in `DATA_DIR` (the index, the digest state, the Teams conversations, and
 * whatever later state needs): written so that a crash or a full disk mid-write leaves the old
 * file or the new one, never half of one, and read so that a damaged file is set aside with a
 * warning instead of stopping the bot or being silently overwritten.
 */

/**
 * Writes `file` atomically: the data goes to a temporary file in the same folder (a rename is only
 * atomic within one file system), is flushed to disk, and then replaces `file` in one rename.
 * `data` may be a function that writes through the open handle, for files too large for one string.
 * The folder is created when missing; the temporary file is removed when anything fails.
 *
 * @example
 * await writeFileAtomic('data/digest-state.json', JSON.stringify(state));
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array | ((handle: FileHandle) => Promise<void>)): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // Unique per write, so two writers (the bot and `npm run index`) never share a temporary file;
  // a hidden name ending in .tmp, which neither the corpus loader nor the corpus watcher reads.
  const tmp = path.join(path.dirname(file), `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      if (typeof data === 'function') await data(handle);
      else await handle.writeFile(data);
      // Without this, a power cut after the rename can leave an empty file under the new name.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (error) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw error;
  }
}

/** `.<name>.<pid>.<8 hex>.tmp`, as {@link writeFileAtomic} names its temporary files. */
const TEMPORARY = /^\..+\.(\d+)\.[0-9a-f]{8}\.tmp$/;

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Removes the temporary files a crashed writer left in `dir` (a kill -9 or a power cut between
 * writing and renaming): those whose writing process no longer runs. A temporary file of a
 * process still running (`npm run index` beside the bot) is left alone. Returns the names removed.
 */
export async function removeAbandonedTemporaries(dir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  for (const name of names) {
    const pid = TEMPORARY.exec(name)?.[1];
    if (pid === undefined || Number(pid) === process.pid || alive(Number(pid))) continue;
    await rm(path.join(dir, name), { force: true });
    removed.push(name);
  }
  return removed;
}

/** Writes `value` as indented JSON, atomically (see {@link writeFileAtomic}). */
export async function writeJsonAtomic(file: string, value: unknown): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(value, null, 2)}\n`);
}

/**
 * Moves a damaged file out of the way as `<file>.corrupt-<time>` (kept for whoever wants to look
 * at it) and returns the new name, or undefined when it could not be moved.
 */
export async function setAside(file: string): Promise<string | undefined> {
  const aside = `${file}.corrupt-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  try {
    await rename(file, aside);
    return aside;
  } catch {
    return undefined;
  }
}

/** A kind of state file: its name in DATA_DIR, what it holds (for messages) and its schema. */
export interface StateFile<S extends z.ZodType> {
  name: string;
  what: string;
  schema: S;
}

export interface ReadStateOptions<T> {
  /** What the file holds, for the warning: `digest state`, `Teams conversations`. */
  what: string;
  /** The state to start from when the file is missing or damaged. */
  empty: () => T;
  logger?: Logger | undefined;
}

/** What a state file held: its state, nothing (no file), or why it could not be used. */
export type ParsedState<T> = { state: T } | { missing: true } | { problem: string };

/**
 * Reads and checks a JSON state file without changing anything: the reading both
 * {@link readJsonState} and the import into a database (which must leave the files as they are) share.
 * A file that cannot be read at all (permissions) is an error.
 */
export async function parseJsonState<S extends z.ZodType>(file: string, schema: S, what: string): Promise<ParsedState<z.infer<S>>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { missing: true };
    throw new Error(`${file} (${what}) cannot be read: ${(error as Error).message}. Check the permissions of DATA_DIR.`, { cause: error });
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return { problem: 'it is not complete JSON' };
  }
  const parsed = schema.safeParse(json);
  if (parsed.success) return { state: parsed.data as z.infer<S> };
  const issue = parsed.error.issues[0];
  return { problem: `it does not hold what mødebot writes (${issue ? `${issue.path.join('.') || 'top level'}: ${issue.message}` : 'unexpected content'})` };
}

/**
 * Reads a JSON state file checked by `schema`. A missing file is a fresh start. A file that is not
 * JSON or does not match the schema (a partial write by an older version, a hand edit gone wrong)
 * is moved aside (see {@link setAside}), reported with a warning naming both files, and the
 * state starts afresh: the bot keeps running. A file that cannot be read at all (permissions)
 * is an error, since a fresh state would then be written over it.
 */
export async function readJsonState<S extends z.ZodType>(file: string, schema: S, options: ReadStateOptions<z.infer<S>>): Promise<z.infer<S>> {
  const parsed = await parseJsonState(file, schema, options.what);
  if ('state' in parsed) return parsed.state;
  if ('missing' in parsed) return options.empty();
  const aside = await setAside(file);
  options.logger?.warn(
    { file, movedTo: aside },
    `${options.what} file is damaged (${parsed.problem}); ${aside ? `moved aside to ${path.basename(aside)}` : 'it could not be moved aside'}, starting afresh`,
  );
  return options.empty();
}

/**
 * Keeps a state file up to date with the newest state, one write at a time: `save()` while a write
 * is running is folded into one more write of the then newest state, so a burst of changes (many
 * answers at once) costs two writes, not one per change. `idle()` resolves once everything asked
 * for is on disk (shutdown waits for it).
 *
 * @example
 * const writer = new CoalescedJsonWriter('data/thread-contexts.json', () => ({ threads: [...map] }));
 * map.set(key, context);
 * await writer.save();
 */
export class CoalescedJsonWriter {
  private dirty = false;
  private loop: Promise<void> | undefined;

  constructor(
    private readonly file: string,
    private readonly snapshot: () => unknown,
  ) {}

  /** Writes the newest state; resolves once it (or a later one) is on disk, rejects when writing fails. */
  save(): Promise<void> {
    this.dirty = true;
    this.loop ??= this.run().finally(() => {
      this.loop = undefined;
    });
    return this.loop;
  }

  /** Resolves once no write is pending; never rejects (the failure went to whoever saved). */
  idle(): Promise<void> {
    return (this.loop ?? Promise.resolve()).catch(() => undefined);
  }

  private async run(): Promise<void> {
    while (this.dirty) {
      this.dirty = false;
      await writeJsonAtomic(this.file, this.snapshot());
    }
  }
}
