/** Teams-shaped activities as the Bot Connector delivers them (fields as seen on the wire). */

export const BOT = { id: '28:00000000-0000-0000-0000-00000000b07', name: 'mødebot' };
export const USER = { id: '29:1user-mette', name: 'Mette Hansen', aadObjectId: '3f6c0a7e-1111-4a3b-9c1d-000000000001' };
export const TENANT = '72f988bf-0000-0000-0000-000000000000';
export const CHANNEL_ID = '19:kkr-sager@thread.tacv2';
export const TEAM_ID = '19:kommune-team@thread.tacv2';

let n = 0;
const nextId = () => `17120000000${String(++n).padStart(2, '0')}`;

interface Base {
  serviceUrl: string;
}

/**
 * A message in a channel thread; `mention` puts the bot's @mention in front of the text. Without
 * `replyTo` the message starts its own reply chain; with it, it is a reply in that chain.
 */
export function channelMessage(o: Base & { text: string; mention?: boolean; id?: string; replyTo?: string }): Record<string, unknown> {
  const id = o.id ?? nextId();
  const root = o.replyTo ?? id;
  const mentionText = `<at>${BOT.name}</at>`;
  return {
    type: 'message',
    id,
    timestamp: '2025-04-14T08:30:00.000Z',
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: { id: `${CHANNEL_ID};messageid=${root}`, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    ...(o.replyTo ? { replyToId: o.replyTo } : {}),
    text: o.mention === false ? o.text : `${mentionText} ${o.text}`,
    textFormat: 'plain',
    locale: 'da-DK',
    entities: [
      ...(o.mention === false ? [] : [{ type: 'mention', mentioned: BOT, text: mentionText }]),
      { type: 'clientInfo', locale: 'da-DK', country: 'DK', platform: 'Web' },
    ],
    channelData: {
      teamsChannelId: CHANNEL_ID,
      teamsTeamId: TEAM_ID,
      channel: { id: CHANNEL_ID },
      team: { id: TEAM_ID },
      tenant: { id: TENANT },
    },
  };
}

/** A message in the 1:1 chat with the bot. */
export function personalMessage(o: Base & { text?: string; value?: unknown; id?: string }): Record<string, unknown> {
  return {
    type: 'message',
    id: o.id ?? nextId(),
    timestamp: '2025-04-14T08:30:00.000Z',
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: USER,
    recipient: BOT,
    conversation: { id: 'a:1personal-chat-mette', conversationType: 'personal', tenantId: TENANT },
    ...(o.text !== undefined ? { text: o.text, textFormat: 'plain' } : {}),
    ...(o.value !== undefined ? { value: o.value } : {}),
    locale: 'da-DK',
    channelData: { tenant: { id: TENANT } },
  };
}

/** A group chat message (the bot answers every message there). */
export function groupChatMessage(o: Base & { text: string }): Record<string, unknown> {
  return {
    ...personalMessage(o),
    conversation: { id: '19:gruppechat@thread.v2', conversationType: 'groupChat', isGroup: true, tenantId: TENANT },
  };
}

/** A card button press in a channel thread: a message with the button's data as `value` and no text. */
export function channelCardAction(o: Base & { value: unknown; replyToId: string }): Record<string, unknown> {
  const a = channelMessage({ serviceUrl: o.serviceUrl, text: '', mention: false });
  delete a.text;
  return { ...a, value: o.value, replyToId: o.replyToId, entities: [] };
}

/** Teams' notice that the app was added to a team: it carries the team's General channel. */
export function installedInTeam(o: Base): Record<string, unknown> {
  return {
    type: 'conversationUpdate',
    id: nextId(),
    channelId: 'msteams',
    serviceUrl: o.serviceUrl,
    from: USER,
    recipient: BOT,
    membersAdded: [BOT],
    conversation: { id: TEAM_ID, conversationType: 'channel', isGroup: true, tenantId: TENANT },
    channelData: { eventType: 'teamMemberAdded', team: { id: TEAM_ID, name: 'Kommunens KKR-team' }, tenant: { id: TENANT } },
  };
}
