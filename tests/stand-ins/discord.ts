import { EventEmitter } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

/**
 * A stand-in for Discord on 127.0.0.1: the REST API under `/api/v10` and the gateway (WebSocket) on
 * the same port. It records every REST request and lets a test dispatch gateway events, so the real
 * discord.js client runs its own code paths (login, identify, READY, INTERACTION_CREATE,
 * MESSAGE_CREATE, interaction callbacks, webhook edits) with no connection to Discord.
 */

export const APP_ID = '111111111111111111';
export const BOT_ID = '222222222222222222';
export const GUILD_ID = '333333333333333333';
export const CHANNEL_ID = '444444444444444444';
export const USER_ID = '555555555555555555';
export const COMMAND_ID = '666666666666666666';

export interface RecordedRequest {
  method: string;
  /** Path after `/api/v10`, e.g. `/interactions/1/tok/callback`. */
  path: string;
  query: URLSearchParams;
  headers: http.IncomingHttpHeaders;
  body: any;
}

export interface FakeDiscordOptions {
  /** Close the gateway with 4014 (disallowed intents) when IDENTIFY asks for any of these bits. */
  disallowedIntents?: number;
  /** Answer `GET /gateway/bot` with 401, as Discord does for a bad token. */
  rejectToken?: boolean;
  /** Status for `PUT /applications/.../commands`. */
  commandsStatus?: number;
}

let snowflake = 900000000000000000n;
/** A fresh id, larger than every earlier one (as Discord's snowflakes are). */
export function nextId(): string {
  snowflake += 1n;
  return snowflake.toString();
}

const user = (id: string, username: string, bot = false) => ({
  id,
  username,
  global_name: username,
  discriminator: '0',
  avatar: null,
  bot,
});

export class FakeDiscord extends EventEmitter {
  readonly requests: RecordedRequest[] = [];
  /** IDENTIFY payloads received on the gateway. */
  readonly identifies: any[] = [];
  /** Interaction tokens whose next webhook edit is refused with 400, to drive error handling. */
  readonly failNextEdit = new Set<string>();
  /** Interaction tokens whose next webhook edit is refused as rate-limited (HTTP 429, Retry-After 1 s). */
  readonly rateLimitNextEdit = new Set<string>();
  /** Threads started from messages, by id. */
  readonly threads = new Map<string, any>();
  private readonly server = http.createServer((req, res) => void this.onRequest(req, res));
  private readonly wss = new WebSocketServer({ server: this.server });
  private sockets = new Set<WebSocket>();
  private seq = 0;
  port = 0;
  /** While true, every gateway connection is dropped at once, as when Discord's gateway is down. */
  gatewayDown = false;

  constructor(private readonly options: FakeDiscordOptions = {}) {
    super();
    this.wss.on('connection', (socket) => this.onGateway(socket));
  }

  get api(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  /** Resolves with the first recorded request (past or future) that matches. */
  waitFor(match: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const found = this.requests.find(match);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => {
      const listener = (r: RecordedRequest) => {
        if (match(r)) {
          this.off('request', listener);
          resolve(r);
        }
      };
      this.on('request', listener);
    });
  }

  /** Sends a gateway DISPATCH event to every connected client. */
  dispatch(t: string, d: unknown): void {
    this.seq += 1;
    const packet = JSON.stringify({ op: 0, t, s: this.seq, d });
    for (const s of this.sockets) s.send(packet);
  }

  /** An INTERACTION_CREATE payload as Discord sends it from a guild text channel. */
  interaction(type: number, data: Record<string, unknown>, extra: Record<string, unknown> = {}): { id: string; token: string; payload: any } {
    const id = nextId();
    const token = `tok-${id}`;
    const payload = {
      id,
      application_id: APP_ID,
      type,
      token,
      version: 1,
      guild_id: GUILD_ID,
      channel_id: CHANNEL_ID,
      channel: { id: CHANNEL_ID, type: 0, guild_id: GUILD_ID, name: 'generelt' },
      member: {
        user: user(USER_ID, 'anne'),
        roles: [],
        permissions: '2248473465835073',
        joined_at: '2024-01-01T00:00:00.000Z',
        deaf: false,
        mute: false,
        flags: 0,
      },
      app_permissions: '2248473465835073',
      locale: 'da',
      guild_locale: 'da',
      entitlements: [],
      authorizing_integration_owners: { '0': GUILD_ID },
      context: 0,
      attachment_size_limit: 10485760,
      data,
      ...extra,
    };
    return { id, token, payload };
  }

