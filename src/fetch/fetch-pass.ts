import { stat } from 'node:fs/promises';
import path from 'node:path';
import { FetchError } from '../errors.js';
import type { Logger } from '../log.js';
import { checkDocument, isPdf, type DocumentKind } from './content-check.js';
import { sha256, storeDocument, storedFileName, storedHash, uniqueFileName } from './document-store.js';
import { FETCHED_DIR, readFetchedManifest, writeFetchedManifest, type FetchedEntry } from './fetched-manifest.js';
import { readFetchState, writeFetchState, type DocumentState, type FetchState } from './fetch-state.js';
import type { GetAnswer, PoliteClient } from './http-client.js';
import { readListing, type MaterialLink } from './listing-links.js';

/** Pages of one paged listing read per pass (the first included); older pages rarely change. */
export const DEFAULT_MAX_LISTING_PAGES = 20;

const ACCEPT_LISTING = 'text/html, application/xhtml+xml;q=0.9, application/pdf;q=0.8, */*;q=0.1';
const ACCEPT_DOCUMENT = 'application/pdf, text/html;q=0.9, application/xhtml+xml;q=0.9, */*;q=0.1';

export interface FetchPassOptions {
  /** Listing pages and single documents (`SOURCES`). */
  sources: readonly string[];
  corpusDir: string;
  dataDir: string;
  client: PoliteClient;
  /** Default {@link DEFAULT_MAX_LISTING_PAGES}. */
  maxListingPages?: number;
  /** Called as addresses are found and done; for a progress line on a terminal. */
  onProgress?: (progress: FetchProgress) => void;
  logger?: Logger;
  /** The clock for the state's timestamps; default `() => new Date()`. */
  now?: () => Date;
}

export interface FetchProgress {
  /** Documents found so far (grows while listings are read). */
  found: number;
  /** Documents finished, whatever the outcome. */
  done: number;
  /** The address just finished. */
  url: string;
}

/** What became of one document address. */
export interface DocumentOutcome {
  url: string;
  /**
   * - `new`: stored for the first time; `updated`: its content changed and the new copy replaced the old.
   * - `unchanged`: answered 304 Not Modified, or sent the content we have (nothing written).
   * - `failed`: see `reason`; any copy fetched before is kept and the address is tried again next pass.
   */
  status: 'new' | 'updated' | 'unchanged' | 'failed';
  /** The stored copy, relative to the corpus folder (`fetched/www.kl.dk/media/….pdf`), when there is one. */
  file?: string;
  /** `304 Not Modified`, `same content`, or why it failed. */
  detail: string;
  /** The listing it was found on. */
  listing?: string;
}

/** What became of one address in SOURCES. */
export interface SourceOutcome {
  url: string;
  kind: 'listing' | 'document';
  /** Listing pages read (the first and its further pages). */
  pages: number;
  /** Documents this source lists (a document source: 1). */
  found: number;
  /** Set when the source (or one of its further pages) could not be read. */
  failures: Array<{ url: string; reason: string }>;
  /** The listing had more pages than a pass reads ({@link DEFAULT_MAX_LISTING_PAGES}). */
  morePages?: boolean;
}

export interface FetchReport {
  startedAt: string;
  finishedAt: string;
  sources: SourceOutcome[];
  documents: DocumentOutcome[];
  /** Trouble with the bookkeeping itself (a damaged state file moved aside, …). */
  problems: string[];
}

/** Totals of a report, for its last line and the log. */
export function countReport(report: FetchReport): { found: number; fetched: number; new: number; updated: number; unchanged: number; failed: number } {
  const by = (s: DocumentOutcome['status']) => report.documents.filter((d) => d.status === s).length;
  const sourceFailures = report.sources.reduce((n, s) => n + s.failures.length, 0);
  return {
    found: report.documents.length,
    fetched: by('new') + by('updated'),
    new: by('new'),
    updated: by('updated'),
    unchanged: by('unchanged'),
    failed: by('failed') + sourceFailures,
  };
}

