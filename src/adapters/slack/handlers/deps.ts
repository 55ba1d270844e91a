import type { SlackConfig } from '../../../config.js';
import type { ChatServices } from '../../../conversation/chat-services.js';
import type { Logger } from '../../../log.js';

/** What every Slack handler gets: the chat core, the Slack settings and a logger. */
export interface HandlerDeps {
  chat: ChatServices;
  config: SlackConfig;
  logger: Logger;
}

/** Options for every chat.postMessage: no previews of agenda PDFs under each answer. */
export const POST_OPTIONS = { unfurl_links: false, unfurl_media: false } as const;
