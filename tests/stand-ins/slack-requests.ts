import { createHmac } from 'node:crypto';
import { SLACK_TEST_IDENTITY } from './slack-api.js';

/**
 * Requests as Slack sends them to an app in HTTP mode, signed the way Slack signs them:
 * `x-slack-signature: v0=` + hex HMAC-SHA256 of `v0:${timestamp}:${rawBody}` with the signing secret,
 * and `x-slack-request-timestamp` in Unix seconds (Bolt refuses requests older than five minutes).
 */

export const TEST_SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';
export const TEST_USER = 'U0ASKER';
export const TEST_CHANNEL = 'C0GENERAL';

export interface SignOptions {
  /** Unix seconds; default now. */
  timestamp?: number;
  /** Sign with this secret instead (to make a bad signature). */
  secret?: string;
}

export function signatureHeaders(rawBody: string, options: SignOptions = {}): Record<string, string> {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const hmac = createHmac('sha256', options.secret ?? TEST_SIGNING_SECRET)
    .update(`v0:${timestamp}:${rawBody}`)
    .digest('hex');
  return { 'x-slack-signature': `v0=${hmac}`, 'x-slack-request-timestamp': String(timestamp) };
}

/** POSTs a signed body to the app's `/slack/events`. */
export async function postSigned(
  appUrl: string,
  rawBody: string,
  contentType: 'application/json' | 'application/x-www-form-urlencoded',
  options: SignOptions = {},
): Promise<Response> {
  return fetch(`${appUrl}/slack/events`, {
    method: 'POST',
    headers: { 'content-type': contentType, ...signatureHeaders(rawBody, options) },
    body: rawBody,
  });
}

/** A slash command as a form body. */
export function slashCommandBody(text: string, responseUrl: string, command = '/dagsorden'): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: SLACK_TEST_IDENTITY.teamId,
    team_domain: 'moedebot-test',
    channel_id: TEST_CHANNEL,
    channel_name: 'general',
    user_id: TEST_USER,
    user_name: 'asker',
    command,
    text,
    api_app_id: SLACK_TEST_IDENTITY.appId,
    is_enterprise_install: 'false',
    response_url: responseUrl,
    trigger_id: '1.2.3',
  }).toString();
}

let eventCounter = 0;

/** An Events API envelope around one event. */
export function eventBody(event: Record<string, unknown>): string {
  eventCounter++;
  return JSON.stringify({
    token: 'deprecated-verification-token',
    team_id: SLACK_TEST_IDENTITY.teamId,
    api_app_id: SLACK_TEST_IDENTITY.appId,
    event,
    type: 'event_callback',
    event_id: `Ev0TEST${eventCounter}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [
      { enterprise_id: null, team_id: SLACK_TEST_IDENTITY.teamId, user_id: SLACK_TEST_IDENTITY.botUserId, is_bot: true, is_enterprise_install: false },
    ],
    is_ext_shared_channel: false,
  });
}

/** A user's message event. */
export function messageEvent(
  text: string,
  ts: string,
  extra: { type?: 'message' | 'app_mention'; channel?: string; channel_type?: string; thread_ts?: string } = {},
): Record<string, unknown> {
  const { type = 'message', channel = TEST_CHANNEL, ...rest } = extra;
  return { type, user: TEST_USER, text, ts, channel, event_ts: ts, ...rest };
}

/** A click on a button of a message, as the form body `payload=…`. */
export function blockActionBody(options: {
  actionId: string;
  value: string;
  responseUrl: string;
  messageTs: string;
  threadTs?: string;
  ephemeral?: boolean;
  channel?: string;
}): string {
  const channel = options.channel ?? TEST_CHANNEL;
  const payload = {
    type: 'block_actions',
    user: { id: TEST_USER, username: 'asker', name: 'asker', team_id: SLACK_TEST_IDENTITY.teamId },
    api_app_id: SLACK_TEST_IDENTITY.appId,
    token: 'deprecated-verification-token',
    container: {
      type: 'message',
      message_ts: options.messageTs,
      channel_id: channel,
      is_ephemeral: options.ephemeral ?? false,
      ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
    },
    trigger_id: '4.5.6',
    team: { id: SLACK_TEST_IDENTITY.teamId, domain: 'moedebot-test' },
    enterprise: null,
    is_enterprise_install: false,
    channel: { id: channel, name: 'general' },
    ...(options.ephemeral
      ? {}
      : {
          message: {
            type: 'message',
            bot_id: SLACK_TEST_IDENTITY.botId,
            ts: options.messageTs,
            text: 'svar',
            ...(options.threadTs ? { thread_ts: options.threadTs } : {}),
          },
        }),
    response_url: options.responseUrl,
    actions: [
      {
        action_id: options.actionId,
        block_id: 'b1',
        text: { type: 'plain_text', text: 'knap', emoji: true },
        value: options.value,
        type: 'button',
        action_ts: String(Date.now() / 1000),
      },
    ],
  };
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

/** Slack's event when someone opens a new thread with the app in its AI-app pane. */
export function assistantThreadStartedEvent(channel: string, threadTs: string): Record<string, unknown> {
  return {
    type: 'assistant_thread_started',
    assistant_thread: { user_id: TEST_USER, context: { channel_id: TEST_CHANNEL, team_id: SLACK_TEST_IDENTITY.teamId }, channel_id: channel, thread_ts: threadTs },
    event_ts: threadTs,
  };
}
