/**
 * Slack's Block Kit limits that a message from mødebot can reach. Slack refuses a whole message
 * (`invalid_blocks`) when one of them is exceeded, so the renderers cut to these numbers rather
 * than hoping agenda text is short.
 * @see https://docs.slack.dev/reference/block-kit/blocks
 */
export const SLACK_LIMITS = {
  /** Characters of a section block's text (and of any text object). */
  sectionText: 3000,
  /** Characters of a header block's plain text. */
  headerText: 150,
  /** Blocks in one message. */
  blocksPerMessage: 50,
  /** Characters of a button's label. */
  buttonText: 75,
  /** Characters of a button's `value`, which comes back to us when it is clicked. */
  actionValue: 2000,
  /** Characters of a button's `url`. */
  buttonUrl: 3000,
  /** Elements of a context block. */
  contextElements: 10,
  /** Elements of an actions block. */
  actionsElements: 25,
  /**
   * Characters of the message's top-level `text` (the notification and screen-reader fallback).
   * Slack accepts 40,000 but recommends at most 4,000; a notification needs far less.
   */
  fallbackText: 3000,
} as const;
