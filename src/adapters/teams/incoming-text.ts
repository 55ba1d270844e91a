/**
 * What the user asked, from a Teams message: Teams writes a mention into the text as
 * `<at>Name</at>` and lists it in `entities`; in a channel the bot only answers when it is one of them.
 */

export interface IncomingMessage {
  text?: string | undefined;
  recipient?: { id?: string | undefined; name?: string | undefined } | undefined;
  entities?: ReadonlyArray<Record<string, unknown>> | undefined;
}

interface MentionEntity {
  type: 'mention';
  mentioned?: { id?: string; name?: string };
  text?: string;
}

function mentions(message: IncomingMessage): MentionEntity[] {
  return (message.entities ?? []).filter((e): e is MentionEntity & Record<string, unknown> => e.type === 'mention') as MentionEntity[];
}

/** Whether the message @mentions the bot (the activity's recipient). */
export function mentionsBot(message: IncomingMessage): boolean {
  const botId = message.recipient?.id;
  if (!botId) return false;
  return mentions(message).some((m) => m.mentioned?.id === botId);
}

const ENTITIES: Record<string, string> = { nbsp: ' ', amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'" };

/**
 * The question in a message: the bot's own mention removed, other people's mentions kept as their
 * names, markup dropped and whitespace collapsed.
 *
 * @example questionText({ text: '<at>mødebot</at> punkt 4.3 fra juni 2024', … }) // 'punkt 4.3 fra juni 2024'
 */
export function questionText(message: IncomingMessage): string {
  let text = message.text ?? '';
  const botId = message.recipient?.id;
  for (const m of mentions(message)) {
    if (botId && m.mentioned?.id === botId && m.text) text = text.split(m.text).join(' ');
  }
  // A mention without a matching entity (older clients, forwarded text) is the bot's own when it
  // carries the bot's name; anyone else's stays as plain text.
  const botName = message.recipient?.name?.trim().toLowerCase();
  text = text.replace(/<at[^>]*>([\s\S]*?)<\/at>/gi, (_, name: string) => (botName && name.trim().toLowerCase() === botName ? ' ' : name));
  text = text.replace(/<[^>]+>/g, ' ');
  text = text.replace(/&(nbsp|amp|lt|gt|quot|apos|#39);/gi, (_, e: string) => ENTITIES[e.toLowerCase()] ?? ' ');
  return text.replace(/\s+/g, ' ').trim();
}
