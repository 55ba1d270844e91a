import type { MeetingKind } from './types.js';
import { COMMITTEE_NAME, detectCommittee, isCommitteeName } from './committees.js';
import { findAnyDate, findDanishDate, parseDmyDate } from './danish-dates.js';
import { MEETING_FOOTER } from './document-lines.js';

/**
 * Which meeting a document is about, read from its opening lines the way publishers print them:
 * `Referat af møde i Klima- og Planudvalget` / `Den 09.01.2020 kl. 13:00`, `Økonomiudvalget -
 * Dagsorden 5. september 2012`, `Udvalg: Kultur- og Fritidsudvalget`, `Mødedato: 06-11-2018`, a
 * committee's name on a line of its own, KL's page footer `KKR Hovedstaden | 11-04-2025`.
 */
export interface MeetingHeader {
  committee?: string;
  meetingDate?: string;
  /** Undefined when the opening lines do not say; decisions in the items decide then. */
  kind?: MeetingKind;
  /** The document's own title line, when it has one (`Økonomiudvalget - Referat`). */
  title?: string;
}

const MINUTES_WORD = /\b((?:beslutnings|møde)?referat(?:et)?|beslutningsprotokol(?:len)?|protokol(?:len)?|beslutninger fra|minutes)\b/iu;
const AGENDA_WORD = /\b((?:tillægs)?dagsorden(?:en)?|agenda)\b/iu;

/** `Referat af møde i X den …`, `Dagsorden til mødet i X`, `Referat fra X`. */
const COMMITTEE_IN_TITLE = new RegExp(String.raw`\b(?:[Rr]eferat|REFERAT|[Dd]agsorden|DAGSORDEN|[Bb]eslutningsprotokol|[Pp]rotokol)(?:\s*[-–|:,]\s*|\s+)(?:(?:af|til|for|fra)\s+)?(?:(?:det\s+)?(?:ordinære\s+|ekstraordinære\s+)?\p{Ll}*møde(?:t)?\s+i\s+)?(${COMMITTEE_NAME})`, 'u');
/** Case-sensitive on purpose: a committee's name is capitalised, the words after it are not. */
/** `X - Referat`, `X - Dagsorden 5. september 2012`, `X – referat fra mødet den …`. */
const COMMITTEE_BEFORE_KIND = new RegExp(String.raw`^(${COMMITTEE_NAME})\s*[-–|:,.]\s*(?:[Rr]eferat|REFERAT|[Dd]agsorden|DAGSORDEN|[Bb]eslutningsprotokol|[Pp]rotokol)\b`, 'u');
/** `Udvalg: X`, `Udvalg/råd: X`, `Forum: X`. */
const COMMITTEE_LABEL = new RegExp(String.raw`^(?:[Uu]dvalg|[Rr]åd|[Uu]dvalg\/råd|[Ff]orum|[Oo]rgan)\s*:\s*(${COMMITTEE_NAME})\s*$`, 'u');

/** `Økonomiforvaltningen indstiller, at Økonomiudvalget …`, `Det indstilles, at Byrådet …`. */
const ADDRESSEE = new RegExp(String.raw`(?:indstiller|indstilles|foreslår)\s*(?:over for [^,]{1,60})?,?\s+at\s+(${COMMITTEE_NAME})\b`, 'u');

/** A line that dates the meeting itself rather than the document. */
const MEETING_DATE_LINE = /\b(?:mødedato|dato|tidspunkt|mødet?|den|kl\.|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag|monday|tuesday|wednesday|thursday|friday)\b|^\d{1,2}[-.]\d{1,2}[-.]\d{4}\b/iu;

