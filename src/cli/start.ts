import { mkdir } from 'node:fs/promises';
import { bootstrap, flushStdout, runMain } from './bootstrap.js';
import { createLogger } from '../log.js';
import { openAnswerEngine } from '../answer/open-answer-engine.js';
import { watchCorpus } from '../answer/watch-corpus.js';
import { startTerminalChat } from '../adapters/terminal/chat.js';
import type { DigestDestination, DigestScheduler } from '../schedule/digest-scheduler.js';
import type { RunningAdapter } from '../adapters/adapter.js';
import { Health, startHealthServer } from '../service/health.js';
import { Requests } from '../service/requests.js';
import { SupervisedAdapter } from '../service/supervise.js';
import { startedByNpm, watchParent } from '../service/parent-watch.js';
import type { FetchScheduler } from '../fetch/fetch-scheduler.js';
import { openChat } from '../conversation/chat-services.js';
import { Conversation } from '../conversation/conversation.js';
import { MemoryThreadContextStore } from '../state/thread-context-store.js';
import { TopicWatcher, type WatchTarget } from '../watches/topic-watcher.js';
import { openStores, type StateStores } from '../state/open-stores.js';
import { removeAbandonedTemporaries } from '../state/state-file.js';

/**
 * `npm start` (and `npm run serve`, the production command): every chat platform whose settings
 * are present, side by side, each retried with back-off when it is down at start; the terminal
 * chat when none is configured (or when run in a terminal).
 *
 * How it ends:
 * - no platform: `exit`, `quit` or the end of standard input ends the program (exit code 0);
 * - platforms: it serves until SIGTERM or SIGINT (standard input at /dev/null or closed is fine);
 * - on SIGTERM/SIGINT it reports itself unavailable on /healthz, stops taking requests, lets the
 *   answers in flight finish for up to SHUTDOWN_GRACE_MS, waits for state being written, exits 0.
 *   A second signal exits at once.
 */
