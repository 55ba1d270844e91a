import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Request, WebResponse } from '@microsoft/agents-hosting';

/**
 * The SDK processes activities through two small interfaces (`Request`, `WebResponse`) that
 * Express happens to satisfy. Node's own http module is enough for one POST route, so mødebot
 * adapts it here instead of pulling in a web framework.
 */

/** Activities are small; anything much larger is not from Teams. */
export const MAX_BODY_BYTES = 1024 * 1024;

export class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/** Reads a JSON object body. */
export async function readJsonBody(req: IncomingMessage): Promise<Record<string, unknown>> {
  const type = req.headers['content-type'] ?? '';
  if (!/^application\/json\b/i.test(type)) throw new HttpError(415, 'expected application/json');
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new HttpError(413, 'request body too large');
    chunks.push(chunk as Buffer);
  }
  let body: unknown;
  try {
    body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
  } catch {
    throw new HttpError(400, 'body is not JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw new HttpError(400, 'body is not an activity');
  return body as Record<string, unknown>;
}

export function toRequest(req: IncomingMessage, body: Record<string, unknown>): Request {
  return { body, headers: req.headers as Request['headers'], method: req.method ?? 'POST' };
}

/** `WebResponse` over a Node response: `send` writes JSON for objects, text otherwise. */
export function toWebResponse(res: ServerResponse): WebResponse {
  const web: WebResponse = {
    status(code: number) {
      res.statusCode = code;
      return web;
    },
    setHeader(name: string, value: string) {
      res.setHeader(name, value);
      return web;
    },
    send(body?: unknown) {
      if (body === undefined || body === null) return web;
      if (typeof body === 'string' || Buffer.isBuffer(body)) {
        if (!res.headersSent && !res.hasHeader('content-type')) res.setHeader('content-type', 'text/plain; charset=utf-8');
        res.end(body);
      } else {
        if (!res.headersSent) res.setHeader('content-type', 'application/json; charset=utf-8');
        res.end(JSON.stringify(body));
      }
      return web;
    },
    end() {
      if (!res.writableEnded) res.end();
      return web;
    },
    get headersSent() {
      return res.headersSent;
    },
    get writableEnded() {
      return res.writableEnded;
    },
  };
  return web;
}
