import type { AgendaItem, Meeting, MeetingKind, Section, SectionRole } from './types.js';
import type { ParsedDocument, ParsedItem } from './parse-meeting.js';
import { sectionText } from './sections.js';

/** One parsed document with the meeting it belongs to, as the loader settled it. */
export interface MeetingDocument {
  file: string;
  parsed: ParsedDocument;
  committee: string;
  meetingDate: string;
  kind: MeetingKind;
  publisher?: string;
  sourceUrl?: string;
  materialUrl?: string;
}

function normaliseTitle(title: string): string {
  return title.toLowerCase().replace(/[^\p{L}\d]+/gu, ' ').trim();
}

/** The agenda's item that a minutes item records: same number, else same title. */
function counterpart(item: ParsedItem, agenda: readonly ParsedItem[], used: ReadonlySet<ParsedItem>): ParsedItem | undefined {
  const free = agenda.filter((a) => !used.has(a));
  if (item.number !== '') {
    const byNumber = free.find((a) => a.number === item.number);
    if (byNumber) return byNumber;
  }
  if (item.untitled) return item.caseNumber ? free.find((a) => a.caseNumber === item.caseNumber && a.untitled) : undefined;
  const title = normaliseTitle(item.title);
  return free.find((a) => !a.untitled && normaliseTitle(a.title) === title);
}

/** Parts the minutes leave out are taken from the agenda (a minutes page often omits the case text). */
const FILLED_ROLES: readonly SectionRole[] = ['background', 'recommendation', 'presentation', 'attachments'];

function mergeItem(minutes: ParsedItem, agenda: ParsedItem): ParsedItem {
  const sections: Section[] = [...minutes.sections];
  for (const role of FILLED_ROLES) {
    if (!minutes.sections.some((s) => s.role === role && s.text !== '')) sections.push(...agenda.sections.filter((s) => s.role === role));
  }
  const titled = minutes.untitled && !agenda.untitled ? { title: agenda.title } : {};
  const merged: ParsedItem = {
    ...minutes,
    ...titled,
    heading: minutes.heading || agenda.heading,
    caseNumber: minutes.caseNumber || agenda.caseNumber,
    caseOfficers: minutes.caseOfficers.length > 0 ? minutes.caseOfficers : agenda.caseOfficers,
    background: sectionText(sections, 'background'),
    recommendation: minutes.recommendation || agenda.recommendation,
    presentation: sectionText(sections, 'presentation'),
    sections,
    attachments: [...new Set([...minutes.attachments, ...agenda.attachments])],
    links: [...new Set([...minutes.links, ...agenda.links])],
  };
  if ('title' in titled) delete merged.untitled;
  return merged;
}

/**
 * One meeting from its agenda and/or its minutes. With both, the minutes' items are the meeting's
 * (they carry the decisions), each completed from its agenda item, and agenda items the minutes
 * lack (a cut-off file) keep their place: never a second copy of an item.
 */
export function mergeMeetingDocuments(id: string, agenda: MeetingDocument | undefined, minutes: MeetingDocument | undefined): Meeting {
  const primary = (minutes ?? agenda)!;
  const entries: Array<{ item: ParsedItem; doc: MeetingDocument }> = [];
  if (agenda && minutes) {
    const used = new Set<ParsedItem>();
    const matched = new Map<ParsedItem, ParsedItem>();
    for (const item of minutes.parsed.items) {
      const a = counterpart(item, agenda.parsed.items, used);
      if (a) {
        used.add(a);
        matched.set(a, item);
      }
    }
    // Walk the agenda's order, putting each minutes item where its agenda item stood.
    const placed = new Set<ParsedItem>();
    let m = 0;
    const minutesItems = minutes.parsed.items;
    for (const a of agenda.parsed.items) {
      const partner = matched.get(a);
      if (!partner) {
        entries.push({ item: a, doc: agenda });
        continue;
      }
      while (m < minutesItems.length && minutesItems[m] !== partner) {
        const extra = minutesItems[m]!;
        if (![...matched.values()].includes(extra) && !placed.has(extra)) {
          entries.push({ item: extra, doc: minutes });
          placed.add(extra);
        }
        m++;
      }
      entries.push({ item: mergeItem(partner, a), doc: minutes });
      placed.add(partner);
    }
    for (const extra of minutesItems) if (!placed.has(extra)) entries.push({ item: extra, doc: minutes });
  } else {
    for (const item of primary.parsed.items) entries.push({ item, doc: primary });
  }

  const kind: MeetingKind = minutes ? 'minutes' : primary.kind;
  const ids = new Map<string, number>();
  const items: AgendaItem[] = entries.map(({ item, doc }, k) => {
    const key = item.number !== '' ? item.number : `p${k + 1}`;
    const seen = (ids.get(key) ?? 0) + 1;
    ids.set(key, seen);
    const link = doc.sourceUrl && item.page !== undefined ? `${doc.sourceUrl}#page=${item.page}` : (doc.sourceUrl ?? doc.materialUrl ?? agenda?.sourceUrl ?? agenda?.materialUrl);
    return {
      ...item,
      id: `${id}-${key}${seen > 1 ? `~${seen}` : ''}`,
      committee: primary.committee,
      ...(primary.publisher ? { publisher: primary.publisher } : {}),
      meetingDate: primary.meetingDate,
      kind,
      position: k + 1,
      source: doc.file,
      ...(doc.parsed.structured ? {} : { unstructured: true }),
      ...(link ? { link } : {}),
    };
  });
  const nextMeeting = minutes?.parsed.nextMeeting ?? agenda?.parsed.nextMeeting;
  const sourceUrl = primary.sourceUrl ?? agenda?.sourceUrl;
  const materialUrl = primary.materialUrl ?? agenda?.materialUrl;
  const structured = (agenda?.parsed.structured ?? true) && (minutes?.parsed.structured ?? true);
  return {
    id,
    committee: primary.committee,
    ...(primary.publisher ? { publisher: primary.publisher } : {}),
    meetingDate: primary.meetingDate,
    kind,
    source: primary.file,
    sources: [agenda?.file, minutes?.file].filter((f): f is string => f !== undefined),
    ...(sourceUrl ? { sourceUrl } : {}),
    ...(materialUrl ? { materialUrl } : {}),
    items,
    ...(nextMeeting ? { nextMeeting } : {}),
    ...(structured ? {} : { unstructured: true }),
  };
}
