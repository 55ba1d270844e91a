import { ActivityTypes, type Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import { isHelpRequest } from '../../answer/help.js';
import type { AnswerEngine } from '../../answer/types.js';
import type { Logger } from '../../log.js';
import type { AdaptiveCard } from './card.js';
import { parseCardAction, type CardActionData } from './card-actions.js';
import type { ConversationStore } from './conversation-store.js';
import { mentionsBot, questionText } from './incoming-text.js';
import { renderAnswer } from './render.js';
import { renderHelp } from './render-help.js';
import { renderItem, renderItemGone } from './render-item.js';

export interface TurnDeps {
  engine: AnswerEngine;
  store: ConversationStore;
  logger: Logger;
}

/** What the bot says when answering failed; the log gets the error. */
export const SORRY_TEXT = 'Beklager, der gik noget galt, da jeg skulle svare. Prøv igen om lidt.';

/**
 * One incoming activity: remember its conversation (for the digest), then answer when it is a
 * question for us. In a channel only messages that @mention the bot are questions, and the
 * answer goes into the thread; in a personal or group chat every message is. Card buttons
 * ("Vis hele punktet", "Flere resultater") arrive as messages with a `value`.
 */
export async function handleTurn(context: TurnContext, deps: TurnDeps): Promise<void> {
  const activity = context.activity;
  await rememberConversation(activity, deps);
  if (activity.type !== ActivityTypes.Message) return;

  const log = deps.logger.child({ conversationType: activity.conversation?.conversationType, activityId: activity.id });
  try {
    const action = parseCardAction(activity.value);
    if (action) {
      await sendCard(context, cardForAction(action, deps.engine), summaryForAction(action));
      return;
    }
    const inChannel = activity.conversation?.conversationType === 'channel';
    if (inChannel && !mentionsBot(activity)) return;

    const question = questionText(activity);
    if (question === '' || isHelpRequest(question)) {
      const botName = activity.recipient?.name;
      await sendCard(context, renderHelp(inChannel && botName ? { mentionName: botName } : {}), 'Sådan spørger du mødebot');
      return;
    }
    const answer = deps.engine.ask(question);
    log.info({ mode: answer.mode, status: answer.status, results: answer.results.length }, 'teams question answered');
    await sendCard(context, renderAnswer(answer), answer.results[0]?.item.title ?? answer.message ?? 'mødebot');
  } catch (err) {
    log.error({ err }, 'teams turn failed');
    try {
      await context.sendActivity(MessageFactory.text(SORRY_TEXT));
    } catch (sendErr) {
      log.error({ err: sendErr }, 'teams apology could not be sent');
    }
  }
}

function cardForAction(action: CardActionData, engine: AnswerEngine): AdaptiveCard {
  switch (action.moedebot) {
    case 'item': {
      const item = engine.item(action.id);
      return item ? renderItem(item) : renderItemGone();
    }
    case 'more':
      return renderAnswer(engine.ask(action.query, { offset: action.offset }));
    case 'ask':
      return renderAnswer(engine.ask(action.query));
  }
}

function summaryForAction(action: CardActionData): string {
  return action.moedebot === 'item' ? 'Hele punktet' : action.moedebot === 'more' ? 'Flere resultater' : action.query;
}

/** Sends a card; `summary` is what notifications and chat lists show instead of the card. */
async function sendCard(context: TurnContext, card: AdaptiveCard, summary: string): Promise<void> {
  const reply = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  reply.summary = summary.slice(0, 200);
  await context.sendActivity(reply);
}

async function rememberConversation(activity: Activity, deps: TurnDeps): Promise<void> {
  try {
    const stored = await deps.store.remember(activity);
    if (stored) {
      // Operators copy this id into DIGEST_TEAMS_CONVERSATIONS.
      deps.logger.info(
        { conversationId: stored.id, kind: stored.kind, name: stored.name, team: stored.teamName },
        'teams conversation recorded; use its id in DIGEST_TEAMS_CONVERSATIONS to post the digest there',
      );
    }
  } catch (err) {
    // Answering matters more than the digest address book.
    deps.logger.warn({ err }, 'teams conversation could not be recorded');
  }
}