  /** An INTERACTION_CREATE payload for a click on a button of one of the bot's messages. */
  buttonClick(customId: string): { id: string; token: string; payload: any } {
    return this.interaction(3, { component_type: 2, custom_id: customId }, { message: botMessage({ content: '' }) });
  }

  /** A MESSAGE_CREATE payload from a user in the guild channel (or in `channelId`, e.g. a thread). */
  message(content: string, mentions: Array<{ id: string; username: string; bot?: boolean }> = [], channelId: string = CHANNEL_ID): any {
    return {
      id: nextId(),
      channel_id: channelId,
      guild_id: GUILD_ID,
      author: user(USER_ID, 'anne'),
      member: { roles: [], joined_at: '2024-01-01T00:00:00.000Z', deaf: false, mute: false, flags: 0 },
      content,
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: mentions.map((m) => user(m.id, m.username, m.bot ?? false)),
      mention_roles: [],
      attachments: [],
      embeds: [],
      pinned: false,
      type: 0,
      flags: 0,
      components: [],
    };
  }

  private onGateway(socket: WebSocket): void {
    if (this.gatewayDown) {
      socket.terminate();
      return;
    }
    this.sockets.add(socket);
    socket.on('close', () => this.sockets.delete(socket));
    socket.send(JSON.stringify({ op: 10, d: { heartbeat_interval: 41250 } }));
    socket.on('message', (raw) => {
      const packet = JSON.parse(String(raw)) as { op: number; d: any };
      if (packet.op === 1) socket.send(JSON.stringify({ op: 11 }));
      if (packet.op !== 2) return;
      this.identifies.push(packet.d);
      this.emit('identify', packet.d);
      if (this.options.disallowedIntents !== undefined && (packet.d.intents & this.options.disallowedIntents) !== 0) {
        socket.close(4014, 'Disallowed intent(s).');
        return;
      }
      this.seq += 1;
      socket.send(
        JSON.stringify({
          op: 0,
          t: 'READY',
          s: this.seq,
          d: {
            v: 10,
            user: { ...user(BOT_ID, 'mødebot', true), verified: true, mfa_enabled: false, flags: 0 },
            guilds: [{ id: GUILD_ID, unavailable: true }],
            session_id: 'session-1',
            resume_gateway_url: `ws://127.0.0.1:${this.port}`,
            shard: [0, 1],
            application: { id: APP_ID, flags: 0 },
          },
        }),
      );
      this.dispatch('GUILD_CREATE', guildCreate());
    });
  }

  private async onRequest(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const path = url.pathname.replace(/^\/api\/v\d+/, '');
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      path,
      query: url.searchParams,
      headers: req.headers,
      body: text === '' ? undefined : parseBody(text, req.headers['content-type']),
    };
    this.requests.push(record);

