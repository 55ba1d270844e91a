import { Cron } from 'croner';
import type { AnswerEngine } from '../answer/types.js';
import type { DigestConfig } from '../config.js';
import { buildDigest, meetingsForDigest, recordOf } from '../digest/build-digest.js';
import { loadCalendar, type Calendar } from '../digest/calendar.js';
import { localDay, isIsoDay } from '../digest/dates.js';
import type { DigestTarget } from '../digest/types.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import type { DigestPostStore } from './digest-post-store.js';

/** Attempts per day before the scheduler gives up until the next scheduled day. */
export const DEFAULT_MAX_ATTEMPTS = 3;
/** Wait between a failed attempt and the next one. */
export const DEFAULT_RETRY_DELAY_MS = 15 * 60 * 1000;

/** Where the digest goes: one platform's target and the channels (or conversations) on it. */
export interface DigestDestination {
  target: DigestTarget;
  channels: string[];
}

export interface DigestSchedulerOptions {
  /** Read at every attempt, so an agenda added since start-up is included. */
  engine: Pick<AnswerEngine, 'meetings'>;
  targets: DigestDestination[];
  /** `cron`, `timezone` and `windowDays` are used; the channel lists are the caller's business. */
  config: DigestConfig;
  /** Which channels have had each day's digest: `digest-state.json` in DATA_DIR, or the shared database. */
  posts: DigestPostStore;
  logger: Logger;
  /** The clock; default `() => new Date()`. */
  now?: () => Date;
  /** Folder holding `calendar.json`, read at every attempt; default `corpus`. */
  corpusDir?: string;
  /** A fixed calendar instead of reading `calendar.json`. */
  calendar?: Calendar;
  /** Only these committees (spelt as in the agendas); default every committee with known meetings. */
  committees?: string[];
  /** Default {@link DEFAULT_MAX_ATTEMPTS}. */
  maxAttempts?: number;
  /** Default {@link DEFAULT_RETRY_DELAY_MS} (15 minutes). */
  retryDelayMs?: number;
  /**
   * When the bot starts after today's posting time and today's digest is not out yet (a restart
   * or a crash mid-retry), post it right away. Default true.
   */
  catchUp?: boolean;
}

/** What one attempt did. */
export interface DigestRunResult {
  /** The digest day, YYYY-MM-DD in the configured time zone. */
  date: string;
  /**
   * - `posted`: every channel has the day's digest (some perhaps from an earlier attempt).
   * - `already-posted`: nothing to do, every channel had it before this attempt.
   * - `failed`: at least one channel still lacks it; `failed` says which and why.
   * - `nothing-to-post`: no upcoming meetings are known, or no channels are configured.
   * - `posting-elsewhere`: every channel still lacking it is being posted to by another bot
   *   sharing the database (see `elsewhere`).
   */
  status: 'posted' | 'already-posted' | 'failed' | 'nothing-to-post' | 'posting-elsewhere';
  /** `platform:channel` reached in this attempt. */
  posted: string[];
  failed: Array<{ channel: string; error: string }>;
  /** `platform:channel` another bot held a live claim on; checked again later in case it dies. */
  elsewhere: string[];
  /** Attempts made for the day so far, this one included. */
  attempts: number;
}

export interface DigestScheduler {
  /** Stops the schedule and any pending retry; an attempt under way finishes. */
  stop(): void;
  /**
   * Makes one attempt for a day now (a `Date` counts as its day in the configured time zone;
   * default today), posting only to channels that lack that day's digest. No retry is scheduled.
   */
  runOnce(date?: Date | string): Promise<DigestRunResult>;
  /** Resolves once no attempt is under way (state written), e.g. before exiting after `stop()`. */
  idle(): Promise<void>;
  /** When the schedule fires next, or null when stopped. */
  nextRun(): Date | null;
  /** The next `n` times the schedule fires after `from` (default now), whether or not it runs. */
  nextRuns(n: number, from?: Date): Date[];
}

