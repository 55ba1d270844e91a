import { Agent, request } from 'node:http';
import { slackSignature } from './slack-stand-in.js';

/**
 * The sending side of `npm run load`, in a process of its own as Slack is: reads
 * `{ url, secret, bodies }` from standard input, posts every body signed at once, and writes each
 * request's acknowledgement (`ok`, milliseconds from sending to the response) as JSON to standard
 * output. Plain `http.request`: fetch's own overhead at 200 concurrent requests is over a second
 * on a small machine, which would be counted against the bot.
 */
const chunks: Buffer[] = [];
for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
const { url, secret, bodies } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { url: string; secret: string; bodies: string[] };
const agent = new Agent({ keepAlive: true, maxSockets: Infinity });

function post(body: string, headers: Record<string, string>): Promise<{ ok: boolean; ms: number }> {
  const sent = performance.now();
  return new Promise((resolve) => {
    const req = request(url, { method: 'POST', agent, headers: { ...headers, 'content-length': Buffer.byteLength(body) } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ok: res.statusCode === 200, ms: performance.now() - sent }));
    });
    req.on('error', () => resolve({ ok: false, ms: performance.now() - sent }));
    req.end(body);
  });
}

// Signed before the clock starts, so signing is not counted as waiting for the bot.
const signed = bodies.map((body) => ({ body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...slackSignature(secret, body) } }));
const acks = await Promise.all(signed.map(({ body, headers }) => post(body, headers)));
agent.destroy();
process.stdout.write(JSON.stringify(acks));
