import type { AgendaItem } from '../../corpus/types.js';
import { itemHeadline, itemSections, meetingLine, UNSTRUCTURED_NOTE } from '../../answer/present.js';
import { ITEM_WITHOUT_TEXT, LABEL, sectionsNotShownText } from '../../answer/texts.js';
import { ACTION_OPEN_LINK } from './action-ids.js';
import { actions, context, fallback, linkButton, section, type KnownBlock, type SlackMessage } from './block-kit.js';
import { SLACK_LIMITS } from './limits.js';
import { italic, link, markup, text, type Piece } from './mrkdwn.js';
import { titleSection } from './render-answer.js';

function overflowLink(url: string | undefined, label: string): Piece[] {
  return url === undefined ? [] : [markup(' '), link(url, label)];
}

/** Blocks around the sections: title, note, attachments, links, the button and a "not shown" line. */
const FIXED_BLOCKS = 6;

/**
 * A whole item for "Vis hele punktet": every section in the order the material prints it, under
 * its own heading (*Sagens kerne*, *Indstilling*, *Beslutning* …), then attachments and links.
 * Long sections are cut with a link to the material; an item of more sections than fit in one
 * message says how many are left out.
 */
export function renderItem(item: AgendaItem): SlackMessage {
  const url = item.link;
  const blocks: KnownBlock[] = [titleSection(item, url, true)];
  if (item.unstructured) blocks.push(context([italic(UNSTRUCTURED_NOTE)]));
  const sections = itemSections(item);
  const room = SLACK_LIMITS.blocksPerMessage - FIXED_BLOCKS;
  for (const s of sections.slice(0, room)) {
    blocks.push(section([markup('*'), text(s.heading), markup('*\n'), text(s.text.trim())], { overflow: overflowLink(url, LABEL.readRest) }));
  }
  if (item.attachments.length > 0) {
    const list: Piece[] = [markup(`*${LABEL.attachments}*`)];
    for (const a of item.attachments) list.push(markup('\n• '), text(a));
    blocks.push(section(list, { overflow: overflowLink(url, 'Se alle bilag i materialet') }));
  }
  if (item.links.length > 0) {
    const list: Piece[] = [markup(`*${LABEL.links}*`)];
    for (const l of item.links) list.push(markup('\n• '), link(l, l));
    blocks.push(section(list, { overflow: overflowLink(url, 'Se alle links i materialet') }));
  }
  if (sections.length > room) blocks.push(context([text(sectionsNotShownText(sections.length - room))]));
  if (blocks.length === 1) blocks.push(section([text(ITEM_WITHOUT_TEXT)]));
  const open = linkButton(LABEL.openMaterial, ACTION_OPEN_LINK, url);
  if (open) blocks.push(actions([open]));

  const rec = item.recommendation.trim();
  return {
    text: fallback([text(`${itemHeadline(item)} (${meetingLine(item)})`), ...(rec ? [text(` — ${LABEL.recommendation}: ${rec}`)] : [])]),
    blocks,
  };
}
