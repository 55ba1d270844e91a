import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { isHelpRequest } from '../../../answer/help.js';
import { questionFrom } from '../question.js';
import { answerQuestion } from './answer-question.js';
import type { HandlerDeps } from './deps.js';
import { reportFailure } from './report-failure.js';
import { takeTurn } from '../../../service/take-turn.js';

/**
 * `/dagsorden <question>`: acknowledges at once (Slack allows 3 seconds), then answers through the
 * command's response_url, in the channel or only to the asker as configured. Help and errors go
 * only to the asker.
 */
export function slashCommand({ engine, config, logger }: HandlerDeps) {
  return async ({ command, ack, respond }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
    // Acknowledgements of other requests first (Slack waits 3 s for each), then this answer.
    await takeTurn();
    const log = logger.child({ handler: 'slash-command', user: command.user_id, channel: command.channel_id });
    try {
      const question = questionFrom(command.text);
      const message = answerQuestion(engine, question, config.command);
      const isHelp = question === '' || isHelpRequest(question);
      await respond({ response_type: isHelp ? 'ephemeral' : config.response, ...message });
    } catch (error) {
      await reportFailure(log, error, 'slash command', (m) => respond({ response_type: 'ephemeral', ...m }));
    }
  };
}
