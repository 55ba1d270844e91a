import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config.js';

/**
 * The app manifest must ask Slack for what the handlers listen to; a missing event or scope shows
 * up only as silence in Slack, so it is checked here.
 */
const manifest = fs.readFileSync('slack-manifest.yml', 'utf8');
const listed = (key: string): string[] => {
  const block = new RegExp(`^(\\s*)${key}:\\n((?:\\1\\s+(?:#.*|- .*)\\n)+)`, 'm').exec(manifest);
  return block ? [...block[2]!.matchAll(/- (\S+)/g)].map((m) => m[1]!) : [];
};

describe('slack-manifest.yml', () => {
  it('declares the default slash command of the configuration', () => {
    const config = loadConfig({ SLACK_BOT_TOKEN: 'xoxb-x', SLACK_SIGNING_SECRET: 's', SLACK_MODE: 'http' });
    expect(manifest).toMatch(new RegExp(`- command: ${config.slack!.command}\\n`));
  });

  it('subscribes to mentions, direct messages, channel messages (thread follow-ups) and the assistant pane\'s threads', () => {
    expect(listed('bot_events')).toEqual(['app_mention', 'message.im', 'message.channels', 'message.groups', 'assistant_thread_started', 'assistant_thread_context_changed']);
  });

  it('asks for the scopes those events and replies need, the assistant pane\'s included', () => {
    expect(listed('bot')).toEqual(
      expect.arrayContaining(['commands', 'app_mentions:read', 'chat:write', 'im:history', 'channels:history', 'groups:history', 'assistant:write']),
    );
  });

  it('enables the assistant pane with a description', () => {
    expect(manifest).toMatch(/^features:\n(?:\s+#.*\n)*\s+assistant_view:\n\s+assistant_description: \S.+\n\s+suggested_prompts: \[\]$/m);
  });

  it('turns on interactivity for the buttons and Socket Mode as the default', () => {
    expect(manifest).toMatch(/interactivity:\n(?:\s+#.*\n)*\s+is_enabled: true/);
    expect(manifest).toMatch(/^\s+socket_mode_enabled: true$/m);
  });
});
