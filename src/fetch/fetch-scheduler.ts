import { Cron } from 'croner';
import type { SourcesConfig } from '../config.js';
import { ConfigError } from '../errors.js';
import type { Logger } from '../log.js';
import { countReport, runFetchPass, type FetchReport } from './fetch-pass.js';
import { PoliteClient, userAgentFor, type PoliteClientOptions } from './http-client.js';

export interface FetchSchedulerOptions {
  config: SourcesConfig;
  corpusDir: string;
  dataDir: string;
  logger: Logger;
  /** Run a pass right away, so a fresh or restarted bot does not wait for the schedule. Default true. */
  runAtStart?: boolean;
  /** Client settings beyond the config's (tests shorten the back-off). */
  client?: Partial<Omit<PoliteClientOptions, 'signal'>>;
}

export interface FetchScheduler {
  /** Stops the schedule and aborts a pass under way (it still saves what it did). */
  stop(): void;
  /** Resolves once no pass is under way. */
  idle(): Promise<void>;
  /** Runs a pass now, or joins the one under way. */
  runOnce(): Promise<FetchReport>;
  /** When the schedule fires next, or null when stopped. */
  nextRun(): Date | null;
}

/**
 * Fetches SOURCES on `config.cron` in `config.timezone` (default hourly 07-18 on weekdays,
 * Copenhagen time). Passes never overlap: a pass still running when the schedule fires is joined,
 * not doubled. What a pass stores lands in `CORPUS_DIR/fetched/`, where the corpus watcher picks
 * it up. A failing pass is logged; it never throws out of the schedule.
 *
 * @example
 * const fetcher = startFetchScheduler({ config: config.sources, corpusDir, dataDir, logger });
 * // on shutdown: fetcher.stop(); await fetcher.idle();
 * @throws ConfigError when SOURCES_CRON is malformed.
 */
export function startFetchScheduler(options: FetchSchedulerOptions): FetchScheduler {
  const { config } = options;
  const logger = options.logger.child({ component: 'fetch' });
  const stopping = new AbortController();
  const client = new PoliteClient({
    userAgent: userAgentFor(config.contact),
    timeoutMs: config.timeoutMs,
    maxBytes: config.maxBytes,
    ...options.client,
    signal: stopping.signal,
  });
  let current: Promise<FetchReport> | undefined;

  const runOnce = (): Promise<FetchReport> => {
    if (current) return current;
    const started = performance.now();
    current = runFetchPass({ sources: config.urls, corpusDir: options.corpusDir, dataDir: options.dataDir, client, logger })
      .then((report) => {
        for (const problem of report.problems) logger.error({ problem }, 'fetch bookkeeping');
        for (const source of report.sources) for (const f of source.failures) logger.warn({ url: f.url, reason: f.reason }, 'listing page not read; tried again next pass');
        logger.info({ ...countReport(report), ms: Math.round(performance.now() - started) }, 'fetch pass done');
        return report;
      })
      .finally(() => {
        current = undefined;
      });
    return current;
  };

  const scheduled = async (): Promise<void> => {
    try {
      await runOnce();
    } catch (err) {
      // Only an unwritable corpus or data folder ends a pass; the next one tries again.
      logger.error({ err }, 'fetch pass failed');
    }
  };

  let job: Cron;
  try {
    job = new Cron(config.cron, { timezone: config.timezone, protect: true, catch: (err) => logger.error({ err }, 'fetch schedule failed') }, scheduled);
  } catch (err) {
    throw new ConfigError(`SOURCES_CRON is malformed: ${err instanceof Error ? err.message : String(err)} (e.g. "0 7-18 * * 1-5" for every hour from 07 to 18 on weekdays).`);
  }
  if (job.nextRun() === null) logger.warn({ cron: config.cron }, 'fetch schedule never fires');
  else logger.info({ sources: config.urls.length, next: job.nextRun()?.toISOString(), timezone: config.timezone }, 'fetching scheduled');
  if (options.runAtStart ?? true) void scheduled();

  return {
    stop() {
      job.stop();
      stopping.abort();
    },
    async idle() {
      while (current) await current.catch(() => undefined);
    },
    runOnce,
    nextRun() {
      return job.nextRun();
    },
  };
}
