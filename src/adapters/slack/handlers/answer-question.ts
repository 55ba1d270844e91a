import { isHelpRequest } from '../../../answer/help.js';
import type { AnswerEngine } from '../../../answer/types.js';
import { renderAnswer, renderHelp, type SlackMessage } from '../render.js';

/**
 * The message for one question: help for an empty question or `hjælp`, else the core's answer.
 * Shared by the slash command, mentions and direct messages so they answer alike.
 */
export function answerQuestion(engine: AnswerEngine, question: string, command: string): SlackMessage {
  if (question === '' || isHelpRequest(question)) return renderHelp(command);
  return renderAnswer(engine.ask(question), { command });
}