    const json = (status: number, body: unknown) => {
      res.writeHead(status, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    if (record.method === 'GET' && path === '/gateway/bot') {
      if (this.options.rejectToken) return json(401, { message: '401: Unauthorized', code: 0 });
      json(200, {
        url: `ws://127.0.0.1:${this.port}`,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 999, reset_after: 0, max_concurrency: 1 },
      });
    } else if (record.method === 'POST' && /^\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      res.writeHead(204).end();
    } else if (/^\/webhooks\/\d+\/[^/]+(\/messages\/.+)?$/.test(path)) {
      const token = path.split('/')[3]!;
      if (record.method === 'PATCH' && this.failNextEdit.delete(token)) {
        json(400, { message: 'Invalid Form Body', code: 50035 });
      } else if (record.method === 'PATCH' && this.rateLimitNextEdit.delete(token)) {
        res.writeHead(429, { 'content-type': 'application/json', 'retry-after': '1', 'x-ratelimit-scope': 'user' });
        res.end(JSON.stringify({ message: 'You are being rate limited.', retry_after: 1, global: false }));
      } else {
        json(200, botMessage(record.body));
      }
    } else if (record.method === 'POST' && /^\/channels\/\d+\/messages$/.test(path)) {
      json(200, botMessage(record.body, path.split('/')[2]));
    } else if (record.method === 'POST' && /^\/channels\/\d+\/messages\/\d+\/threads$/.test(path)) {
      const [, , parent, , message] = path.split('/');
      const thread = {
        id: message,
        type: 11,
        guild_id: GUILD_ID,
        parent_id: parent,
        name: record.body?.name ?? 'tråd',
        owner_id: BOT_ID,
        rate_limit_per_user: 0,
        flags: 0,
        message_count: 0,
        member_count: 1,
        thread_metadata: { archived: false, auto_archive_duration: record.body?.auto_archive_duration ?? 1440, archive_timestamp: new Date().toISOString(), locked: false },
      };
      this.threads.set(thread.id!, thread);
      json(201, thread);
    } else if (record.method === 'PUT' && /^\/applications\/\d+(\/guilds\/\d+)?\/commands$/.test(path)) {
      const status = this.options.commandsStatus ?? 200;
      if (status !== 200) return json(status, { message: 'refused', code: 50001 });
      json(200, (record.body as any[]).map((c) => ({ ...c, id: nextId(), application_id: APP_ID, version: '1' })));
    } else {
      json(404, { message: 'Unknown route', code: 0 });
    }
    this.emit('request', record);
  }
}

function parseBody(text: string, type: string | undefined): unknown {
  if (type?.startsWith('multipart/form-data')) {
    const m = /name="payload_json"\r\n(?:[^\r\n]*\r\n)*\r\n([\s\S]*?)\r\n--/.exec(text);
    return m ? JSON.parse(m[1]!) : text;
  }
  return JSON.parse(text);
}

function botMessage(body: any, channelId = CHANNEL_ID): unknown {
  return {
    id: nextId(),
    channel_id: channelId,
    author: user(BOT_ID, 'mødebot', true),
    content: body?.content ?? '',
    timestamp: new Date().toISOString(),
    edited_timestamp: null,
    tts: false,
    mention_everyone: false,
    mentions: [],
    mention_roles: [],
    attachments: [],
    embeds: body?.embeds ?? [],
    components: body?.components ?? [],
    pinned: false,
    type: 0,
    flags: body?.flags ?? 0,
  };
}

function guildCreate(): unknown {
  return {
    id: GUILD_ID,
    name: 'Kommunen',
    icon: null,
    splash: null,
    discovery_splash: null,
    owner_id: USER_ID,
    afk_channel_id: null,
    afk_timeout: 300,
    verification_level: 0,
    default_message_notifications: 0,
    explicit_content_filter: 0,
    features: [],
    mfa_level: 0,
    system_channel_id: null,
    system_channel_flags: 0,
    rules_channel_id: null,
    vanity_url_code: null,
    description: null,
    banner: null,
    premium_tier: 0,
    preferred_locale: 'da',
    public_updates_channel_id: null,
    nsfw_level: 0,
    premium_progress_bar_enabled: false,
    joined_at: '2024-01-01T00:00:00.000Z',
    large: false,
    unavailable: false,
    member_count: 2,
    roles: [
      { id: GUILD_ID, name: '@everyone', permissions: '1024', position: 0, color: 0, hoist: false, managed: false, mentionable: false, flags: 0 },
    ],
    emojis: [],
    stickers: [],
    members: [],
    channels: [{ id: CHANNEL_ID, type: 0, name: 'generelt', position: 0, permission_overwrites: [], nsfw: false, topic: null, last_message_id: null, parent_id: null, rate_limit_per_user: 0 }],
    threads: [],
    presences: [],
    voice_states: [],
    stage_instances: [],
    guild_scheduled_events: [],
    soundboard_sounds: [],
  };
}
