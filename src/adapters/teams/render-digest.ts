import type { Digest, DigestItem, DigestMeeting } from '../../digest/types.js';
import { bold, card, escapeText, fitCard, markdownBlock, openUrl, safeUrl, textBlock, truncate, type AdaptiveCard, type CardElement } from './card.js';
import { showItem, submit } from './card-actions.js';
import { danishDate, danishWeekday } from './format.js';

const RECOMMENDATION_CHARS = [300, 200, 120, 0, 0];
const ITEMS_PER_MEETING = [40, 25, 15, 10, 5];
const TITLE_CHARS = [200, 160, 120, 100, 80];
const LEVELS = RECOMMENDATION_CHARS.length;

/**
 * Renders the daily digest as one Adaptive Card: per committee the coming meetings, whether the
 * agenda is out (and what is new since the last digest), the items with the start of their
 * recommendation, and buttons to the material. Tapping a published item shows the whole item.
 */
export function renderDigest(digest: Digest): AdaptiveCard {
  return fitCard((level) => build(digest, level), LEVELS);
}

function build(digest: Digest, level: number): AdaptiveCard {
  const body: CardElement[] = [
    textBlock('Kommende KKR-møder', { weight: 'Bolder', size: 'Medium' }),
    textBlock(`${capitalise(danishWeekday(digest.date))} · de næste ${digest.windowDays} dage`, { isSubtle: true, spacing: 'None' }),
  ];
  if (digest.meetings.length === 0) {
    body.push(textBlock(`Der er ingen kendte møder de næste ${digest.windowDays} dage.`, { spacing: 'Medium' }));
  }
  for (const meeting of digest.meetings) body.push(...renderMeeting(meeting, level));
  return card(body);
}

function renderMeeting(meeting: DigestMeeting, level: number): CardElement[] {
  const when = `${danishWeekday(meeting.date)} ${meeting.date.slice(0, 4)}${meeting.time ? ` kl. ${meeting.time}` : ''}`;
  const out: CardElement[] = [
    markdownBlock(`${bold(meeting.committee)} – ${escapeText(when)}`, { separator: true, spacing: 'Large' }),
  ];
  if (meeting.status === 'published') {
    out.push(
      textBlock(meeting.isNew ? 'Ny dagsorden er offentliggjort' : 'Dagsordenen er offentliggjort', {
        color: meeting.isNew ? 'Good' : 'Default',
        isSubtle: !meeting.isNew,
        size: 'Small',
        spacing: 'None',
      }),
    );
  } else {
    out.push(
      textBlock(
        meeting.items.length > 0
          ? 'Dagsordenen er ikke offentliggjort endnu. Forventede punkter fra sidste møde:'
          : 'Dagsordenen er ikke offentliggjort endnu.',
        { isSubtle: true, size: 'Small', spacing: 'None' },
      ),
    );
  }

  const shown = meeting.items.slice(0, ITEMS_PER_MEETING[level]!);
  for (const item of shown) out.push(renderItem(item, level));
  if (shown.length < meeting.items.length) {
    out.push(textBlock(`… og ${meeting.items.length - shown.length} punkter mere i materialet.`, { isSubtle: true, size: 'Small' }));
  }
  const link = safeUrl(meeting.link);
  if (link) {
    out.push({
      type: 'ActionSet',
      actions: [openUrl(meeting.status === 'published' ? 'Åbn dagsordenen' : 'Åbn mødesiden', link)],
    });
  }
  return out;
}

function renderItem(item: DigestItem, level: number): CardElement {
  const label = `${item.number ? `${bold(item.number)} ` : '- '}${escapeText(truncate(item.title, TITLE_CHARS[level]!).text)}${item.isNew ? ' · ny' : ''}`;
  const items: CardElement[] = [markdownBlock(label, { spacing: 'None' })];
  const max = RECOMMENDATION_CHARS[level]!;
  if (max > 0 && item.recommendation) {
    items.push(textBlock(truncate(item.recommendation, max).text.replace(/\s+/g, ' '), { size: 'Small', isSubtle: true, spacing: 'None' }));
  }
  const link = safeUrl(item.link);
  const selectAction = item.id ? submit('Vis hele punktet', showItem(item.id)) : link ? openUrl('Åbn materialet', link) : undefined;
  return { type: 'Container', spacing: 'Small', items, ...(selectAction ? { selectAction } : {}) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Plain-text fallback shown in notifications, e.g. `Kommende KKR-møder: KKR Hovedstaden 11. april 2025`. */
export function digestSummary(digest: Digest): string {
  if (digest.meetings.length === 0) return 'Kommende KKR-møder: ingen de næste dage';
  return `Kommende KKR-møder: ${digest.meetings
    .slice(0, 3)
    .map((m) => `${m.committee} ${danishDate(m.date)}`)
    .join(', ')}`;
}
