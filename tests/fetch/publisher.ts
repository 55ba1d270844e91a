import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { makeAgendaPdf } from '../../scripts/make-test-pdf.js';

/**
 * A publisher's web site on 127.0.0.1 (an ephemeral port), standing in for KL's or a
 * municipality's: listing pages, documents with validators, and whatever misbehaviour a test sets
 * up. It records every request and the most requests it ever had open at once.
 */

export type Handler = (req: IncomingMessage, res: ServerResponse) => void;

export interface DocumentOptions {
  /** Default `application/pdf` for a Uint8Array body, `text/html; charset=utf-8` for a string. */
  type?: string;
  /** Send an ETag and answer If-None-Match; default true. */
  etag?: boolean;
  /** Send Last-Modified and answer If-Modified-Since; default false. */
  lastModified?: Date;
}

export interface SeenRequest {
  path: string;
  headers: IncomingMessage['headers'];
  /** The status answered. */
  status: number;
}

export class Publisher {
  readonly requests: SeenRequest[] = [];
  maxInFlight = 0;
  private inFlight = 0;
  private readonly routes = new Map<string, Handler>();

  private constructor(private readonly server: http.Server) {}

  static async start(): Promise<Publisher> {
    const server = http.createServer();
    const site = new Publisher(server);
    server.on('request', (req, res) => site.handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return site;
  }

  /** `http://127.0.0.1:<port>` */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  url(path: string): string {
    return `${this.origin}${path}`;
  }

  /** Serves `path` with a handler of its own. */
  route(path: string, handler: Handler): void {
    this.routes.set(path, handler);
  }

  remove(path: string): void {
    this.routes.delete(path);
  }

  /** Serves a document the way a well-behaved server does: 200 with validators, 304 when they match. */
  document(path: string, body: string | Uint8Array, options: DocumentOptions = {}): void {
    const bytes = typeof body === 'string' ? Buffer.from(body, 'utf8') : Buffer.from(body);
    const type = options.type ?? (typeof body === 'string' ? 'text/html; charset=utf-8' : 'application/pdf');
    const etag = options.etag === false ? undefined : `"${createHash('sha256').update(bytes).digest('hex').slice(0, 16)}"`;
    const modified = options.lastModified;
    this.route(path, (req, res) => {
      const headers: Record<string, string> = { 'content-type': type };
      if (etag) headers.etag = etag;
      if (modified) headers['last-modified'] = modified.toUTCString();
      const matchesEtag = etag !== undefined && req.headers['if-none-match'] === etag;
      const since = req.headers['if-modified-since'];
      const notModifiedSince = modified !== undefined && since !== undefined && Date.parse(since) >= Math.floor(modified.getTime() / 1000) * 1000;
      if (matchesEtag || (req.headers['if-none-match'] === undefined && notModifiedSince)) {
        res.writeHead(304, headers).end();
        return;
      }
      res.writeHead(200, { ...headers, 'content-length': String(bytes.length) }).end(bytes);
    });
  }

  /** Requests for `path` answered with `status` (200 only by default). */
  hits(path: string, status?: number): SeenRequest[] {
    return this.requests.filter((r) => r.path === path && (status === undefined || r.status === status));
  }

  private handle(req: IncomingMessage, res: ServerResponse): void {
    this.inFlight++;
    this.maxInFlight = Math.max(this.maxInFlight, this.inFlight);
    const seen: SeenRequest = { path: req.url ?? '/', headers: req.headers, status: 0 };
    this.requests.push(seen);
    let counted = true;
    const done = () => {
      if (!counted) return;
      counted = false;
      this.inFlight--;
      seen.status = res.statusCode;
    };
    res.on('finish', done);
    res.on('close', done);
    const handler = this.routes.get(req.url ?? '/');
    if (handler) handler(req, res);
    else res.writeHead(404, { 'content-type': 'text/html' }).end('<html><body>Siden findes ikke</body></html>');
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

const pdfs = new Map<string, Promise<Uint8Array>>();

/** A bundled seed agenda rendered as a PDF like the published one (cached per test file). */
export function seedPdf(seed: '2024-06-18' | '2025-04-11'): Promise<Uint8Array> {
  let pdf = pdfs.get(seed);
  if (!pdf) {
    pdf = readFile(`corpus/kkr-hovedstaden-${seed}-dagsorden.txt`, 'utf8').then((text) => makeAgendaPdf(text));
    pdfs.set(seed, pdf);
  }
  return pdf;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A bundled seed agenda as an HTML publication, the way agenda systems publish one meeting: a
 * title, then the agenda's paragraphs, each a `<p>` with its lines kept apart by `<br>`.
 */
export async function seedHtml(seed: '2024-06-18' | '2025-04-11'): Promise<string> {
  const text = await readFile(`corpus/kkr-hovedstaden-${seed}-dagsorden.txt`, 'utf8');
  const paragraphs = text
    .split(/\r?\n[ \t]*\r?\n/)
    .map((block) =>
      block
        .split(/\r?\n/)
        .filter((line) => line.trim() !== '')
        .map((line) => escapeHtml(line.trim()))
        .join('<br>\n'),
    )
    .filter((block) => block !== '')
    .map((block) => `<p>${block}</p>`)
    .join('\n');
  return `<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>Dagsorden KKR Hovedstaden ${seed}</title></head>\n<body><main>\n${paragraphs}\n</main></body></html>\n`;
}

/** A listing page with the given links (`[href, text]`) in a list, as KL's mødemateriale page has them. */
export function listingPage(title: string, links: ReadonlyArray<readonly [string, string]>, extra = ''): string {
  const items = links.map(([href, text]) => `<li><a href="${href}">${escapeHtml(text)}</a></li>`).join('\n');
  return `<!DOCTYPE html>\n<html lang="da"><head><meta charset="utf-8"><title>${escapeHtml(title)}</title></head>\n<body>\n<nav><a href="/">Forside</a> <a href="/politik/dagsordener-og-referater">Dagsordener og referater</a></nav>\n<h1>${escapeHtml(title)}</h1>\n<ul>\n${items}\n</ul>\n${extra}\n</body></html>\n`;
}
