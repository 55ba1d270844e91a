import type { AgendaItem } from '../../corpus/types.js';
import { HELP_EXAMPLES, HELP_INTRO, HELP_TITLE } from '../../answer/help.js';
import type { Answer, Hit } from '../../answer/types.js';
import { ACTION_MORE_RESULTS, ACTION_OPEN_LINK, ACTION_SHOW_ITEM, encodeMoreResults } from './action-ids.js';
import {
  actions,
  context,
  divider,
  fallback,
  header,
  linkButton,
  section,
  valueButton,
  type Button,
  type KnownBlock,
  type SlackMessage,
} from './block-kit.js';
import { count as countOf, danishDate, itemLabel, itemLink } from './format.js';
import { SLACK_LIMITS } from './limits.js';
import { bold, italic, link, markup, text, type Piece } from './mrkdwn.js';
import { quoteQuestion } from '../../answer/quote.js';

/**
 * Pure renderers from the core's data to Slack messages (Block Kit + fallback text). Nothing here
 * talks to Slack, so what a user would see is tested as plain data.
 */

export type { SlackMessage } from './block-kit.js';

export interface RenderOptions {
  /** The slash command, for the hint under answers that found nothing. Default `/dagsorden`. */
  command?: string;
}

/** Characters of one entry in a list of results: enough for the answering sentence. */
const LIST_ENTRY_CHARS = 700;
/** Characters of a recommendation shown in a list (case answers). */
const LIST_RECOMMENDATION_CHARS = 300;
/** Blocks kept free at the end of an answer for "not all shown" and the "more results" button. */
const RESERVED_TAIL_BLOCKS = 2;

const SORRY = 'Beklager, noget gik galt, da jeg ledte i dagsordenerne. Prøv igen om lidt.';

function overflowLink(url: string | undefined, label: string): Piece[] {
  return url === undefined ? [] : [markup(' '), link(url, label)];
}

function snippetPieces(hit: Hit): Piece[] {
  if (hit.snippetParts.length === 0) return [text(hit.snippet)];
  // Adjacent marked parts are joined so Slack sees one `*…*` pair instead of `*a**b*`.
  const merged: Array<{ text: string; match: boolean }> = [];
  for (const part of hit.snippetParts) {
    const last = merged.at(-1);
    if (last && last.match === part.match) last.text += part.text;
    else merged.push({ ...part });
  }
  return merged.map((p) => (p.match ? bold(p.text) : text(p.text)));
}

function meta(item: AgendaItem, withOfficers = false): string {
  const parts = [item.committee, danishDate(item.meetingDate)];
  if (item.caseNumber) parts.push(item.caseNumber);
  if (withOfficers && item.caseOfficers.length > 0) parts.push(`sagsbehandler ${item.caseOfficers.join(', ')}`);
  return parts.join(' · ');
}

function titleSection(item: AgendaItem, url: string | undefined, withOfficers = false): KnownBlock {
  return section([link(url, itemLabel(item), true), markup('\n'), text(meta(item, withOfficers))]);
}

function showItemButton(item: AgendaItem, label = 'Vis hele punktet', primary = false): Button | undefined {
  return valueButton(label, ACTION_SHOW_ITEM, item.id, primary);
}

function compact<T>(xs: ReadonlyArray<T | undefined>): T[] {
  return xs.filter((x): x is T => x !== undefined);
}

/** The blocks of the answer itself: title, recommendation, the answering sentence, buttons. */
function bestHitBlocks(hit: Hit): KnownBlock[] {
  const { item } = hit;
  const url = itemLink(item, hit.link);
  const blocks: KnownBlock[] = [titleSection(item, url)];
  if (item.recommendation.trim() !== '') {
    blocks.push(
      section([markup('*Indstilling*\n'), text(item.recommendation.trim())], {
        overflow: overflowLink(url, 'Læs hele indstillingen i materialet'),
      }),
    );
  }
  const snippet = hit.snippet.trim();
  if (snippet !== '' && !item.recommendation.includes(snippet)) {
    blocks.push(section([markup('*Uddrag*\n'), ...snippetPieces(hit)], { overflow: overflowLink(url, 'Læs punktet i materialet') }));
  }
  if (hit.earlier.length > 0) {
    const mentions: Piece[] = [markup('Også på dagsordenen før: ')];
    hit.earlier.forEach((e, i) => {
      if (i > 0) mentions.push(markup(', '));
      mentions.push(link(e.link, `${e.committee} ${danishDate(e.meetingDate)}, punkt ${e.number}`));
    });
    blocks.push(context(mentions));
  }
  const buttons = compact([showItemButton(item, 'Vis hele punktet', true), linkButton('Åbn materialet', ACTION_OPEN_LINK, url)]);
  if (buttons.length > 0) blocks.push(actions(buttons));
  return blocks;
}

