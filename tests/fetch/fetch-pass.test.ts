import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { countReport, runFetchPass, type FetchReport } from '../../src/fetch/fetch-pass.js';
import { PoliteClient, userAgentFor } from '../../src/fetch/http-client.js';
import { listingPage, Publisher, seedHtml, seedPdf } from './publisher.js';

let pdf2024: Uint8Array;
let pdf2025: Uint8Array;
let html2025: string;
beforeAll(async () => {
  [pdf2024, pdf2025, html2025] = await Promise.all([seedPdf('2024-06-18'), seedPdf('2025-04-11'), seedHtml('2025-04-11')]);
});

let site: Publisher;
let other: Publisher;
let tmp: string;
let corpusDir: string;
let dataDir: string;
beforeEach(async () => {
  site = await Publisher.start();
  other = await Publisher.start();
  tmp = mkdtempSync(path.join(os.tmpdir(), 'moedebot-fetch-'));
  corpusDir = path.join(tmp, 'corpus');
  dataDir = path.join(tmp, 'data');
});
afterEach(async () => {
  await site.close();
  await other.close();
  rmSync(tmp, { recursive: true, force: true });
});

const PDF_2024 = '/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf';
const HTML_2025 = '/moeder/2025-04-11/dagsorden';
const PDF_2025 = '/media/c3/dagsorden-kkr-hovedstaden-11-april-2025.pdf';
const ATTACHMENT = '/media/b2/bilag-3-6-fysioterapi.pdf';

/** KL-like material page in two pages: the 2024 agenda as PDF, the 2025 one as an HTML publication, then as PDF on page 2. */
function publish(): void {
  site.document(
    '/moedemateriale',
    listingPage(
      'Mødemateriale KKR Hovedstaden',
      [
        [PDF_2024, 'Dagsorden KKR Hovedstaden 18. juni 2024'],
        [HTML_2025, 'Dagsorden KKR Hovedstaden 11. april 2025'],
        [ATTACHMENT, 'Bilag 3.6 Praksisplan for fysioterapi'],
        [other.url('/media/dagsorden-andet-sted.pdf'), 'Dagsorden hos en anden udgiver'],
      ],
      '<nav><a href="/moedemateriale?page=2">Næste side</a></nav>',
    ),
  );
  site.document('/moedemateriale?page=2', listingPage('Mødemateriale KKR Hovedstaden, side 2', [[PDF_2025, 'Referat og dagsorden KKR Hovedstaden 11. april 2025 (PDF)']]));
  site.document(PDF_2024, pdf2024);
  site.document(HTML_2025, html2025);
  site.document(PDF_2025, pdf2025, { etag: false, lastModified: new Date('2025-04-04T10:00:00Z') });
  site.document(ATTACHMENT, pdf2024);
}

function pass(overrides: { timeoutMs?: number; sources?: string[] } = {}): Promise<FetchReport> {
  const client = new PoliteClient({ userAgent: userAgentFor('it@eksempel.dk'), timeoutMs: overrides.timeoutMs ?? 10_000, maxBytes: 1 << 20, maxAttempts: 2, retryBaseMs: 1, hostGapMs: 0 });
  return runFetchPass({ sources: overrides.sources ?? [site.url('/moedemateriale')], corpusDir, dataDir, client });
}

function statusOf(report: FetchReport, urlPath: string): string | undefined {
  return report.documents.find((d) => d.url === site.url(urlPath))?.status;
}

function fetched(file: string): Buffer {
  return readFileSync(path.join(corpusDir, file));
}

function manifest(): Array<Record<string, string>> {
  return (JSON.parse(readFileSync(path.join(corpusDir, 'fetched', 'manifest.json'), 'utf8')) as { documents: Array<Record<string, string>> }).documents;
}

