import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_FEEDBACK_DOWN, ACTION_FEEDBACK_UP, ACTION_MORE_RESULTS, ACTION_OPEN_LINK, ACTION_SHARE, ACTION_SHOW_ITEM } from '../action-ids.js';
import { appMention } from './app-mention.js';
import { assistant } from './assistant.js';
import { channelMessage } from './channel-message.js';
import type { HandlerDeps } from './deps.js';
import { directMessage } from './direct-message.js';
import { feedbackAction } from './feedback-action.js';
import { moreResultsAction } from './more-results-action.js';
import { openLinkAction } from './open-link-action.js';
import { shareAction } from './share-action.js';
import { showItemAction } from './show-item-action.js';
import { slashCommand } from './slash-command.js';

/** Registers every listener of mødebot on a Bolt app. */
export function registerHandlers(app: App, deps: HandlerDeps): void {
  // First, so messages in the threads of the assistant pane reach it before the DM listener.
  app.assistant(assistant(deps));
  app.command(deps.config.command, slashCommand(deps));
  app.event('app_mention', appMention(deps));
  app.message(directMessage(deps));
  app.message(channelMessage(deps));
  app.action<BlockButtonAction>(ACTION_SHOW_ITEM, showItemAction(deps));
  app.action<BlockButtonAction>(ACTION_MORE_RESULTS, moreResultsAction(deps));
  app.action<BlockButtonAction>(ACTION_SHARE, shareAction(deps));
  app.action<BlockButtonAction>(ACTION_FEEDBACK_UP, feedbackAction(deps));
  app.action<BlockButtonAction>(ACTION_FEEDBACK_DOWN, feedbackAction(deps));
  app.action(ACTION_OPEN_LINK, openLinkAction());
}