runMain(async () => {
  const config = bootstrap();
  const logger = createLogger(config.logLevel, config.logFormat !== undefined ? { format: config.logFormat } : {});
  const started = performance.now();
  const health = new Health();
  const adapters: RunningAdapter[] = [];
  let stopping = false;
  let watcher: { close(): void } | undefined;
  let scheduler: DigestScheduler | undefined;
  let healthServer: { port: number; close(): Promise<void> } | undefined;
  let parent: { stop(): void } | undefined;
  let fetcher: FetchScheduler | undefined;
  let topics: TopicWatcher | undefined;
  let chatIdle: (() => Promise<void>) | undefined;
  let closeEngine: (() => Promise<void>) | undefined;
  let state: StateStores | undefined;
  // Ends the wait for an unreachable database when the bot is told to stop during start-up.
  const starting = new AbortController();

  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    starting.abort();
    health.markStopping();
    logger.info({ reason, graceMs: config.shutdownGraceMs }, 'stopping');
    watcher?.close();
    parent?.stop();
    scheduler?.stop();
    fetcher?.stop();
    topics?.stop();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => {
      timer = setTimeout(() => resolve('timeout'), config.shutdownGraceMs);
    });
    const finished = Promise.allSettled([
      ...adapters.map((a) => a.stop().catch((err: unknown) => logger.error({ err, adapter: a.name }, 'adapter did not stop cleanly'))),
      // A digest state write in progress must finish, or a restart could post the day twice.
      scheduler?.idle(),
      // An aborted fetch pass still saves its bookkeeping.
      fetcher?.idle(),
      // A watch post under way is recorded, or a restart could post it again.
      topics?.idle(),
    ])
      // Thread contexts, watches and votes written last, after the answers that changed them.
      .then(() => chatIdle?.())
      // The database last, once nothing writes to it any more.
      .then(() => state?.close())
      .then(() => 'done' as const);
    if ((await Promise.race([finished, graceOver])) === 'timeout') {
      logger.warn({ graceMs: config.shutdownGraceMs }, 'answers still in flight when SHUTDOWN_GRACE_MS ran out; exiting without them');
    }
    clearTimeout(timer);
    await healthServer?.close();
    await closeEngine?.().catch((err: unknown) => logger.error({ err }, 'closing the search database failed'));
    logger.info('stopped');
    await flushStdout();
    process.exit(0);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (stopping) {
      logger.warn({ signal }, 'second signal; exiting at once');
      process.exit(1);
    }
    void stop(signal);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGINT', onSignal);
  // Under `npm start`, npm passes SIGTERM to its shell only; the bot notices the shell is gone.
  if (startedByNpm()) parent = watchParent(() => void stop('parent process ended'));

  // A crash mid-write can leave a temporary copy of the index (hundreds of MiB) behind.
  const abandoned = await removeAbandonedTemporaries(config.dataDir);
  if (abandoned.length > 0) logger.info({ files: abandoned }, `removed ${abandoned.length} temporary file(s) a crashed write left in DATA_DIR`);

  // The state first: a database that cannot be reached stops start-up before the index is built.
  state = await openStores({
    dataDir: config.dataDir,
    database: config.database,
    threadContextHours: config.chat.threadContextHours,
    feedbackSalt: config.chat.feedbackSalt,
    logger,
    signal: starting.signal,
  });
  const database = state.database;
  if (database) {
    // A database that goes away is reported on /healthz and logged, also while nobody asks anything.
    health.database(() => database.state());
    database.monitor();
  }
  // A bot that fetches its material may start with no corpus yet: the fetcher fills the folder.
  if (config.sources) await mkdir(config.corpusDir, { recursive: true });
  // With SEARCH_BACKEND=postgres the search tables are in the state's database, through its pool.
  const opened = await openAnswerEngine(config, { logger, ...(database ? { database } : {}) });
  const engine = opened.engine;
  closeEngine = opened.close;
  health.indexLoaded(engine.report.meetings, engine.report.items);
  logger.info(
    { meetings: engine.report.meetings, items: engine.report.items, skipped: engine.report.skipped.length, rebuilt: engine.report.rebuilt, ms: Math.round(performance.now() - started) },
    'corpus ready',
  );
  logger.info({ state: state.backend, where: state.where }, state.backend === 'postgres' ? `state kept in the database at ${state.where}` : `state kept in files in ${state.where}`);

  const { chat, stores, idle } = await openChat({ engine, state, logger });
  chatIdle = idle;
  const watchTargets: WatchTarget[] = [];

  watcher = watchCorpus(config.corpusDir, async () => {
    try {
      const report = await engine.reload();
      health.indexLoaded(report.meetings, report.items);
      if (report.rebuilt) logger.info({ meetings: report.meetings, items: report.items, skipped: report.skipped }, 'corpus changed; index rebuilt');
    } catch (err) {
      logger.error({ err }, 're-indexing the corpus failed; still answering from the previous index');
      return;
    }
    // New agendas and minutes are checked against the channels' topics.
    await topics?.check().catch((err: unknown) => logger.error({ err }, 'checking topic watches failed'));
  });

  // Fetched material lands in CORPUS_DIR/fetched/, where the watcher above picks it up.
  if (config.sources) {
    const { startFetchScheduler } = await import('../fetch/fetch-scheduler.js');
    fetcher = startFetchScheduler({ config: config.sources, corpusDir: config.corpusDir, dataDir: config.dataDir, logger });
  }

  // Each platform's SDK is loaded only when it is configured: together they take seconds to import.
  const healthz = health.serve;
  const supervised: SupervisedAdapter[] = [];
  const supervise = (name: RunningAdapter['name'], start: () => Promise<RunningAdapter>) => {
    const adapter = new SupervisedAdapter({ name, start, logger });
    supervised.push(adapter);
    adapters.push(adapter);
    health.platform(name, () => adapter.state());
  };
  if (config.slack) {
    const slack = config.slack;
    const { startSlack } = await import('../adapters/slack/start.js');
    supervise('slack', () => startSlack(engine, slack, logger, { healthz, requests: new Requests(logger), chat }));
  }
  if (config.discord) {
    const discord = config.discord;
    const { startDiscord } = await import('../adapters/discord/start.js');
    supervise('discord', () => startDiscord(engine, discord, logger, { requests: new Requests(logger), chat }));
  }
  if (config.teams) {
    const teams = config.teams;
    const { startTeams } = await import('../adapters/teams/start.js');
    const conversations = await state.teamsConversations();
    supervise('teams', () => startTeams(engine, teams, logger, { conversations, healthz, requests: new Requests(logger), chat }));
  }
  // A refused token or a port in use stops start-up with its one line; a platform that is merely
  // down keeps being retried while the others serve.
  await Promise.all(supervised.map((a) => a.firstAttempt));
  if (config.healthPort !== undefined) {
    healthServer = await startHealthServer(health, config.healthPort);
    logger.info({ port: healthServer.port }, 'health check at /healthz');
  }

  const destinations: DigestDestination[] = [];
  const channelsOf: Record<string, string[]> = {
    slack: config.digest.slackChannels,
    discord: config.digest.discordChannels,
    teams: config.digest.teamsConversations,
  };
  for (const adapter of supervised) {
    const channels = channelsOf[adapter.name] ?? [];
    if (channels.length > 0) destinations.push({ target: adapter.digestTarget, channels });
  }
  if (destinations.length > 0) {
    scheduler = (await import('../schedule/digest-scheduler.js')).startDigestScheduler({ engine, targets: destinations, config: config.digest, posts: state.digestPosts, corpusDir: config.corpusDir, logger });
  }

  const interactive = process.stdin.isTTY === true;
  const platforms = supervised.length;
  watchTargets.push(...supervised.map((a) => a.watchTarget));
  if (platforms === 0 || interactive) {
    if (platforms === 0) logger.info('no chat platform configured (see .env.example); local chat on standard input');
    // The terminal chat is one thread for as long as it runs, whatever THREADS says.
    const conversation = new Conversation({ engine, threads: new MemoryThreadContextStore(), watches: stores.watches, feedback: stores.feedback, logger });
    const terminal = startTerminalChat(engine, {
      input: process.stdin,
      output: process.stdout,
      interactive,
      conversation,
      logger,
      requests: new Requests(logger, 'debug'),
      // Without a platform the chat is the program: `exit` or the end of the input ends it. With
      // platforms, only a person at a terminal ends it so; the end of a pipe or of /dev/null
      // (systemd, a container) is not a request to stop: it serves until SIGTERM.
      onClose: () => {
        if (platforms === 0 || interactive) void stop('end of chat');
      },
    });
    adapters.push(terminal);
    watchTargets.push(terminal.watchTarget);
  }
  // Topic watches: material indexed while the bot was down is checked now, new material after each re-index.
  topics = new TopicWatcher({ engine, store: stores.watches, targets: watchTargets, logger: logger.child({ component: 'watches' }) });
  void topics.check().catch((err: unknown) => logger.error({ err }, 'checking topic watches failed'));
  logger.info({ adapters: adapters.map((a) => a.name), ms: Math.round(performance.now() - started) }, 'mødebot is ready');
  // Keeps the process alive when nothing else does (platforms still retrying, standard input at its end).
  if (platforms > 0) setInterval(() => {}, 1 << 30);
});
