import { SLACK_LIMITS } from '../../../src/adapters/slack/limits.js';

/**
 * Checks of a rendered Slack message against Slack's Block Kit limits and against markup that
 * material text could smuggle in. Both return a list of problems, empty when the message is fine,
 * so a failing test names every problem at once.
 */

interface Msg {
  text: string;
  blocks: readonly unknown[];
}

type Json = Record<string, unknown>;

function textOf(t: unknown): string {
  return typeof t === 'object' && t !== null && typeof (t as Json).text === 'string' ? ((t as Json).text as string) : '';
}

function checkButton(b: Json, where: string, out: string[]): void {
  const label = textOf(b.text);
  if (label.length === 0 || label.length > SLACK_LIMITS.buttonText) out.push(`${where}: button text has ${label.length} characters`);
  if (typeof b.value === 'string' && (b.value.length === 0 || b.value.length > SLACK_LIMITS.actionValue)) {
    out.push(`${where}: button value has ${b.value.length} characters`);
  }
  if (typeof b.url === 'string' && b.url.length > SLACK_LIMITS.buttonUrl) out.push(`${where}: button url too long`);
  if (typeof b.action_id === 'string' && b.action_id.length > 255) out.push(`${where}: action_id too long`);
}

/** Every way the message breaks Slack's limits. */
export function limitViolations(message: Msg): string[] {
  const out: string[] = [];
  if (message.text.length === 0) out.push('fallback text is empty');
  if (message.text.length > SLACK_LIMITS.fallbackText) out.push(`fallback text has ${message.text.length} characters`);
  if (message.blocks.length === 0) out.push('no blocks');
  if (message.blocks.length > SLACK_LIMITS.blocksPerMessage) out.push(`${message.blocks.length} blocks`);
  message.blocks.forEach((raw, i) => {
    const block = raw as Json;
    const where = `block ${i} (${String(block.type)})`;
    switch (block.type) {
      case 'section': {
        const t = textOf(block.text);
        if (t.length === 0 || t.length > SLACK_LIMITS.sectionText) out.push(`${where}: text has ${t.length} characters`);
        if (block.accessory) checkButton(block.accessory as Json, where, out);
        break;
      }
      case 'header': {
        const t = textOf(block.text);
        if ((block.text as Json).type !== 'plain_text') out.push(`${where}: header is not plain_text`);
        if (t.length === 0 || t.length > SLACK_LIMITS.headerText) out.push(`${where}: header has ${t.length} characters`);
        break;
      }
      case 'context': {
        const elements = block.elements as Json[];
        if (elements.length === 0 || elements.length > SLACK_LIMITS.contextElements) out.push(`${where}: ${elements.length} elements`);
        for (const e of elements) {
          const t = textOf(e);
          if (t.length === 0 || t.length > SLACK_LIMITS.sectionText) out.push(`${where}: element has ${t.length} characters`);
        }
        break;
      }
      case 'actions': {
        const elements = block.elements as Json[];
        if (elements.length === 0 || elements.length > SLACK_LIMITS.actionsElements) out.push(`${where}: ${elements.length} elements`);
        for (const e of elements) checkButton(e, where, out);
        break;
      }
      case 'divider':
        break;
      default:
        out.push(`${where}: unexpected block type`);
    }
  });
  return out;
}

/** Every mrkdwn string of a message: the fallback text, section and context texts. */
export function mrkdwnTexts(message: Msg): string[] {
  const texts = [message.text];
  for (const raw of message.blocks) {
    const block = raw as Json;
    if (block.type === 'section') texts.push(textOf(block.text));
    if (block.type === 'context') for (const e of block.elements as Json[]) texts.push(textOf(e));
  }
  return texts;
}

/**
 * Every control sequence in the message that is not a link to one of `allowedUrls`: `<!channel>`,
 * `<@U…>`, a link to anywhere else, or a bare `@channel`/`@here`/`@everyone`.
 */
export function markupViolations(message: Msg, allowedUrls: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of mrkdwnTexts(message)) {
    for (const m of t.matchAll(/<([^>]*)>/g)) {
      const inner = m[1]!;
      const url = inner.split('|')[0]!.replace(/&amp;/g, '&');
      if (!allowedUrls.includes(url)) out.push(`control sequence <${inner}>`);
    }
    for (const m of t.matchAll(/@(channel|here|everyone)\b/gi)) out.push(`bare ${m[0]}`);
    if (/<(?![^>]*>)/.test(t)) out.push(`unclosed < in ${JSON.stringify(t.slice(0, 80))}`);
  }
  return out;
}
