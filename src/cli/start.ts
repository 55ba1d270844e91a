import { bootstrap, runMain } from './bootstrap.js';
import { createLogger } from '../log.js';
import { openEngine } from '../answer/engine.js';
import { watchCorpus } from '../answer/watch-corpus.js';
import { startTerminalChat } from '../adapters/terminal/chat.js';
import type { DigestDestination } from '../schedule/digest-scheduler.js';
import type { RunningAdapter } from '../adapters/adapter.js';
import type { FetchScheduler } from '../fetch/fetch-scheduler.js';

/**
 * `npm start`: every chat platform whose settings are present, side by side; the terminal chat
 * when none is (or when run in a terminal). Serves until SIGTERM/SIGINT, then stops cleanly.
 */
runMain(async () => {
  const config = bootstrap();
  const logger = createLogger(config.logLevel);
  const started = performance.now();
  const engine = await openEngine({ corpusDir: config.corpusDir, dataDir: config.dataDir, logger });
  logger.info(
    { meetings: engine.report.meetings, items: engine.report.items, skipped: engine.report.skipped.length, rebuilt: engine.report.rebuilt, ms: Math.round(performance.now() - started) },
    'corpus ready',
  );

  const adapters: RunningAdapter[] = [];
  let fetcher: FetchScheduler | undefined;
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'stopping');
    watcher.close();
    scheduler?.stop();
    fetcher?.stop();
    // A digest state write in progress must finish, or a restart could post the day twice.
    await scheduler?.idle();
    // An aborted fetch pass still saves its bookkeeping.
    await fetcher?.idle();
    await Promise.allSettled(
      adapters.map((a) =>
        Promise.race([a.stop(), new Promise((resolve) => setTimeout(resolve, 5000).unref())]).catch((err: unknown) => logger.error({ err, adapter: a.name }, 'adapter did not stop cleanly')),
      ),
    );
    logger.info('stopped');
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));

  const watcher = watchCorpus(config.corpusDir, async () => {
    try {
      const report = await engine.reload();
      if (report.rebuilt) logger.info({ meetings: report.meetings, items: report.items, skipped: report.skipped }, 'corpus changed; index rebuilt');
    } catch (err) {
      logger.error({ err }, 're-indexing the corpus failed; still answering from the previous index');
    }
  });

  // Fetched material lands in CORPUS_DIR/fetched/, where the watcher above picks it up.
  if (config.sources) {
    const { startFetchScheduler } = await import('../fetch/fetch-scheduler.js');
    fetcher = startFetchScheduler({ config: config.sources, corpusDir: config.corpusDir, dataDir: config.dataDir, logger });
  }

  // Each platform's SDK is loaded only when it is configured: together they take seconds to import.
  if (config.slack) {
    const { startSlack } = await import('../adapters/slack/start.js');
    adapters.push(await startSlack(engine, config.slack, logger));
  }
  if (config.discord) {
    const { startDiscord } = await import('../adapters/discord/start.js');
    adapters.push(await startDiscord(engine, config.discord, logger));
  }
  if (config.teams) {
    const { startTeams } = await import('../adapters/teams/start.js');
    adapters.push(await startTeams(engine, config.teams, logger, { dataDir: config.dataDir }));
  }

  const destinations: DigestDestination[] = [];
  const channelsOf: Record<string, string[]> = {
    slack: config.digest.slackChannels,
    discord: config.digest.discordChannels,
    teams: config.digest.teamsConversations,
  };
  for (const adapter of adapters) {
    const channels = channelsOf[adapter.name] ?? [];
    if (adapter.digestTarget && channels.length > 0) destinations.push({ target: adapter.digestTarget, channels });
  }
  const scheduler =
    destinations.length > 0
      ? (await import('../schedule/digest-scheduler.js')).startDigestScheduler({ engine, targets: destinations, config: config.digest, dataDir: config.dataDir, corpusDir: config.corpusDir, logger })
      : undefined;

  const interactive = process.stdin.isTTY === true;
  if (adapters.length === 0 || interactive) {
    if (adapters.length === 0) logger.info('no chat platform configured (see .env.example); local chat on standard input');
    adapters.push(
      startTerminalChat(engine, {
        input: process.stdin,
        output: process.stdout,
        interactive,
        // Quitting the chat in a terminal ends the program; without a terminal (systemd, a
        // container) the end of standard input is not a request to stop: the bot serves until SIGTERM.
        onClose: () => {
          if (interactive) void stop('exit');
        },
      }),
    );
  }
  logger.info({ adapters: adapters.map((a) => a.name), ms: Math.round(performance.now() - started) }, 'mødebot is ready');
  // Keeps the process alive when nothing else does (no platform, standard input at its end).
  setInterval(() => {}, 1 << 30);
});
