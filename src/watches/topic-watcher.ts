import type { AnswerEngine, Hit } from '../answer/types.js';
import type { Meeting } from '../corpus/types.js';
import type { Logger } from '../log.js';
import type { Watch, WatchStore } from '../state/watch-store.js';

/** What a channel is sent when new material matches one of its topics. */
export interface WatchMatch {
  topic: string;
  /** The matching items of the new material, best first, none posted to the channel before. */
  hits: Hit[];
}

/** Somewhere watch matches can be posted: one platform's client, rendering for that platform. */
export interface WatchTarget {
  platform: string;
  /** Posts to one channel or conversation; rejects when the platform refuses (the match is retried later). */
  post(channel: string, match: WatchMatch): Promise<void>;
}

/** What one check did. */
export interface WatchCheckResult {
  /** Material (`<meeting id>#<kind>`) new since the last check. */
  newMaterial: string[];
  /** `platform:channel` → item ids posted there. */
  posted: Array<{ platform: string; channel: string; topic: string; itemIds: string[] }>;
  failed: Array<{ platform: string; channel: string; topic: string; error: string }>;
}

/** A meeting's material as checked: its agenda, then (a new check) its minutes. */
export function materialKey(meeting: Pick<Meeting, 'id' | 'kind'>): string {
  return `${meeting.id}#${meeting.kind}`;
}

export interface TopicWatcherOptions {
  engine: AnswerEngine;
  store: WatchStore;
  /** One per platform; a platform that is down rejects its posts (they are retried), one not run at all has no target. */
  targets: readonly WatchTarget[];
  logger: Logger;
  /** How long after a failed post the check is run again (default 5 minutes). */
  retryMs?: number;
}

/**
 * Topic watches: after the corpus watcher has indexed new material (a new agenda, or the minutes
 * of a known meeting), each watch's topic is asked of only the new material's items, with the same
 * ranking and threshold as any question (`AnswerEngine.askWithin`), and the matches are posted to
 * the watch's channel, each item at most once per channel, also across restarts (the store keeps
 * what was posted and which material was checked). Material added while the bot was down is
 * checked at the first check after start. A failed post leaves its material unchecked, so the
 * next check (after `retryMs`, or the next re-index) posts it.
 *
 * @example
 * const watcher = new TopicWatcher({ engine, store, targets: [slack.watchTarget], logger });
 * await watcher.check(); // after start, and after every re-index
 */
export class TopicWatcher {
  private queue: Promise<unknown> = Promise.resolve();
  private retry: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(private readonly options: TopicWatcherOptions) {}

  /** Checks the material now (one check at a time; a check asked for during one runs after it). */
  check(): Promise<WatchCheckResult> {
    const run = this.queue.then(
      () => this.run(),
      () => this.run(),
    );
    this.queue = run.catch(() => undefined);
    return run;
  }

  /** No more checks; one under way finishes. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.retry);
  }

  /** Resolves once no check is under way. */
  idle(): Promise<void> {
    return this.queue.then(() => undefined);
  }

  private async run(): Promise<WatchCheckResult> {
    const { engine, store, logger } = this.options;
    const result: WatchCheckResult = { newMaterial: [], posted: [], failed: [] };
    if (this.stopped) return result;
    const catalog = await engine.catalog();
    const current = catalog.map(materialKey);
    const checked = await store.checkedMaterial();
    if (checked === undefined) {
      // The first check ever: what is in the corpus now is not news.
      await store.setCheckedMaterial(current);
      logger.info({ material: current.length }, 'topic watches start from the material indexed now');
      return result;
    }
    const known = new Set(checked);
    const newMaterial = catalog.filter((m) => !known.has(materialKey(m)));
    result.newMaterial = newMaterial.map(materialKey);
    if (newMaterial.length === 0) {
      logger.info({ material: [], posts: 0, failed: 0 }, 'topic watches checked');
      return result;
    }

    const watches = await store.list();
    const unfinished = new Set<string>();
    if (watches.length > 0) {
      const fresh = await engine.meetings({ ids: newMaterial.map((m) => m.id) });
      const itemIds = new Set(fresh.flatMap((m) => m.items.map((i) => i.id)));
      const meetingOf = new Map(fresh.flatMap((m) => m.items.map((i) => [i.id, materialKey(m)] as const)));
      for (const watch of watches) {
        const outcome = await this.post(watch, itemIds, result);
        for (const id of outcome.unposted) unfinished.add(meetingOf.get(id)!);
      }
    }
    // Material whose matches could not all be posted stays unchecked and is tried again.
    await store.setCheckedMaterial([...checked.filter((k) => current.includes(k)), ...result.newMaterial.filter((k) => !unfinished.has(k))]);
    if (unfinished.size > 0) this.scheduleRetry();
    logger.info({ material: result.newMaterial, watches: watches.length, posts: result.posted.length, failed: result.failed.length }, 'topic watches checked');
    return result;
  }

  private async post(watch: Watch, itemIds: ReadonlySet<string>, result: WatchCheckResult): Promise<{ unposted: string[] }> {
    const { engine, store, logger } = this.options;
    const answer = await engine.askWithin(watch.topic, itemIds);
    if (answer.status !== 'found') return { unposted: [] };
    const place = { platform: watch.platform, channel: watch.channel };
    const target = this.options.targets.find((t) => t.platform === watch.platform);
    // A watch of a platform this process does not run (the terminal's, when serving Slack) waits
    // for a process that does; it holds nothing else up.
    if (target === undefined) return { unposted: [] };
    // Items another bot on the shared database is posting stay unfinished, so they are checked
    // again: should that bot die mid-post, its claim lapses and this one posts them.
    const { mine, elsewhere } = await store.claim(place, answer.results.map((h) => h.item.id));
    const claimed = new Set(mine);
    const hits = answer.results.filter((h) => claimed.has(h.item.id));
    if (hits.length === 0) return { unposted: elsewhere };
    const ids = hits.map((h) => h.item.id);
    try {
      await target.post(watch.channel, { topic: watch.topic, hits });
      await store.markPosted(place, ids);
      result.posted.push({ ...place, topic: watch.topic, itemIds: ids });
      logger.info({ platform: watch.platform, channel: watch.channel, topic: watch.topic, items: ids }, 'topic watch posted');
      return { unposted: elsewhere };
    } catch (err) {
      const error = err instanceof Error ? err.message : String(err);
      result.failed.push({ ...place, topic: watch.topic, error });
      logger.error({ err, platform: watch.platform, channel: watch.channel, topic: watch.topic }, 'topic watch could not be posted; it is tried again later');
      await store.release(place, ids).catch((releaseError: unknown) => logger.warn({ err: releaseError }, 'topic watch claim not let go; it lapses by itself'));
      return { unposted: [...ids, ...elsewhere] };
    }
  }

  private scheduleRetry(): void {
    if (this.stopped || this.retry !== undefined) return;
    this.retry = setTimeout(() => {
      this.retry = undefined;
      void this.check().catch((err: unknown) => this.options.logger.error({ err }, 'topic watch check failed'));
    }, this.options.retryMs ?? 5 * 60_000);
    this.retry.unref();
  }
}
