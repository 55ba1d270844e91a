import type { SectionRole } from './types.js';
import { COMMITTEE_NAME } from './committees.js';
import { findAnyDate } from './danish-dates.js';

/**
 * The headings Danish publishers put over the parts of an item, by what the part is for. Matched
 * case-insensitively against a whole line (`SAGSFREMSTILLING`, `Sagens kerne:`) or its start when
 * a colon follows (`Sagsforløb: ØK/BY`, `Beslutningskompetence: KB`).
 */
const HEADINGS: Record<Exclude<SectionRole, 'history'>, readonly string[]> = {
  background: [
    'baggrund', 'sagens baggrund', 'baggrund for sagen', 'resume', 'resumé', 'sagsresume', 'sagsresumé', 'kort resume', 'kort resumé',
    'sagens kerne', 'kort om sagen', 'sagen kort', 'sammenfatning', 'indledning', 'anledning', 'formål',
    'problemstilling', 'beslutningstema', 'hvad skal besluttes', 'det skal besluttes', 'sagen i kort form',
  ],
  recommendation: [
    'indstilling', 'indstillinger', 'indstilling og beslutning', 'forslag til beslutning', 'indstilling til beslutning',
    'tillægsindstilling', 'supplerende indstilling', 'ændret indstilling', 'anbefaling', 'anbefalinger',
    'direktionens indstilling', 'administrationens indstilling', 'forvaltningens indstilling', 'borgmesterens indstilling',
    'forslag til indstilling', 'indstilling fra administrationen', 'indstilling fra direktionen', 'indstilling fra forvaltningen',
  ],
  presentation: [
    'sagsfremstilling', 'sagsfremstilling og vurdering', 'uddybende sagsfremstilling', 'supplerende sagsfremstilling',
    'sagsbeskrivelse', 'beskrivelse', 'sagens indhold', 'redegørelse', 'vurdering', 'administrationens vurdering',
    'forvaltningens vurdering', 'faglig vurdering', 'analyse', 'beskrivelse af sagen', 'sagens fakta', 'fakta',
  ],
  // `Referat` under an item is what the meeting decided (edoc publications); on top of a page it
  // names the document, which the parser tells apart.
  decision: ['beslutning', 'beslutninger', 'udvalgets beslutning', 'afgørelse', 'referat'],
  attachments: ['bilag', 'bilagsliste', 'bilagsfortegnelse', 'bilagsoversigt', 'oversigt over bilag', 'vedhæftede filer', 'vedhæftede bilag'],
  other: [
    'økonomi', 'økonomiske konsekvenser', 'økonomi og finansiering', 'finansiering', 'bevillingsmæssige konsekvenser',
    'bevilling', 'personale', 'personalemæssige konsekvenser', 'administrative konsekvenser', 'beslutningskompetence',
    'hvem beslutter', 'kompetence', 'kompetenceforhold', 'sagens forløb', 'sagsforløb', 'forventet sagsgang',
    'politisk behandling', 'tidligere behandling', 'tidligere beslutninger', 'videre proces', 'videre forløb',
    'det videre forløb', 'det videre arbejde', 'tidsplan', 'proces', 'inddragelse', 'borgerinddragelse', 'høring',
    'høringssvar', 'kommunikation', 'lovgrundlag', 'retsgrundlag', 'lovgivning', 'juridiske forhold', 'hjemmel',
    'miljøvurdering', 'miljø', 'klima', 'bæredygtighed', 'konsekvenser', 'risici', 'risikovurdering',
    'sundhedsmæssige konsekvenser', 'handicappolitiske konsekvenser', 'erhvervsmæssige konsekvenser', 'udtalelse',
    'udtalelser', 'fraværende', 'afbud', 'til stede', 'deltagere', 'bemærkninger', 'supplerende oplysninger', 'sagens oplysninger',
    'tidsplan og videre proces', 'høring og inddragelse', 'kommunikation og inddragelse', 'ressourcer', 'ressourcemæssige konsekvenser',
    'relation til andre politikker', 'politikker og strategier', 'sagsgang', 'sagens videre forløb', 'arbejdsmiljø',
  ],
};

const ROLE_OF = new Map<string, SectionRole>();
for (const [role, names] of Object.entries(HEADINGS)) for (const name of names) ROLE_OF.set(name, role as SectionRole);

