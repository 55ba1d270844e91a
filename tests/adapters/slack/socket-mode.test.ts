import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSlack } from '../../../src/adapters/slack/start.js';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { createLogger } from '../../../src/log.js';
import { SLACK_TEST_IDENTITY, startSlackApiServer, type SlackApiServer } from '../../stand-ins/slack-api.js';
import { TEST_CHANNEL, TEST_SIGNING_SECRET, TEST_USER } from '../../stand-ins/slack-requests.js';
import { tempDir } from '../../helpers/temp-dir.js';

/**
 * Socket Mode, the default: the real Bolt app asks the fake Web API for a WebSocket URL
 * (apps.connections.open, with the app-level token), connects to a local WebSocket server standing
 * in for Slack, and receives a slash command as an envelope it must acknowledge.
 */

const logger = createLogger('silent');
let slack: SlackApiServer;
let engine: AnswerEngine;
let wss: WebSocketServer;
const sockets: WebSocket[] = [];
const received: Array<Record<string, unknown>> = [];
const receivedWaiters: Array<() => void> = [];

beforeAll(async () => {
  slack = await startSlackApiServer();
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir('moedebot-'), logger });
  wss = new WebSocketServer({ host: '127.0.0.1', port: 0 });
  await new Promise<void>((resolve) => wss.once('listening', () => resolve()));
  wss.on('connection', (socket) => {
    sockets.push(socket);
    socket.on('message', (data) => {
      received.push(JSON.parse(String(data)) as Record<string, unknown>);
      receivedWaiters.splice(0).forEach((w) => w());
    });
    socket.send(JSON.stringify({ type: 'hello', num_connections: 1, connection_info: { app_id: SLACK_TEST_IDENTITY.appId } }));
  });
  const { port } = wss.address() as { port: number };
  slack.respondWith('apps.connections.open', { url: `ws://127.0.0.1:${port}/link` });
});

afterAll(async () => {
  await new Promise<void>((resolve) => wss?.close(() => resolve()));
  await slack?.close();
});

async function ackFor(envelopeId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const ack = received.find((m) => m.envelope_id === envelopeId);
    if (ack) return ack;
    await new Promise<void>((resolve) => receivedWaiters.push(resolve));
  }
}

describe('Slack app in Socket Mode', () => {
  it('connects with the app token, acknowledges a slash command and answers it', async () => {
    const running = await startSlack(
      engine,
      {
        botToken: 'xoxb-test-token',
        signingSecret: TEST_SIGNING_SECRET,
        appToken: 'xapp-test-token',
        mode: 'socket',
        port: 3000,
        apiUrl: slack.apiUrl,
        command: '/dagsorden',
        response: 'in_channel',
        caseNumberReplies: false,
      },
      logger,
    );
    try {
      expect(running.port).toBeUndefined();
      const open = await slack.nextCall('apps.connections.open');
      expect(open.token).toBe('xapp-test-token');
      expect(sockets).toHaveLength(1);

      const responseUrl = slack.responseUrl();
      sockets[0]!.send(
        JSON.stringify({
          envelope_id: 'env-1',
          type: 'slash_commands',
          accepts_response_payload: true,
          payload: {
            token: 'deprecated',
            team_id: SLACK_TEST_IDENTITY.teamId,
            channel_id: TEST_CHANNEL,
            user_id: TEST_USER,
            command: '/dagsorden',
            text: 'fysioterapi',
            api_app_id: SLACK_TEST_IDENTITY.appId,
            response_url: responseUrl,
            trigger_id: '1.2.3',
          },
        }),
      );
      expect(await ackFor('env-1')).toMatchObject({ envelope_id: 'env-1' });
      const response = await slack.nextResponse();
      expect(response.body.response_type).toBe('in_channel');
      expect(JSON.stringify(response.body.blocks)).toContain('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    } finally {
      await running.stop();
    }
    await new Promise<void>((resolve) => (sockets[0]!.readyState === sockets[0]!.CLOSED ? resolve() : sockets[0]!.once('close', () => resolve())));
    expect(sockets[0]!.readyState).toBe(sockets[0]!.CLOSED);
  });
});