function allFiles(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const host = () => new URL(site.origin).host.replace(':', '_');

describe('runFetchPass', () => {
  it('stores the agendas and minutes of a paged listing under fetched/<host>/ with their published addresses', async () => {
    publish();
    const report = await pass();

    expect(countReport(report)).toEqual({ found: 3, fetched: 3, new: 3, updated: 0, unchanged: 0, failed: 0 });
    expect(report.sources).toEqual([{ url: site.url('/moedemateriale'), kind: 'listing', pages: 2, found: 3, failures: [] }]);
    expect(allFiles(corpusDir)).toEqual(
      [
        `fetched/${host()}/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf`,
        `fetched/${host()}/media/c3/dagsorden-kkr-hovedstaden-11-april-2025.pdf`,
        `fetched/${host()}/moeder/2025-04-11/dagsorden.html`,
        'fetched/manifest.json',
      ].sort(),
    );
    expect(fetched(`fetched/${host()}/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf`).equals(Buffer.from(pdf2024))).toBe(true);
    expect(fetched(`fetched/${host()}/moeder/2025-04-11/dagsorden.html`).toString('utf8')).toBe(html2025);
    expect(manifest()).toContainEqual({
      file: `${host()}/media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf`,
      sourceUrl: site.url(PDF_2024),
      materialUrl: site.url('/moedemateriale'),
      kind: 'agenda',
      title: 'Dagsorden KKR Hovedstaden 18. juni 2024',
    });
    expect(manifest().find((e) => e.sourceUrl === site.url(PDF_2025))?.kind).toBe('minutes');
    // Attachments and other hosts are not fetched; the bookkeeping is in DATA_DIR, not the corpus.
    expect(site.hits(ATTACHMENT)).toHaveLength(0);
    expect(other.requests).toHaveLength(0);
    expect(allFiles(dataDir)).toEqual(['fetch-state.json']);
    expect(site.maxInFlight).toBe(1);
  });

  it('downloads nothing on the second pass: every address answers 304 or is matched by its validators', async () => {
    publish();
    await pass();
    const before = site.requests.length;
    const report = await pass();

    expect(countReport(report)).toMatchObject({ found: 3, fetched: 0, unchanged: 3, failed: 0 });
    const second = site.requests.slice(before);
    expect(second.map((r) => r.status)).toEqual(second.map(() => 304));
    expect(second.filter((r) => r.path === PDF_2025)[0]?.headers['if-modified-since']).toBe('Fri, 04 Apr 2025 10:00:00 GMT');
    expect(report.documents.map((d) => d.detail)).toEqual(['304 Not Modified', '304 Not Modified', '304 Not Modified']);
  });

  it('recognises content it already has when the server sends no validators, and rewrites nothing', async () => {
    site.document('/liste', listingPage('Dagsordener', [['/d.pdf', 'Dagsorden 18. juni 2024']]), { etag: false });
    site.document('/d.pdf', pdf2024, { etag: false });
    await pass({ sources: [site.url('/liste')] });
    const file = path.join(corpusDir, 'fetched', host(), 'd.pdf');
    const stored = statSync(file);
    const report = await pass({ sources: [site.url('/liste')] });
    expect(report.documents).toEqual([{ url: site.url('/d.pdf'), status: 'unchanged', file: `fetched/${host()}/d.pdf`, detail: 'same content', listing: site.url('/liste') }]);
    expect(statSync(file).mtimeMs).toBe(stored.mtimeMs);
  });

  it('replaces a copy whose published document changed', async () => {
    site.document('/liste', listingPage('Dagsordener', [['/d.pdf', 'Dagsorden KKR Hovedstaden']]));
    site.document('/d.pdf', pdf2024);
    await pass({ sources: [site.url('/liste')] });
    site.document('/d.pdf', pdf2025);
    const report = await pass({ sources: [site.url('/liste')] });
    expect(report.documents[0]?.status).toBe('updated');
    expect(fetched(`fetched/${host()}/d.pdf`).equals(Buffer.from(pdf2025))).toBe(true);
  });

  it('reports each fault for its address, keeps every good copy, and tries again next pass', async () => {
    const docs = ['/a.pdf', '/b.pdf', '/c.pdf', '/d.pdf', '/e.pdf', '/f.html'];
    site.document('/liste', listingPage('Mødemateriale', [...docs.map((d, i) => [d, `Dagsorden ${i + 1}. marts 2025`] as const), ['/ny.pdf', 'Referat 20. marts 2025']]));
    for (const d of docs) site.document(d, d.endsWith('.html') ? html2025 : pdf2024);
    site.route('/ny.pdf', (_req, res) => res.writeHead(500).end());
    const first = await pass({ sources: [site.url('/liste')], timeoutMs: 500 });
    expect(countReport(first)).toMatchObject({ new: 6, failed: 1 });
    expect(first.documents.find((d) => d.url === site.url('/ny.pdf'))?.detail).toBe('answered 500 Internal Server Error');

    // Now every document misbehaves in its own way.
    site.route('/a.pdf', (_req, res) => res.writeHead(404).end());
    site.route('/b.pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end('<!DOCTYPE html><html><body>Log ind</body></html>'));
    site.route('/c.pdf', () => {
      // never answers
    });
    site.route('/d.pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(2 << 20) }).end(Buffer.alloc(2 << 20)));
    site.route('/e.pdf', (_req, res) => res.writeHead(302, { location: other.url('/e.pdf') }).end());
    site.route('/f.html', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf' }).end(Buffer.from(pdf2024).subarray(0, 5000)));
    const second = await pass({ sources: [site.url('/liste')], timeoutMs: 500 });

    const reasons = Object.fromEntries(second.documents.map((d) => [new URL(d.url).pathname, `${d.status}: ${d.detail}`]));
    const kept = /; the copy fetched \d{4}-\d{2}-\d{2} is kept$/;
    expect(reasons['/a.pdf']).toMatch(/^failed: answered 404 Not Found; the copy fetched/);
    expect(reasons['/b.pdf']).toMatch(/^failed: is not a PDF although the server says it is one: it is an HTML page/);
    expect(reasons['/c.pdf']).toMatch(/^failed: did not answer within 0.5 s/);
    expect(reasons['/d.pdf']).toMatch(/^failed: is 2 MB, over the limit of 1 MB/);
    expect(reasons['/e.pdf']).toMatch(/^failed: redirects to another host/);
    expect(reasons['/f.html']).toMatch(/^failed: is an incomplete PDF/);
    for (const d of docs) expect(reasons[d]).toMatch(kept);
    expect(reasons['/ny.pdf']).toBe('failed: answered 500 Internal Server Error');
    expect(countReport(second)).toMatchObject({ found: 7, failed: 7 });

    // Nothing was replaced or removed, and the manifest still gives every copy its address.
    for (const d of docs) {
      const file = `fetched/${host()}${d}`;
      expect(fetched(file).equals(Buffer.from(d.endsWith('.html') ? html2025 : pdf2024))).toBe(true);
    }
    expect(manifest().map((e) => e.sourceUrl).sort()).toEqual(docs.map((d) => site.url(d)).sort());
    expect(allFiles(corpusDir).filter((f) => f.includes('.tmp'))).toEqual([]);
    const state = JSON.parse(readFileSync(path.join(dataDir, 'fetch-state.json'), 'utf8')) as { documents: Record<string, { failures: number; lastError?: string }> };
    expect(state.documents[site.url('/ny.pdf')]).toMatchObject({ failures: 2, lastError: 'answered 500 Internal Server Error' });

    // Repaired: the next pass takes them up again.
    for (const d of docs) site.document(d, d.endsWith('.html') ? html2025 : pdf2024);
    site.document('/ny.pdf', pdf2025);
    const third = await pass({ sources: [site.url('/liste')] });
    expect(countReport(third)).toMatchObject({ new: 1, unchanged: 6, failed: 0 });
  });

  it('keeps a document that disappears from the listing', async () => {
    publish();
    await pass();
    site.document('/moedemateriale', listingPage('Mødemateriale KKR Hovedstaden', [[HTML_2025, 'Dagsorden KKR Hovedstaden 11. april 2025']]));
    const report = await pass();
    expect(report.documents.map((d) => d.url)).toEqual([site.url(HTML_2025)]);
    expect(existsSync(path.join(corpusDir, 'fetched', host(), 'media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf'))).toBe(true);
    expect(manifest().map((e) => e.sourceUrl)).toContain(site.url(PDF_2024));
  });

  it('reports a listing that cannot be read and keeps what it listed before', async () => {
    publish();
    await pass();
    site.route('/moedemateriale', (_req, res) => res.writeHead(502).end());
    const report = await pass();
    expect(report.sources[0]?.failures).toEqual([{ url: site.url('/moedemateriale'), reason: 'answered 502 Bad Gateway' }]);
    expect(countReport(report).failed).toBe(1);
    expect(manifest()).toHaveLength(3);
  });

  it('reads at most the configured number of listing pages and says there were more', async () => {
    for (let n = 1; n <= 3; n++) site.document(`/arkiv?page=${n}`, listingPage(`Arkiv side ${n}`, [[`/d${n}.pdf`, `Referat ${n}. maj 2020`]], `<a href="/arkiv?page=${n + 1}">Næste</a>`));
    for (let n = 1; n <= 3; n++) site.document(`/d${n}.pdf`, pdf2024);
    const client = new PoliteClient({ userAgent: userAgentFor('it@eksempel.dk'), timeoutMs: 10_000, maxBytes: 1 << 20, hostGapMs: 0 });
    const report = await runFetchPass({ sources: [site.url('/arkiv?page=1')], corpusDir, dataDir, client, maxListingPages: 2 });
    expect(report.sources[0]).toMatchObject({ pages: 2, found: 2, morePages: true });
    expect(site.hits('/arkiv?page=3')).toHaveLength(0);
  });

  it('takes single documents named in SOURCES: a PDF and an HTML publication', async () => {
    site.document('/files/agenda.pdf', pdf2024);
    site.document(HTML_2025, html2025);
    const report = await pass({ sources: [site.url('/files/agenda.pdf'), site.url(HTML_2025)] });
    expect(report.sources.map((s) => [s.kind, s.found])).toEqual([
      ['document', 1],
      ['document', 1],
    ]);
    expect(countReport(report)).toMatchObject({ new: 2, failed: 0 });
    expect(manifest().map((e) => e.sourceUrl).sort()).toEqual([site.url('/files/agenda.pdf'), site.url(HTML_2025)].sort());
    // Known as documents now, they are asked for conditionally, not read as listings.
    const again = await pass({ sources: [site.url('/files/agenda.pdf'), site.url(HTML_2025)] });
    expect(again.documents.map((d) => d.detail)).toEqual(['304 Not Modified', '304 Not Modified']);
  });

  it('moves a damaged state file aside, says so, and still rewrites nothing it has', async () => {
    publish();
    await pass();
    const file = path.join(corpusDir, 'fetched', host(), 'media/a1/dagsorden-kkr-hovedstaden-18-juni-2024.pdf');
    const stored = statSync(file);
    writeFileSync(path.join(dataDir, 'fetch-state.json'), '{"version": 1, "documents": {');
    const report = await pass();
    expect(report.problems).toEqual([`${path.join(dataDir, 'fetch-state.json')} was damaged and has been moved to ${path.join(dataDir, 'fetch-state.json.bad')}; starting afresh`]);
    expect(existsSync(path.join(dataDir, 'fetch-state.json.bad'))).toBe(true);
    expect(countReport(report)).toMatchObject({ found: 3, unchanged: 3, failed: 0 });
    expect(statSync(file).mtimeMs).toBe(stored.mtimeMs);
  });
});
