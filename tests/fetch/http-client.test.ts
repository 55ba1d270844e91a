import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FetchError } from '../../src/errors.js';
import { PoliteClient, userAgentFor, type PoliteClientOptions } from '../../src/fetch/http-client.js';
import { Publisher } from './publisher.js';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n');

let site: Publisher;
let other: Publisher;
beforeEach(async () => {
  site = await Publisher.start();
  other = await Publisher.start();
});
afterEach(async () => {
  await site.close();
  await other.close();
});

function client(options: Partial<PoliteClientOptions> = {}): PoliteClient {
  return new PoliteClient({ userAgent: userAgentFor('it@eksempel.dk'), timeoutMs: 5000, maxBytes: 1 << 20, retryBaseMs: 1, hostGapMs: 0, ...options });
}

async function failure(promise: Promise<unknown>): Promise<FetchError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    return err as FetchError;
  }
  throw new Error('expected the request to fail');
}

describe('PoliteClient', () => {
  it('names the bot and its contact, and asks conditionally with the validators it has', async () => {
    site.document('/a.pdf', PDF);
    const first = await client().get(site.url('/a.pdf'), { accept: 'application/pdf' });
    expect(first.status).toBe('ok');
    if (first.status !== 'ok') return;
    expect(first.body.equals(PDF)).toBe(true);
    expect(first.etag).toMatch(/^"/);
    const second = await client().get(site.url('/a.pdf'), { accept: 'application/pdf', etag: first.etag! });
    expect(second).toEqual({ status: 'not-modified', url: site.url('/a.pdf') });
    const [a, b] = site.hits('/a.pdf');
    expect(a!.headers['user-agent']).toBe('moedebot/0.1 (+it@eksempel.dk; fetches published meeting material)');
    expect(a!.headers['if-none-match']).toBeUndefined();
    expect(b!.headers['if-none-match']).toBe(first.etag);
    expect(b!.status).toBe(304);
  });

  it('retries a 500 and a dropped connection, then gets the document', async () => {
    let calls = 0;
    site.route('/flaky.pdf', (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(500).end('oops');
      else if (calls === 2) res.socket?.destroy();
      else res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    });
    const answer = await client({ maxAttempts: 3 }).get(site.url('/flaky.pdf'), { accept: '*/*' });
    expect(answer.status).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after its attempts and says what the server answered', async () => {
    site.route('/down.pdf', (_req, res) => res.writeHead(503).end());
    const err = await failure(client({ maxAttempts: 2 }).get(site.url('/down.pdf'), { accept: '*/*' }));
    expect(err.reason).toBe('answered 503 Service Unavailable');
    expect(site.hits('/down.pdf')).toHaveLength(2);
  });

  it('waits as Retry-After asks, and leaves for the next pass when asked to wait too long', async () => {
    let calls = 0;
    site.route('/busy.pdf', (_req, res) => {
      calls++;
      if (calls === 1) res.writeHead(429, { 'retry-after': '0' }).end();
      else res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF);
    });
    expect((await client().get(site.url('/busy.pdf'), { accept: '*/*' })).status).toBe('ok');

    site.route('/later.pdf', (_req, res) => res.writeHead(503, { 'retry-after': '3600' }).end());
    const err = await failure(client({ maxRetryAfterMs: 60_000 }).get(site.url('/later.pdf'), { accept: '*/*' }));
    expect(err.reason).toBe('answered 503 Service Unavailable, and asked to come back in 3600 s');
    expect(site.hits('/later.pdf')).toHaveLength(1);
  });

  it('does not retry a 404', async () => {
    const err = await failure(client().get(site.url('/gone.pdf'), { accept: '*/*' }));
    expect(err.reason).toBe('answered 404 Not Found');
    expect(site.hits('/gone.pdf')).toHaveLength(1);
  });

  it('reports a server that does not answer in time', async () => {
    site.route('/slow.pdf', () => {
      // Never answers; the client's timeout must end the request.
    });
    const err = await failure(client({ timeoutMs: 200, maxAttempts: 2 }).get(site.url('/slow.pdf'), { accept: '*/*' }));
    expect(err.kind).toBe('timeout');
    expect(err.reason).toBe('did not answer within 0.2 s');
  });

  it('reports a body that stops arriving in time', async () => {
    site.route('/stalls.pdf', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': '100000' });
      res.write(PDF);
    });
    const err = await failure(client({ timeoutMs: 300, maxAttempts: 1 }).get(site.url('/stalls.pdf'), { accept: '*/*' }));
    expect(err.kind).toBe('timeout');
  });

  it('refuses a file over the size limit, announced or not', async () => {
    const huge = Buffer.alloc(3 << 20, 0x41);
    site.route('/huge.pdf', (_req, res) => res.writeHead(200, { 'content-type': 'application/pdf', 'content-length': String(huge.length) }).end(huge));
    site.route('/huge-chunked.pdf', (_req, res) => {
      res.writeHead(200, { 'content-type': 'application/pdf' });
      for (let i = 0; i < 12; i++) res.write(huge.subarray(0, 256 << 10));
      res.end();
    });
    const announced = await failure(client().get(site.url('/huge.pdf'), { accept: '*/*' }));
    expect(announced.kind).toBe('too-large');
    expect(announced.reason).toBe('is 3 MB, over the limit of 1 MB; raise SOURCES_MAX_MB to fetch it');
    expect((await failure(client().get(site.url('/huge-chunked.pdf'), { accept: '*/*' }))).kind).toBe('too-large');
  });

  it('follows a redirect on the same host but never to another host', async () => {
    site.document('/new.pdf', PDF);
    site.route('/old.pdf', (_req, res) => res.writeHead(301, { location: '/new.pdf' }).end());
    site.route('/away.pdf', (_req, res) => res.writeHead(302, { location: other.url('/new.pdf') }).end());
    other.document('/new.pdf', PDF);
    const moved = await client().get(site.url('/old.pdf'), { accept: '*/*' });
    expect(moved).toMatchObject({ status: 'ok', url: site.url('/new.pdf') });
    const err = await failure(client().get(site.url('/away.pdf'), { accept: '*/*' }));
    expect(err.kind).toBe('off-host');
    expect(err.reason).toContain(`redirects to another host (${new URL(other.origin).host})`);
    expect(other.requests).toHaveLength(0);
  });

  it('reports a TLS failure', async () => {
    // An https request to a plain HTTP server fails in the TLS handshake.
    const err = await failure(client().get(site.url('/a.pdf').replace('http:', 'https:'), { accept: '*/*' }));
    expect(err.kind).toBe('tls');
    expect(err.reason).toMatch(/^TLS error/);
  });

  it('keeps one request at a time per host', async () => {
    for (let i = 0; i < 5; i++) {
      site.route(`/d${i}.pdf`, (_req, res) => setTimeout(() => res.writeHead(200, { 'content-type': 'application/pdf' }).end(PDF), 20));
    }
    const polite = client();
    const answers = await Promise.all([0, 1, 2, 3, 4].map((i) => polite.get(site.url(`/d${i}.pdf`), { accept: '*/*' })));
    expect(answers.every((a) => a.status === 'ok')).toBe(true);
    expect(site.maxInFlight).toBe(1);
  });

  it('stops waiting and requesting when told to stop', async () => {
    const stop = new AbortController();
    site.route('/slow.pdf', () => stop.abort());
    const err = await failure(client({ signal: stop.signal }).get(site.url('/slow.pdf'), { accept: '*/*' }));
    expect(err.kind).toBe('aborted');
  });
});
