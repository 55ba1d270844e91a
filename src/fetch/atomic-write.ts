import { mkdir, open, rename, rm } from 'node:fs/promises';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

/**
 * Writes a file so that readers only ever see the old content or the whole new content: the data
 * goes to a hidden temporary file in the same folder (a dot name ending in `.tmp`, which neither
 * the corpus loader nor the corpus watcher looks at), is flushed to disk, then renamed over the
 * target. A crash or a full disk leaves the old file as it was.
 *
 * @example
 * await writeFileAtomic('corpus/fetched/manifest.json', JSON.stringify(manifest));
 */
export async function writeFileAtomic(file: string, data: string | Uint8Array): Promise<void> {
  const dir = path.dirname(file);
  await mkdir(dir, { recursive: true });
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    const handle = await open(tmp, 'wx');
    try {
      await handle.writeFile(data);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(tmp, file);
  } catch (err) {
    await rm(tmp, { force: true }).catch(() => undefined);
    throw err;
  }
}