/** One result in a list: title with link, then the answering sentence or the recommendation. */
function listEntry(hit: Hit, mode: Answer['mode']): KnownBlock {
  const { item } = hit;
  const url = itemLink(item, hit.link);
  const body: Piece[] =
    mode === 'case'
      ? item.recommendation.trim() === ''
        ? []
        : [markup('\n'), italic(shorten(item.recommendation.trim(), LIST_RECOMMENDATION_CHARS))]
      : hit.snippet.trim() === ''
        ? []
        : [markup('\n'), ...snippetPieces(hit)];
  const when = mode === 'case' ? [] : [text(` · ${item.committee} ${danishDate(item.meetingDate)}`)];
  return section([link(url, itemLabel(item), true), ...when, ...body], {
    maxChars: LIST_ENTRY_CHARS,
    accessory: showItemButton(item, 'Vis punktet'),
  });
}

function shorten(t: string, max: number): string {
  const flat = t.replace(/\s+/g, ' ');
  if (flat.length <= max) return flat;
  const cut = flat.slice(0, max);
  const space = cut.lastIndexOf(' ');
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}…`;
}

function renderFound(answer: Answer): SlackMessage {
  const { results } = answer;
  const first = results[0]!;
  const blocks: KnownBlock[] = [];
  // Case answers and later pages are lists; a first page of a search leads with one answer.
  const listOnly = answer.mode === 'case' || answer.offset > 0;
  let fallbackPieces: Piece[];

  if (answer.mode === 'case') {
    const meetings = [...new Set(results.map((h) => `${h.item.committee} ${danishDate(h.item.meetingDate)}`))];
    const caseNumber = first.item.caseNumber || answer.query;
    const count = answer.offset > 0 ? 'flere punkter' : answer.hasMore ? `mindst ${results.length} punkter` : countOf(results.length, 'punkt', 'punkter');
    blocks.push(section([bold(`Sag ${caseNumber}`), text(` · ${count} · ${meetings.join(', ')}`)]));
    fallbackPieces = [text(`Sag ${caseNumber}: ${results.map((h) => itemLabel(h.item)).join('; ')}`)];
  } else if (answer.offset > 0) {
    blocks.push(section([markup('*Flere resultater for* '), text(`«${quoteQuestion(answer.query)}»`)]));
    fallbackPieces = [text(`Flere resultater for «${quoteQuestion(answer.query)}»: ${results.map((h) => itemLabel(h.item)).join('; ')}`)];
  } else {
    const rec = first.item.recommendation.trim();
    fallbackPieces = [
      text(`${itemLabel(first.item)} (${first.item.committee}, ${danishDate(first.item.meetingDate)})`),
      ...(rec ? [text(` — Indstilling: ${rec}`)] : []),
    ];
  }
  const notes: Piece[][] = [];
  if (answer.filters.label) notes.push([text(`Afgrænset til ${answer.filters.label}`)]);
  if (answer.message) notes.push([italic(answer.message)]);
  if (notes.length > 0) blocks.push(context(...notes));

  let listStart = 0;
  if (!listOnly) {
    blocks.push(...bestHitBlocks(first));
    listStart = 1;
    if (results.length > 1) blocks.push(divider(), section([markup('*Også relevant*')]));
  }

  const rest = results.slice(listStart);
  const room = Math.max(0, SLACK_LIMITS.blocksPerMessage - blocks.length - RESERVED_TAIL_BLOCKS);
  const shown = rest.slice(0, room);
  for (const hit of shown) blocks.push(listEntry(hit, answer.mode));

  const notShown = rest.length - shown.length;
  if (notShown > 0) blocks.push(context([text(`${countOf(notShown, 'punkt', 'punkter')} mere er ikke vist her.`)]));
  if (answer.hasMore || notShown > 0) {
    const offset = answer.offset + listStart + shown.length;
    const more = valueButton('Flere resultater', ACTION_MORE_RESULTS, encodeMoreResults({ query: answer.query, offset }));
    if (more) blocks.push(actions([more]));
  }
  return { text: fallback(fallbackPieces), blocks };
}

function helpHint(command: string): KnownBlock {
  return context([markup('Skriv '), text(`${command} hjælp`), markup(' for eksempler på spørgsmål.')]);
}

function renderNotFound(answer: Answer, command: string): SlackMessage {
  let message: string;
  if (answer.status === 'not-found' && answer.offset > 0) message = `Der er ikke flere resultater for «${quoteQuestion(answer.query)}».`;
  else if (answer.message !== undefined) message = answer.message;
  else if (answer.status === 'invalid') message = 'Jeg kunne ikke bruge spørgsmålet. Skriv et par ord om det, du leder efter.';
  else message = `Jeg fandt ikke noget punkt, der svarer på «${quoteQuestion(answer.query)}».`;
  const blocks: KnownBlock[] = [section([text(message)])];
  if (answer.suggestions.length > 0) {
    const list: Piece[] = [markup('*Prøv fx*')];
    for (const s of answer.suggestions) list.push(markup('\n• '), text(s));
    blocks.push(section(list));
  }
  blocks.push(helpHint(command));
  const fallbackPieces = [text(message)];
  if (answer.suggestions.length > 0) fallbackPieces.push(text(` Prøv fx: ${answer.suggestions.join(', ')}`));
  return { text: fallback(fallbackPieces), blocks };
}

/**
 * An answer as a Slack message.
 *
 * - `found`, search or item: the best item (title linked to the material, recommendation, the
 *   answering sentence with matched words in bold, buttons "Vis hele punktet" and "Åbn materialet"),
 *   then "Også relevant" entries, then "Flere resultater" when there are more.
 * - `found`, case or a later page: a list of items, each with a "Vis punktet" button.
 * - `not-found` / `invalid`: the core's message and its suggestions.
 *
 * Never more than 50 blocks; results that do not fit are left to "Flere resultater".
 */
export function renderAnswer(answer: Answer, options: RenderOptions = {}): SlackMessage {
  const command = options.command ?? '/dagsorden';
  if (answer.status === 'found' && answer.results.length > 0) return renderFound(answer);
  return renderNotFound(answer, command);
}

/**
 * A whole item for "Vis hele punktet": background, recommendation, presentation, attachments and
 * links. Long sections are cut with a link to the material.
 */
export function renderItem(item: AgendaItem): SlackMessage {
  const url = item.link;
  const blocks: KnownBlock[] = [titleSection(item, url, true)];
  const sections: Array<[string, string]> = [
    ['Baggrund', item.background],
    ['Indstilling', item.recommendation],
    ['Sagsfremstilling', item.presentation],
  ];
  for (const [label, body] of sections) {
    if (body.trim() === '') continue;
    blocks.push(
      section([markup(`*${label}*\n`), text(body.trim())], { overflow: overflowLink(url, `Læs resten i materialet`) }),
    );
  }
  if (item.attachments.length > 0) {
    const list: Piece[] = [markup('*Bilag*')];
    for (const a of item.attachments) list.push(markup('\n• '), text(a));
    blocks.push(section(list, { overflow: overflowLink(url, 'Se alle bilag i materialet') }));
  }
  if (item.links.length > 0) {
    const list: Piece[] = [markup('*Links i punktet*')];
    for (const l of item.links) list.push(markup('\n• '), link(l, l));
    blocks.push(section(list, { overflow: overflowLink(url, 'Se alle links i materialet') }));
  }
  if (blocks.length === 1) blocks.push(section([text('Punktet har ingen tekst i materialet ud over titlen.')]));
  const open = linkButton('Åbn materialet', ACTION_OPEN_LINK, url);
  if (open) blocks.push(actions([open]));

  const rec = item.recommendation.trim();
  return {
    text: fallback([
      text(`${itemLabel(item)} (${item.committee}, ${danishDate(item.meetingDate)})`),
      ...(rec ? [text(` — Indstilling: ${rec}`)] : []),
    ]),
    blocks,
  };
}

/** The answer to "Vis hele punktet" when the item is no longer in the corpus. */
export function renderItemGone(): SlackMessage {
  const message = 'Jeg kan ikke finde punktet længere; materialet er måske opdateret. Stil spørgsmålet igen.';
  return { text: message, blocks: [section([text(message)])] };
}

/** Usage with examples, for `/dagsorden hjælp`, an empty question or a bare mention. */
export function renderHelp(command = '/dagsorden'): SlackMessage {
  const examples: Piece[] = [markup('*Eksempler*')];
  for (const e of HELP_EXAMPLES) {
    examples.push(markup('\n• `'), text(`${command} ${e.question}`), markup('` — '), text(e.explains));
  }
  return {
    text: fallback([text(`${HELP_TITLE}: ${HELP_INTRO}`)]),
    blocks: [
      header(HELP_TITLE),
      section([text(HELP_INTRO)]),
      section(examples),
      context([
        text(
          'Du kan også nævne mig i en kanal eller skrive direkte til mig; så svarer jeg i tråden. ' +
            'Under et svar kan du vise hele punktet eller få flere resultater.',
        ),
      ]),
    ],
  };
}

/** What the user sees when something failed; the details go to the log only. */
export function renderError(): SlackMessage {
  return { text: SORRY, blocks: [section([text(SORRY)])] };
}