function channelKey(target: DigestTarget, channel: string): string {
  return `${target.platform}:${channel}`;
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/**
 * Posts the digest at `config.cron` in `config.timezone` (default 07:30 Europe/Copenhagen on
 * weekdays) through every target to its channels. Each day's digest goes to each channel at most
 * once, also across restarts and across bots sharing a database (see `DigestPostStore`). A failed post is logged and
 * retried every `retryDelayMs` until `maxAttempts` or the end of the day; it never throws out of
 * the schedule.
 *
 * @example
 * const scheduler = startDigestScheduler({ engine, targets: [{ target: slack.digestTarget, channels: ['C123'] }],
 *   config: config.digest, posts: stores.digestPosts, corpusDir: config.corpusDir, logger });
 * // on shutdown: scheduler.stop();
 * @throws ConfigError when the cron expression or time zone is malformed.
 */
export function startDigestScheduler(options: DigestSchedulerOptions): DigestScheduler {
  const { engine, targets, config, posts } = options;
  const logger = options.logger.child({ component: 'digest' });
  const now = options.now ?? (() => new Date());
  const corpusDir = options.corpusDir ?? 'corpus';
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const retryDelayMs = options.retryDelayMs ?? DEFAULT_RETRY_DELAY_MS;
  const timers = new Set<NodeJS.Timeout>();
  let stopped = false;
  // One attempt at a time: the cron, a retry and runOnce all read and write the same state.
  let queue: Promise<unknown> = Promise.resolve();

  const exclusive = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = queue.then(fn, fn);
    queue = run.catch(() => undefined);
    return run;
  };

  const calendarNow = async (): Promise<Calendar> => {
    if (options.calendar) return options.calendar;
    try {
      return await loadCalendar(corpusDir);
    } catch (err) {
      // The agendas alone still make a useful digest.
      logger.error({ err }, 'meeting calendar unusable; the digest uses the agendas only');
      return { meetings: [] };
    }
  };

  const attempt = async (day: string): Promise<DigestRunResult> => {
    const dayState = await posts.day(day);
    const pending = targets.flatMap(({ target, channels }) =>
      channels.filter((c) => !dayState.done.includes(channelKey(target, c))).map((channel) => ({ target, channel })),
    );
    const result = (status: DigestRunResult['status'], attempts = dayState.attempts): DigestRunResult => ({ date: day, status, posted: [], failed: [], elsewhere: [], attempts });
    const wanted = targets.reduce((n, t) => n + t.channels.length, 0);
    if (wanted === 0) return result('nothing-to-post');
    if (pending.length === 0) return result('already-posted');

    const digest = buildDigest({
      meetings: await meetingsForDigest(engine, day),
      calendar: await calendarNow(),
      date: day,
      windowDays: config.windowDays,
      previous: await posts.previous(day),
      ...(options.committees ? { committees: options.committees } : {}),
    });
    if (digest.meetings.length === 0) {
      logger.info({ day }, 'no upcoming meetings known; no digest posted');
      return result('nothing-to-post');
    }

    let attempts: number | undefined;
    const posted: string[] = [];
    const failed: DigestRunResult['failed'] = [];
    const elsewhere: string[] = [];
    for (const { target, channel } of pending) {
      const key = channelKey(target, channel);
      const claim = await posts.claim(day, key);
      if (claim === 'elsewhere') elsewhere.push(key);
      if (claim !== 'claimed') continue;
      // Counted before posting, so a crash mid-post still counts against the day's limit.
      attempts ??= await posts.countAttempt(day);
      try {
        await target.post(channel, digest);
      } catch (err) {
        failed.push({ channel: key, error: message(err) });
        logger.error({ err, day, channel: key, attempt: attempts }, 'digest could not be posted');
        await posts.release(day, key, message(err));
        continue;
      }
      posted.push(key);
      logger.info({ day, channel: key, meetings: digest.meetings.length }, 'digest posted');
      // Stored after each channel, so a crash before the next one cannot make this one post twice.
      await posts.markPosted(day, key, recordOf(digest));
    }
    if (attempts === undefined) return { ...result(elsewhere.length > 0 ? 'posting-elsewhere' : 'already-posted'), elsewhere };
    return { date: day, status: failed.length > 0 ? 'failed' : 'posted', posted, failed, elsewhere, attempts };
  };

  const scheduleRetry = (day: string, result: DigestRunResult) => {
    if (stopped) return;
    if (result.attempts >= maxAttempts) {
      logger.error({ day, attempts: result.attempts }, 'digest not posted everywhere; giving up for today');
      return;
    }
    const at = new Date(now().getTime() + retryDelayMs);
    if (localDay(at, config.timezone) !== day) {
      logger.error({ day }, 'digest not posted everywhere and the day is over; giving up');
      return;
    }
    logger.info({ day, retryAt: at.toISOString() }, 'digest will be retried');
    const timer = setTimeout(() => {
      timers.delete(timer);
      void runScheduled(day);
    }, retryDelayMs);
    timers.add(timer);
  };

  const runScheduled = async (day: string): Promise<void> => {
    if (stopped) return;
    try {
      const result = await exclusive(() => attempt(day));
      if (result.status === 'failed') scheduleRetry(day, result);
      else if (result.status === 'already-posted') logger.info({ day }, 'digest already posted today');
      if (result.elsewhere.length > 0) {
        logger.info({ day, channels: result.elsewhere }, 'digest being posted by another bot; checking again later');
        // Should that bot die mid-post its claim lapses, and this check posts instead.
        if (result.status !== 'failed') scheduleRetry(day, result);
      }
    } catch (err) {
      // Reading or writing the state failed (the database is down, the disk full): the next tick or a
      // retry tries again rather than lose the day.
      logger.error({ err, day }, 'digest run failed');
      scheduleRetry(day, { date: day, status: 'failed', posted: [], failed: [], elsewhere: [], attempts: maxAttempts - 1 });
    }
  };

  let job: Cron;
  try {
    job = new Cron(
      config.cron,
      {
        timezone: config.timezone,
        protect: true,
        catch: (err) => logger.error({ err }, 'digest schedule failed'),
      },
      () => runScheduled(localDay(now(), config.timezone)),
    );
  } catch (err) {
    throw new ConfigError(`DIGEST_CRON is malformed: ${message(err)} (e.g. "30 7 * * 1-5" for 07:30 on weekdays).`);
  }
  if (job.nextRun() === null) logger.warn({ cron: config.cron }, 'digest schedule never fires');
  else logger.info({ next: job.nextRun()?.toISOString(), timezone: config.timezone }, 'digest scheduled');

  if (options.catchUp ?? true) {
    const t = now();
    const today = localDay(t, config.timezone);
    const last = job.previousRuns(1, t)[0];
    if (last !== undefined && localDay(last, config.timezone) === today) {
      void (async () => {
        if ((await posts.day(today)).attempts >= maxAttempts) return;
        const timer = setTimeout(() => {
          timers.delete(timer);
          void runScheduled(today);
        }, 0);
        timers.add(timer);
      })().catch((err: unknown) => logger.error({ err }, 'digest catch-up failed'));
    }
  }

  return {
    stop() {
      stopped = true;
      job.stop();
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
    runOnce(date?: Date | string) {
      const day = date === undefined ? localDay(now(), config.timezone) : typeof date === 'string' ? date : localDay(date, config.timezone);
      if (!isIsoDay(day)) return Promise.reject(new RangeError(`runOnce: expected a day as YYYY-MM-DD, got ${JSON.stringify(date)}`));
      return exclusive(() => attempt(day));
    },
    async idle() {
      let current: Promise<unknown>;
      do {
        current = queue;
        await current;
      } while (current !== queue);
    },
    nextRun() {
      return stopped ? null : job.nextRun();
    },
    nextRuns(n: number, from?: Date) {
      return job.nextRuns(n, from ?? now());
    },
  };
}