/** `Direktionens indstilling`, `Udvalgets beslutning`, `Forvaltningens vurdering`: someone's part. */
const POSSESSIVE = /^[\p{L}-]+s (indstilling|beslutning|vurdering|bemærkninger)$/u;
/** `Beslutning i Økonomiudvalget den 20-06-2017`, `Beslutning Kultur- og Fritidsudvalget den 25-08-2020`. */
const DECISION_OF_BODY = new RegExp(String.raw`^(?:[Bb]eslutning|BESLUTNING)(?:er)?(?:\s+(?:i|fra|af))?\s+(${COMMITTEE_NAME})(?:\s+(?:den|d\.)\s+(.+?))?\s*:?$`, 'u');
/** `Kultur- og Idrætsudvalget, 03-04-2019, pkt. 44`, `Børne- og Skoleudvalget den 6. november 2018:`. */
const BODY_ON_DATE = new RegExp(String.raw`^(${COMMITTEE_NAME}),?\s+(?:den\s+|d\.\s+)?(\d[\d.\-/ ]*\d|\d{1,2}\.\s*\p{L}+\.?\s+\d{4})(?:,?\s*(?:pkt|punkt)\.?\s*\d+)?\s*:?$`, 'u');

/** A heading line of an item, and what it says. */
export interface SectionHeading {
  /** The heading as printed, without a trailing colon. */
  heading: string;
  role: SectionRole;
  /** Text after `Heading:` on the same line. */
  inline?: string;
  /** For a decision heading that names the body and date (`Beslutning i Byrådet den 20-06-2017`). */
  body?: string;
  date?: string;
}

/** Lower case, one space between words, no trailing colon: `Sagens  kerne :` → `sagens kerne`. */
function normalise(text: string): string {
  let t = text.toLowerCase().replace(/\s+/g, ' ').trim();
  if (t.endsWith(':')) t = t.slice(0, -1).trimEnd();
  return t;
}

/**
 * Recognises a section heading on a line of an item. The line must be the heading alone (or the
 * heading, a colon and a short value); `Økonomi bemærker, at …` is a sentence, not a heading.
 */
export function classifySectionHeading(line: string): SectionHeading | undefined {
  if (line.length > 160) return undefined;
  const text = line.trim().replace(/\s+/g, ' ');
  // Headings start with a letter; most lines of a document are sentences and stop here.
  if (text === '' || text.length > 120 || !/^\p{L}/u.test(text)) return undefined;
  const plain = text.endsWith(':') ? text.slice(0, -1).trimEnd() : text;
  const role = ROLE_OF.get(normalise(text));
  if (role) return { heading: plain, role };
  const possessive = POSSESSIVE.exec(normalise(text));
  if (possessive) {
    const word = possessive[1]!;
    return { heading: plain, role: word === 'indstilling' ? 'recommendation' : word === 'beslutning' ? 'decision' : word === 'vurdering' ? 'presentation' : 'other' };
  }
  const decision = DECISION_OF_BODY.exec(text);
  if (decision) {
    const date = decision[2] ? findAnyDate(decision[2]) : undefined;
    return { heading: plain, role: 'decision', body: decision[1]!, ...(date ? { date } : {}) };
  }
  const dated = BODY_ON_DATE.exec(text);
  if (dated) {
    const date = findAnyDate(dated[2]!);
    if (date) return { heading: plain, role: 'decision', body: dated[1]!, date };
  }
  // `Indstilling fra Teknik og Miljø`, `Baggrund for sagen`, `Beslutning i mødet`: a heading word
  // with a short qualifier and no sentence punctuation.
  const qualified = /^(baggrund|indstilling|sagsfremstilling|beslutning|resum[eé]|økonomi)\s+(?:fra|til|for|i|af|om|og)\s+[^.,;!?]{2,50}$/iu.exec(text);
  if (qualified) {
    const word = qualified[1]!.toLowerCase();
    const role = ROLE_OF.get(word) ?? 'other';
    // `Beslutning i mødet den 12-12-2019`: the date says whether it is this meeting's.
    const date = role === 'decision' ? findAnyDate(text) : undefined;
    return { heading: plain, role, ...(date ? { date } : {}) };
  }
  const colon = /^([^:]{3,40}):\s*(\S.*)$/u.exec(text);
  if (colon) {
    const inlineRole = ROLE_OF.get(normalise(colon[1]!));
    if (inlineRole) return { heading: colon[1]!.trim(), role: inlineRole, inline: colon[2]!.trim() };
  }
  return undefined;
}
