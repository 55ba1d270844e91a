import type { types } from '@slack/bolt';
import { SLACK_LIMITS, fitMrkdwn, fitPlain } from './limits.js';
import type { Piece } from './mrkdwn.js';

/**
 * Small Block Kit builders that apply Slack's limits where the block is made, so no renderer can
 * forget one.
 */

export type KnownBlock = types.KnownBlock;
export type Button = types.Button;

/** What every Slack message from mødebot consists of: blocks plus the plain `text` fallback. */
export interface SlackMessage {
  /** Shown in notifications and read by screen readers; mrkdwn, escaped like the blocks. */
  text: string;
  blocks: KnownBlock[];
}

/**
 * A section of mrkdwn. `verbatim` stops Slack from turning plain URLs and names in the material
 * into links or mentions on its own; our own `<url|label>` links still work.
 */
export function section(pieces: readonly Piece[], options: SectionOptions = {}): KnownBlock {
  const max = Math.min(options.maxChars ?? SLACK_LIMITS.sectionText, SLACK_LIMITS.sectionText);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: fitMrkdwn(pieces, max, options.overflow ?? []), verbatim: true },
    ...(options.accessory ? { accessory: options.accessory } : {}),
  };
}

export interface SectionOptions {
  /** Added after `…` when the text is cut, e.g. a link to the full material. */
  overflow?: readonly Piece[];
  /** A button to the right of the text. */
  accessory?: Button | undefined;
  /** Cut shorter than Slack's 3000 characters (for list entries). */
  maxChars?: number;
}

/** A header; plain text, so only fixed Danish text and dates go in. */
export function header(plain: string): KnownBlock {
  return { type: 'header', text: { type: 'plain_text', text: fitPlain(plain, SLACK_LIMITS.headerText), emoji: true } };
}

/** Small grey text under a section. Each element is cut to the text-object limit. */
export function context(...elements: ReadonlyArray<readonly Piece[]>): KnownBlock {
  return {
    type: 'context',
    elements: elements.slice(0, SLACK_LIMITS.contextElements).map((pieces) => ({
      type: 'mrkdwn' as const,
      text: fitMrkdwn(pieces, SLACK_LIMITS.sectionText),
      verbatim: true,
    })),
  };
}

export function divider(): KnownBlock {
  return { type: 'divider' };
}

/** A row of buttons (at most 25). */
export function actions(buttons: readonly Button[]): KnownBlock {
  return { type: 'actions', elements: buttons.slice(0, SLACK_LIMITS.actionsElements) };
}

/**
 * A button that sends `value` back to the app. Returns undefined when the value is too long for
 * Slack, so the caller leaves the button out rather than have the whole message refused.
 */
export function valueButton(label: string, actionId: string, value: string, primary = false): Button | undefined {
  if (value.length > SLACK_LIMITS.actionValue || value.length === 0) return undefined;
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: fitPlain(label, SLACK_LIMITS.buttonText), emoji: true },
    value,
    ...(primary ? { style: 'primary' as const } : {}),
  };
}

/** A button that opens a link; undefined when the URL is not http(s) or too long. */
export function linkButton(label: string, actionId: string, url: string | undefined): Button | undefined {
  if (url === undefined || !/^https?:\/\/\S+$/i.test(url) || url.length > SLACK_LIMITS.buttonUrl) return undefined;
  return {
    type: 'button',
    action_id: actionId,
    text: { type: 'plain_text', text: fitPlain(label, SLACK_LIMITS.buttonText), emoji: true },
    url,
  };
}

/** The fallback text, cut to its limit. */
export function fallback(pieces: readonly Piece[]): string {
  return fitMrkdwn(pieces, SLACK_LIMITS.fallbackText);
}