/** A line in capitals with its words capitalised (`ØKONOMIUDVALG` → `Økonomiudvalg`); other lines unchanged. */
function titleCaseCapitals(line: string): string {
  if (!/\p{Lu}{4}/u.test(line) || /\p{Ll}/u.test(line)) return line;
  return line.toLowerCase().replace(/(^|[\s(-])(\p{Ll})/gu, (_m, before: string, letter: string) => `${before}${letter.toUpperCase()}`).replace(/\b(Og|For|I|Af|Til)\b/g, (w) => w.toLowerCase());
}

/** The kind a title-like line states; a line naming both (`Dagsordener og referater`) says nothing. */
function kindOf(line: string): MeetingKind | undefined {
  const minutes = MINUTES_WORD.test(line);
  const agenda = AGENDA_WORD.test(line);
  if (minutes === agenda) return undefined;
  // `Godkendelse af referat` is an item, not the document's kind.
  if (/godkendelse af|underskrift/i.test(line)) return undefined;
  return minutes ? 'minutes' : 'agenda';
}

/**
 * Reads committee, date and kind from the lines before the first item (and KL's footers), with
 * the committees and dates that items' decisions name as a fallback (`Kultur- og
 * Idrætsudvalget, 03-04-2019, pkt. 42`).
 */
export function readMeetingHeader(opening: readonly string[], footers: readonly string[], decisionBodies: ReadonlyArray<{ body?: string; date?: string }>, allText: string): MeetingHeader {
  const header: MeetingHeader = {};
  const footer = footers.map((f) => MEETING_FOOTER.exec(f)).find((m) => m !== null);
  if (footer) {
    header.committee = footer[1]!.replace(/^KKR-/, 'KKR ');
    header.meetingDate = parseDmyDate(footer[2]!);
  }
  let dateIsMeetings = footer !== undefined && header.meetingDate !== undefined;
  let firstDate: string | undefined;
  for (const raw of opening) {
    // `ÅBEN DAGSORDEN ØKONOMIUDVALG`: names in capitals are read as they are written otherwise.
    const line = titleCaseCapitals(raw.replace(/\s+/g, ' ').trim());
    if (line === '') continue;
    if (header.kind === undefined && line.length <= 120) {
      const kind = kindOf(line);
      if (kind) {
        header.kind = kind;
        header.title ??= line;
      }
    }
    if (header.committee === undefined) {
      const m = COMMITTEE_LABEL.exec(line) ?? COMMITTEE_BEFORE_KIND.exec(line) ?? COMMITTEE_IN_TITLE.exec(line);
      if (m) header.committee = m[1]!.trim();
      else if (isCommitteeName(line)) header.committee = line;
    }
    if (line.length <= 160) {
      const date = findAnyDate(line);
      // The meeting's own date line (`Mødedato:`, `tirsdag den …`, `… kl. 16:00`) wins over any
      // other date near the top (a print or publication date).
      if (date && MEETING_DATE_LINE.test(line) && !dateIsMeetings) {
        header.meetingDate = date;
        dateIsMeetings = true;
      } else if (date) firstDate ??= date;
    }
  }
  if (!dateIsMeetings && firstDate && !footer) header.meetingDate = firstDate;
  // `Dagsorden` / `til` / `mødet i Udvalg for regional udvikling` / `den 1. februar 2023`: a title
  // broken over lines reads as one.
  if (header.committee === undefined) {
    const joined = opening.slice(0, 12).map((l) => titleCaseCapitals(l.replace(/\s+/g, ' ').trim())).join(' ');
    header.committee = COMMITTEE_IN_TITLE.exec(joined)?.[1]?.trim();
  }
  if (header.committee === undefined || header.meetingDate === undefined) {
    const bodies = new Map<string, number>();
    const dates = new Map<string, number>();
    for (const d of decisionBodies) {
      if (d.body) bodies.set(d.body, (bodies.get(d.body) ?? 0) + 1);
      if (d.date) dates.set(d.date, (dates.get(d.date) ?? 0) + 1);
    }
    const most = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1])[0]?.[0];
    header.committee ??= most(bodies);
    header.meetingDate ??= most(dates);
  }
  header.committee ??= detectCommittee(allText);
  // The body a recommendation is put to is the one meeting (`… indstiller, at Økonomiudvalget godkender`).
  header.committee ??= ADDRESSEE.exec(allText)?.[1];
  if (header.meetingDate === undefined) {
    // KL's agendas approve themselves: `… godkender dagsordenen for møde den 11. april 2025`.
    const approval = /dagsorden(?:en)?\s+for\s+(?:mødet|møde)\s+(?:den\s+)?(\d{1,2}\.\s*\p{L}+\s+\d{4})/iu.exec(allText);
    header.meetingDate = findDanishDate(approval?.[1] ?? '');
  }
  return header;
}