async function exists(file: string): Promise<boolean> {
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

function reasonOf(err: unknown): string {
  if (err instanceof FetchError) return err.reason;
  return `could not be fetched (${err instanceof Error ? err.message : String(err)})`;
}

function looksLikePdfAddress(url: string): boolean {
  return /\.pdf$/i.test(new URL(url).pathname);
}

/**
 * One pass over the sources: reads each listing (and its further pages), fetches every agenda and
 * minutes it links to that is new or changed, and stores them under `CORPUS_DIR/fetched/<host>/`
 * with entries in `CORPUS_DIR/fetched/manifest.json`. Bookkeeping goes to
 * `DATA_DIR/fetch-state.json`.
 *
 * Nothing is ever removed: a document that fails (404, timeout, wrong type, too large, TLS) keeps
 * its earlier copy and is tried again next pass; a document no longer listed stays in the corpus.
 * Never throws for a single address; only an unwritable corpus or data folder makes it throw.
 *
 * @example
 * const report = await runFetchPass({ sources: config.sources.urls, corpusDir, dataDir, client });
 * countReport(report) // { found: 3, fetched: 1, new: 1, updated: 0, unchanged: 2, failed: 0 }
 */
export async function runFetchPass(options: FetchPassOptions): Promise<FetchReport> {
  const { client, logger } = options;
  const now = options.now ?? (() => new Date());
  const startedAt = now().toISOString();
  const fetchedDir = path.join(options.corpusDir, FETCHED_DIR);
  const maxPages = Math.max(1, options.maxListingPages ?? DEFAULT_MAX_LISTING_PAGES);
  const problems: string[] = [];

  const stateRead = await readFetchState(options.dataDir);
  if (stateRead.problem) problems.push(stateRead.problem);
  const state: FetchState = stateRead.state;
  const manifestRead = await readFetchedManifest(fetchedDir);
  if (manifestRead.problem) problems.push(manifestRead.problem);
  // Entries of documents the state does not know (its file was lost): kept, and their files reused.
  const manifestByUrl = new Map(manifestRead.entries.map((e) => [e.sourceUrl, e]));
  const takenBy = new Map<string, string>();
  for (const entry of manifestRead.entries) takenBy.set(entry.file, entry.sourceUrl);
  for (const [url, doc] of Object.entries(state.documents)) if (doc.stored) takenBy.set(doc.stored.file, url);

  const outcomes = new Map<string, Promise<DocumentOutcome>>();
  let done = 0;
  const progress = (url: string) => options.onProgress?.({ found: outcomes.size, done, url });

  // --- the manifest, rewritten after each stored document so the corpus never holds a file without its entry
  let manifestWrites: Promise<void> = Promise.resolve();
  let lastManifest = JSON.stringify(manifestRead.entries);
  // Which stored files are really there, checked once per pass rather than at every manifest write.
  const present = new Set<string>();
  for (const file of new Set([...takenBy.keys()])) if (await exists(path.join(fetchedDir, file))) present.add(file);
  const manifestEntries = (): FetchedEntry[] => {
    const byUrl = new Map<string, FetchedEntry>();
    for (const entry of manifestRead.entries) {
      if (state.documents[entry.sourceUrl]?.stored === undefined && present.has(entry.file)) byUrl.set(entry.sourceUrl, entry);
    }
    for (const [url, doc] of Object.entries(state.documents)) {
      if (!doc.stored || !present.has(doc.stored.file)) continue;
      byUrl.set(url, {
        file: doc.stored.file,
        sourceUrl: url,
        ...(doc.materialUrl ? { materialUrl: doc.materialUrl } : {}),
        ...(doc.kind ? { kind: doc.kind } : {}),
        ...(doc.title ? { title: doc.title } : {}),
      });
    }
    return [...byUrl.values()].sort((a, b) => a.file.localeCompare(b.file));
  };
  const saveManifest = (): Promise<void> => {
    manifestWrites = manifestWrites.then(async () => {
      const entries = manifestEntries();
      const json = JSON.stringify(entries);
      if (json === lastManifest) return;
      await writeFetchedManifest(fetchedDir, entries);
      lastManifest = json;
    });
    return manifestWrites;
  };

  // --- documents
  const recordFailure = (url: string, reason: string, meta: Partial<DocumentState>): DocumentOutcome => {
    const prior = state.documents[url];
    state.documents[url] = {
      ...prior,
      ...meta,
      checkedAt: now().toISOString(),
      lastStatus: 'failed',
      failures: (prior?.failures ?? 0) + 1,
      lastError: reason,
    };
    const kept = prior?.stored ? `; the copy fetched ${prior.stored.storedAt.slice(0, 10)} is kept` : '';
    logger?.warn({ url, reason }, 'document not fetched; tried again next pass');
    return {
      url,
      status: 'failed',
      detail: `${reason}${kept}`,
      ...(prior?.stored ? { file: `${FETCHED_DIR}/${prior.stored.file}` } : {}),
      ...(meta.materialUrl ? { listing: meta.materialUrl } : {}),
    };
  };

  /** Stores a 200 answer's body when it is sound and differs from the copy we have. */
  const takeBody = async (url: string, answer: Extract<GetAnswer, { status: 'ok' }>, meta: Partial<DocumentState>): Promise<DocumentOutcome> => {
    const checked = checkDocument(answer.url, answer.body, answer.contentType);
    const prior = state.documents[url];
    const known = prior?.stored?.file ?? manifestByUrl.get(url)?.file;
    const wanted = known !== undefined && known.endsWith(`.${checked.kind}`) ? known : storedFileName(url, checked.kind);
    const file = uniqueFileName(wanted, url, takenBy);
    const hash = sha256(checked.body);
    const onDisk = await storedHash(fetchedDir, file);
    // A copy that vanished from the folder comes back as new.
    const status = onDisk === hash ? 'unchanged' : onDisk === undefined ? 'new' : 'updated';
    if (status !== 'unchanged') await storeDocument(fetchedDir, file, checked.body);
    present.add(file);
    takenBy.set(file, url);
    state.documents[url] = {
      ...meta,
      stored: {
        file,
        type: checked.kind,
        sha256: hash,
        size: checked.body.length,
        ...(answer.etag !== undefined ? { etag: answer.etag } : {}),
        ...(answer.lastModified !== undefined ? { lastModified: answer.lastModified } : {}),
        storedAt: status === 'unchanged' && prior?.stored?.sha256 === hash ? prior.stored.storedAt : now().toISOString(),
      },
      checkedAt: now().toISOString(),
      lastStatus: status,
      failures: 0,
    };
    await saveManifest();
    if (status !== 'unchanged') logger?.info({ url, file: `${FETCHED_DIR}/${file}`, status }, 'document stored');
    return {
      url,
      status,
      file: `${FETCHED_DIR}/${file}`,
      detail: status === 'unchanged' ? 'same content' : `${checked.kind.toUpperCase()}, ${checked.body.length} bytes`,
      ...(meta.materialUrl ? { listing: meta.materialUrl } : {}),
    };
  };

  const metaOf = (link: MaterialLink | undefined, materialUrl: string | undefined): Partial<DocumentState> => {
    const prior = link ? state.documents[link.url] : undefined;
    const title = link?.text || prior?.title;
    const kind = link?.kind ?? prior?.kind;
    const listing = materialUrl ?? prior?.materialUrl;
    return { ...(listing ? { materialUrl: listing } : {}), ...(title ? { title } : {}), ...(kind ? { kind } : {}) };
  };

  const fetchDocument = async (url: string, meta: Partial<DocumentState>): Promise<DocumentOutcome> => {
    const stored = state.documents[url]?.stored;
    // Validators only for a copy that is really there: a deleted file must come back.
    const conditional = stored !== undefined && present.has(stored.file);
    try {
      const answer = await client.get(url, {
        accept: ACCEPT_DOCUMENT,
        ...(conditional && stored.etag !== undefined ? { etag: stored.etag } : {}),
        ...(conditional && stored.lastModified !== undefined ? { lastModified: stored.lastModified } : {}),
      });
      if (answer.status === 'not-modified') {
        state.documents[url] = { ...state.documents[url]!, ...meta, checkedAt: now().toISOString(), lastStatus: 'unchanged', failures: 0 };
        delete state.documents[url].lastError;
        await saveManifest();
        return { url, status: 'unchanged', file: `${FETCHED_DIR}/${stored!.file}`, detail: '304 Not Modified', ...(meta.materialUrl ? { listing: meta.materialUrl } : {}) };
      }
      return await takeBody(url, answer, meta);
    } catch (err) {
      if (!(err instanceof FetchError)) logger?.error({ err, url }, 'unexpected error while fetching a document');
      return recordFailure(url, reasonOf(err), meta);
    }
  };

  /** Each address once per pass, however many listings link to it. */
  const documentOnce = (url: string, run: () => Promise<DocumentOutcome>): Promise<DocumentOutcome> => {
    let outcome = outcomes.get(url);
    if (outcome === undefined) {
      outcome = run().finally(() => {
        done++;
        progress(url);
      });
      outcomes.set(url, outcome);
      progress(url);
    }
    return outcome;
  };

  // --- listings
  const readListingPage = async (pageUrl: string, source: SourceOutcome, first: boolean): Promise<{ documents: MaterialLink[]; nextPages: string[]; single?: Extract<GetAnswer, { status: 'ok' }> }> => {
    const prior = state.listings[pageUrl];
    const answer = await client.get(pageUrl, {
      accept: ACCEPT_LISTING,
      ...(prior?.etag !== undefined ? { etag: prior.etag } : {}),
      ...(prior?.lastModified !== undefined ? { lastModified: prior.lastModified } : {}),
    });
    source.pages++;
    const record = (documents: MaterialLink[], nextPages: string[], answered?: Extract<GetAnswer, { status: 'ok' }>) => {
      state.listings[pageUrl] = {
        checkedAt: now().toISOString(),
        lastStatus: answered ? 'updated' : 'unchanged',
        failures: 0,
        ...(answered ? (answered.etag !== undefined ? { etag: answered.etag } : {}) : prior?.etag !== undefined ? { etag: prior.etag } : {}),
        ...(answered ? (answered.lastModified !== undefined ? { lastModified: answered.lastModified } : {}) : prior?.lastModified !== undefined ? { lastModified: prior.lastModified } : {}),
        documents,
        nextPages,
      };
    };
    if (answer.status === 'not-modified') {
      record(prior!.documents, prior!.nextPages);
      return { documents: prior!.documents, nextPages: prior!.nextPages };
    }
    // A source address may turn out to be a document itself (a PDF behind an address without .pdf).
    const type = (answer.contentType ?? '').toLowerCase();
    if (first && (type.includes('pdf') || isPdf(answer.body))) return { documents: [], nextPages: [], single: answer };
    const page = checkDocument(answer.url, answer.body, answer.contentType);
    if (page.kind !== 'html') return { documents: [], nextPages: [], single: answer };
    const links = readListing(page.body.toString('utf8'), answer.url);
    if (first && links.documents.length === 0 && links.nextPages.length === 0 && links.looksLikeMaterial) {
      return { documents: [], nextPages: [], single: answer };
    }
    record(links.documents, links.nextPages, answer);
    return links;
  };

  const processSource = async (sourceUrl: string): Promise<SourceOutcome> => {
    const source: SourceOutcome = { url: sourceUrl, kind: 'listing', pages: 0, found: 0, failures: [] };
    const asDocument = async (answer?: Extract<GetAnswer, { status: 'ok' }>) => {
      source.kind = 'document';
      source.found = 1;
      delete state.listings[sourceUrl];
      const meta = metaOf(undefined, undefined);
      await documentOnce(sourceUrl, () =>
        answer ? takeBody(sourceUrl, answer, meta).catch((err: unknown) => recordFailure(sourceUrl, reasonOf(err), meta)) : fetchDocument(sourceUrl, meta),
      );
      return source;
    };
    // A document source is fetched as a document, with its validators, from the second pass on.
    if (looksLikePdfAddress(sourceUrl) || (state.documents[sourceUrl] !== undefined && state.listings[sourceUrl] === undefined)) return asDocument();

    const queue = [sourceUrl];
    const seen = new Set(queue);
    const found: Array<Promise<DocumentOutcome>> = [];
    const listed = new Set<string>();
    while (queue.length > 0 && source.pages < maxPages) {
      const pageUrl = queue.shift()!;
      const first = pageUrl === sourceUrl;
      let links: Awaited<ReturnType<typeof readListingPage>>;
      try {
        links = await readListingPage(pageUrl, source, first);
      } catch (err) {
        const reason = reasonOf(err);
        const prior = state.listings[pageUrl];
        if (prior) Object.assign(prior, { checkedAt: now().toISOString(), lastStatus: 'failed', failures: prior.failures + 1, lastError: reason });
        source.failures.push({ url: pageUrl, reason });
        logger?.warn({ url: pageUrl, reason }, 'listing page not read; tried again next pass');
        continue;
      }
      if (links.single) return asDocument(links.single);
      for (const link of links.documents) {
        if (listed.has(link.url)) continue;
        listed.add(link.url);
        found.push(documentOnce(link.url, () => fetchDocument(link.url, metaOf(link, sourceUrl))));
      }
      for (const next of links.nextPages) {
        if (!seen.has(next)) {
          seen.add(next);
          queue.push(next);
        }
      }
    }
    source.found = listed.size;
    if (queue.length > 0) source.morePages = true;
    await Promise.all(found);
    return source;
  };

  const sources = await Promise.all(options.sources.map(processSource));
  const documents = await Promise.all(outcomes.values());
  await saveManifest();
  await writeFetchState(options.dataDir, state);
  return { startedAt, finishedAt: now().toISOString(), sources, documents, problems };
}
