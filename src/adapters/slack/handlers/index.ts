import type { App, BlockButtonAction } from '@slack/bolt';
import { ACTION_MORE_RESULTS, ACTION_OPEN_LINK, ACTION_SHOW_ITEM } from '../action-ids.js';
import { appMention } from './app-mention.js';
import { caseNumberMessage } from './case-number-message.js';
import type { HandlerDeps } from './deps.js';
import { directMessage } from './direct-message.js';
import { moreResultsAction } from './more-results-action.js';
import { openLinkAction } from './open-link-action.js';
import { showItemAction } from './show-item-action.js';
import { slashCommand } from './slash-command.js';

/** Registers every listener of mødebot on a Bolt app. */
export function registerHandlers(app: App, deps: HandlerDeps): void {
  app.command(deps.config.command, slashCommand(deps));
  app.event('app_mention', appMention(deps));
  app.message(directMessage(deps));
  if (deps.config.caseNumberReplies) app.message(/SAG-\d{4}-\d{3,6}/i, caseNumberMessage(deps));
  app.action<BlockButtonAction>(ACTION_SHOW_ITEM, showItemAction(deps));
  app.action<BlockButtonAction>(ACTION_MORE_RESULTS, moreResultsAction(deps));
  app.action(ACTION_OPEN_LINK, openLinkAction());
}
