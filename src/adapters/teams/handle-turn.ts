import { ActivityTypes, type Activity } from '@microsoft/agents-activity';
import { CardFactory, MessageFactory, type TurnContext } from '@microsoft/agents-hosting';
import { itemHeadline } from '../../answer/present.js';
import { HELP_TITLE } from '../../answer/help.js';
import { SLOW_ANSWER_TEXT, feedbackThanks } from '../../answer/texts.js';
import type { ChatServices } from '../../conversation/chat-services.js';
import type { Reply } from '../../conversation/conversation.js';
import type { Place } from '../../conversation/place.js';
import type { Logger } from '../../log.js';
import { logFailure, tellFailure } from '../../service/failure.js';
import { withRetryAfter } from '../../service/retry-after.js';
import { noticeWhenSlow } from '../../service/slow-notice.js';
import type { AdaptiveCard } from './card.js';
import { parseCardAction, type CardActionData } from './card-actions.js';
import { baseConversationId, conversationOf, type ConversationStore } from './conversation-store.js';
import { mentionsBot, questionText } from './incoming-text.js';
import { renderAnswer } from './render-answer.js';
import { renderHelp } from './render-help.js';
import { renderItem, renderItemGone } from './render-item.js';
import { renderError, renderNotice } from './render-notice.js';

export interface TurnDeps {
  chat: ChatServices;
  store: ConversationStore;
  logger: Logger;
}

/**
 * Where an activity was written: the conversation the digest and watches post to (a channel, not
 * one of its threads; a chat) and, as the thread, the conversation id Teams gives it (a channel's
 * reply chain is `19:…@thread.tacv2;messageid=…`; a chat is one thread).
 */
export function placeOf(activity: Activity): Place {
  const id = activity.conversation?.id ?? '';
  const channel = conversationOf(activity)?.id ?? baseConversationId(id);
  return { platform: 'teams', channel, thread: id };
}

/**
 * One incoming activity: remember its conversation (for the digest and watches), then answer when
 * it is meant for us. In a channel, messages that @mention the bot are, and (with the app's
 * permission to read the channel) messages in a reply chain the bot has answered in; in a personal
 * or group chat every message is. Questions, follow-ups and watch commands go through the core.
 * Card buttons ("Vis hele punktet", "Flere resultater", 👍/👎) arrive as messages with a `value`.
 * A failure is answered with its error id; a reply refused with HTTP 429 is retried after
 * Retry-After.
 */
export async function handleTurn(context: TurnContext, deps: TurnDeps): Promise<void> {
  const activity = context.activity;
  await rememberConversation(activity, deps);
  if (activity.type !== ActivityTypes.Message) return;

  const log = deps.logger.child({ conversationType: activity.conversation?.conversationType, activityId: activity.id });
  const send = (card: AdaptiveCard, summary: string) => sendCard(context, card, summary, log);
  const place = placeOf(activity);
  const slow = noticeWhenSlow(() => withRetryAfter(() => context.sendActivity(MessageFactory.text(SLOW_ANSWER_TEXT))), log);
  try {
    const action = parseCardAction(activity.value);
    if (action) {
      const [card, summary] = await cardForAction(action, activity, place, deps, log);
      slow.done();
      await send(card, summary);
      return;
    }
    const inChannel = activity.conversation?.conversationType === 'channel';
    if (inChannel && !mentionsBot(activity) && !(await deps.chat.conversation.followsThread(place))) {
      slow.done();
      return;
    }
    const reply = await deps.chat.conversation.reply({ text: questionText(activity), place, threaded: true });
    slow.done();
    if (reply.kind === 'answer') log.info({ mode: reply.answer.mode, status: reply.answer.status, results: reply.answer.results.length }, 'teams question answered');
    const botName = activity.recipient?.name;
    await send(...replyCard(reply, deps, inChannel && botName ? botName : undefined));
  } catch (err) {
    slow.done();
    const failure = logFailure(log, err, 'teams turn');
    await tellFailure(log, failure, [
      () => withRetryAfter(() => context.sendActivity(MessageFactory.attachment(CardFactory.adaptiveCard(renderError(failure.errorId))))),
      () => withRetryAfter(() => context.sendActivity(MessageFactory.text(failure.text))),
    ]);
  }
}

/** The core's reply as a card and the summary notifications show. */
function replyCard(reply: Reply, deps: TurnDeps, mentionName?: string): [AdaptiveCard, string] {
  switch (reply.kind) {
    case 'help':
      return [renderHelp(mentionName ? { mentionName } : {}), HELP_TITLE];
    case 'answer':
      return [
        renderAnswer(reply.answer, { feedback: deps.chat.feedback !== undefined, ...(reply.followUp ? { followUp: reply.followUp } : {}) }),
        reply.answer.results[0] ? itemHeadline(reply.answer.results[0].item) : (reply.answer.message ?? 'mødebot'),
      ];
    case 'item':
      return [renderItem(reply.item), itemHeadline(reply.item)];
    case 'notice':
      return [renderNotice(reply.text), reply.text];
  }
}

async function cardForAction(action: CardActionData, activity: Activity, place: Place, deps: TurnDeps, log: Logger): Promise<[AdaptiveCard, string]> {
  const { conversation, feedback } = deps.chat;
  switch (action.moedebot) {
    case 'item': {
      const item = await conversation.engine.item(action.id);
      return [item ? renderItem(item) : renderItemGone(), 'Hele punktet'];
    }
    case 'more': {
      const answer = await conversation.engine.ask(action.query, { offset: action.offset, ...(action.filters ? { filters: action.filters } : {}) });
      // The answer goes into this thread, so "mere" there continues from it.
      await conversation.rememberAnswer(place, answer);
      return [renderAnswer(answer, { feedback: feedback !== undefined }), 'Flere resultater'];
    }
    case 'ask':
      return replyCard(await conversation.reply({ text: action.query, place, threaded: true }), deps);
    case 'feedback': {
      if (feedback === undefined) throw new Error('a feedback button, but feedback is not kept');
      const userId = activity.from?.aadObjectId ?? activity.from?.id ?? '';
      await feedback.vote({ vote: action.vote, question: action.query, itemId: action.id, platform: 'teams', channel: place.channel, userId });
      log.info({ vote: action.vote }, 'feedback recorded');
      return [renderNotice(feedbackThanks(action.vote)), feedbackThanks(action.vote)];
    }
  }
}

/** Sends a card; `summary` is what notifications and chat lists show instead of the card. */
async function sendCard(context: TurnContext, card: AdaptiveCard, summary: string, log: Logger): Promise<void> {
  const reply = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  reply.summary = summary.slice(0, 200);
  await withRetryAfter(() => context.sendActivity(reply), { onRetry: (waitMs) => log.warn({ waitMs }, 'Teams rate-limited the reply; retrying after Retry-After') });
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
