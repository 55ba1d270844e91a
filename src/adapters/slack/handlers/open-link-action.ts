import type { AllMiddlewareArgs, SlackActionMiddlewareArgs } from '@slack/bolt';

/**
 * "Åbn materialet" opens the link in the browser by itself, but Slack still sends the click and
 * shows a warning unless it is acknowledged.
 */
export function openLinkAction() {
  return async ({ ack }: SlackActionMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    await ack();
  };
}
