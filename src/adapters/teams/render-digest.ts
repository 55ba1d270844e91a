import type { Digest, DigestItem, DigestMeeting } from '../../digest/types.js';
import { danishDate, danishDay } from '../../answer/present.js';
import { DIGEST_NO_MEETINGS, DIGEST_TITLE, LABEL, digestScope, digestStatus } from '../../answer/texts.js';
import { splitStanding } from '../../digest/standing.js';
import { bold, card, escapeText, markdownBlock, openUrl, safeUrl, textBlock, truncate, type AdaptiveCard, type CardElement } from './card.js';
import { showItem, submit } from './card-actions.js';
import { fitCard } from './limits.js';

const RECOMMENDATION_CHARS = [400, 250, 120, 0, 0];
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
    textBlock(DIGEST_TITLE, { weight: 'Bolder', size: 'Medium' }),
    textBlock(`${capitalise(danishDay(digest.date))} · ${digestScope(digest.windowDays)}`, { isSubtle: true, spacing: 'None' }),
  ];
  if (digest.meetings.length === 0) body.push(textBlock(DIGEST_NO_MEETINGS, { spacing: 'Medium' }));
  for (const meeting of digest.meetings) body.push(...renderMeeting(meeting, level));
  return card(body);
}

function renderMeeting(meeting: DigestMeeting, level: number): CardElement[] {
  const when = `${danishDay(meeting.date)}${meeting.time ? ` kl. ${meeting.time}` : ''}`;
  const out: CardElement[] = [
    markdownBlock(`${bold(truncate(meeting.committee, 200).text)} – ${escapeText(when)}`, { separator: true, spacing: 'Large' }),
  ];
  if (meeting.status === 'published') {
    out.push(
      textBlock(digestStatus('published', meeting.isNew, true), {
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
          ? `${digestStatus('expected', meeting.isNew, true)} ${LABEL.expectedItems} fra sidste møde:`
          : digestStatus('expected', meeting.isNew, false),
        { isSubtle: true, size: 'Small', spacing: 'None' },
      ),
    );
  }

  const { topical, standing } = splitStanding(meeting.items);
  if (standing.length > 0) out.push(textBlock(truncate(`${LABEL.standingItems}: ${standing.join(' · ')}`, TITLE_CHARS[level]! * 3).text, { size: 'Small', spacing: 'Small' }));
  const shown = topical.slice(0, ITEMS_PER_MEETING[level]!);
  for (const item of shown) out.push(renderItem(item, level));
  if (shown.length < topical.length) {
    out.push(textBlock(`… og ${topical.length - shown.length} punkter mere i materialet.`, { isSubtle: true, size: 'Small' }));
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
  // The recommendation as the digest gives it (whole, or ending in …), each point on its own line.
  if (max > 0 && item.recommendation) items.push(textBlock(truncate(item.recommendation, max).text, { size: 'Small', isSubtle: true, spacing: 'None' }));
  const link = safeUrl(item.link);
  const selectAction = item.id ? submit('Vis hele punktet', showItem(item.id)) : link ? openUrl('Åbn materialet', link) : undefined;
  return { type: 'Container', spacing: 'Small', items, ...(selectAction ? { selectAction } : {}) };
}

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

/** Plain-text fallback shown in notifications, e.g. `Kommende møder: KKR Hovedstaden 11. april 2025`. */
export function digestSummary(digest: Digest): string {
  if (digest.meetings.length === 0) return `${DIGEST_TITLE}: ${DIGEST_NO_MEETINGS}`;
  return `${DIGEST_TITLE}: ${digest.meetings
    .slice(0, 3)
    .map((m) => `${m.committee} ${danishDate(m.date)}`)
    .join(', ')}`;
}
