import { COMMITTEE_NAME } from './committees.js';

/**
 * The first step of reading any meeting document: its pages become classified lines, with the
 * publisher's page furniture (running headers and footers, page numbers, "Til toppen", "Udskriv",
 * breadcrumbs, cookie banners) taken out. Removed furniture leaves a paragraph break, since it
 * always stood between two blocks of text.
 */

/** The text of one meeting document, page by page. */
export interface DocumentSource {
  file: string;
  /** Text of each page in order; a text or HTML file is one page. */
  pages: string[];
  /** Page numbers are real (PDF), so items get `page`. */
  paged: boolean;
}

export interface Line {
  /** The line without surrounding whitespace. */
  text: string;
  page: number;
  kind: 'text' | 'break' | 'url';
}

/** A page footer naming the meeting, `KKR Hovedstaden  |  11-04-2025`: the committee and date. */
export const MEETING_FOOTER = new RegExp(String.raw`^\s*(${COMMITTEE_NAME}|KKR-\p{L}+)\s+\|\s+(\d{2}-\d{2}-\d{4})\s*$`, 'u');
const URL_LINE = /^\s*([a-z][a-z0-9+.-]*:\/\/\S+|(?:file|mailto):\S+)\s*$/i;

/** A list glyph at the start of a line: `•`, `·`, `▪`, `–`, `-`, `*`, `➢`. */
export const LEADING_GLYPH = /^(?:[•·▪●◦■□➢►▶✓*]|[–—-](?=\s))\s*/u;

/** The line without a leading list glyph. */
export function stripGlyph(text: string): string {
  return text.replace(LEADING_GLYPH, '').trim();
}

/** Web-page and export furniture that stands on a line of its own. */
const FURNITURE = new Set(
  [
    'til toppen', 'tilbage til toppen', 'til top', 'til indholdsfortegnelse', 'tilbage til indholdsfortegnelse',
    'udskriv', 'udskriv punkt', 'udskriv punktet', 'udskriv hele dagsordenen', 'udskriv hele dagsordnen', 'udskriv dagsorden',
    'udskriv referat', 'udskriv hele referatet', 'print', 'print punkt', 'printvenlig version',
    'fold alle ud', 'fold alle ind', 'fold ud', 'fold ind', 'fold dette punkt ind', 'fold dette punkt ud', 'fold punktet ud',
    'vis alle', 'skjul alle', 'åbn alle', 'luk alle', 'vis mere', 'vis mindre', 'luk alle punkter', 'åbn alle punkter', 'fold alle punkter ud',
    'tilbage til oversigt', 'abonnér', 'abonner', 'video', 'udvalg ikon', 'tidspunkt ikon',
    'gå til indhold', 'gå til hovedindhold', 'spring til indhold', 'spring til hovedindhold', 'spring navigation over',
    'you are here', 'du er her', 'sbsys dagsorden preview', 'læs op', 'lyt til siden',
    'del', 'del siden', 'del på facebook', 'del på linkedin', 'del på twitter', 'send til en ven', 'tip en ven',
    'hjem', 'forside', 'menu', 'søg', 'luk', 'se alle bilag', 'vis alle bilag', 'bilag til punktet', 'tilbage til oversigten',
  ],
);

const PAGE_NUMBER = [
  /^side\s*\|?\s*\d+(?:\s*(?:af|\/|of)\s*\d+)?$/i,
  /^page\s+\d+(?:\s+of\s+\d+)?$/i,
  /^-\s*\d{1,3}\s*-$/,
  /^\d{1,3}\s*\/\s*\d{1,3}$/,
];

/** `Forside > Politik > Dagsordener`, `Du er her: Forside / Politik`. */
const BREADCRUMB = /^(?:du er her:?\s*)?(?:forside|hjem|home|start)\s*(?:[>›»|]|\/(?!\/)).{0,200}$/i;

/**
 * Furniture a page shows between blocks (`Til toppen`, `Udskriv`, a breadcrumb, a cookie banner):
 * `block`; furniture that a page break puts mid-paragraph (a page number): `inline`.
 */
function furniture(text: string): 'block' | 'inline' | undefined {
  if (text.length > 400) return undefined;
  const bare = stripGlyph(text).toLowerCase().replace(/\s*:\s*$/, '').replace(/\s+/g, ' ');
  if (PAGE_NUMBER.some((re) => re.test(bare))) return 'inline';
  if (FURNITURE.has(bare)) return 'block';
  if (BREADCRUMB.test(bare)) return 'block';
  // Cookie banners: a site's, never a council's words.
  if (bare.length <= 400 && /\bcookie/.test(bare)) return 'block';
  return undefined;
}

/** Characters that extractions and web pages carry but text does not need. */
function cleanCharacters(text: string): string {
  return (
    text
      .replace(/[\u00a0\u2007\u202f\t]/g, ' ')
      .replace(/[\u00ad\u200b-\u200d\u2060\ufeff]/g, '')
      // Roskilde's list marks are a combining stroke (U+0335) at the start of the line.
      .replace(/^(\s*)\u0335\s*/u, '$1– ')
      // Letter-spaced headings (`K K R   H O V E D S T A D E N`): words again, where the spacing tells.
      .replace(/^\s*(?:\p{L} ){2,}\p{L}(?: {2,}(?:\p{L} )*\p{L})*\s*$/u, (line) =>
        line
          .trim()
          .split(/ {2,}/)
          .map((word) => word.replace(/ /g, ''))
          .join(' '),
      )
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/g, '')
  );
}

/** A line's text with its digits masked, so `Side 3` and `Side 4` count as one running header. */
function furnitureKey(text: string): string {
  return text.replace(/\s+/g, ' ').trim().toLowerCase().replace(/\d+/g, '#');
}

/**
 * Lines that open or close most pages (a running header or footer with the committee's name and
 * date, a document title): found when a key recurs at the top or bottom of at least 40 % of three
 * or more pages.
 */
function runningFurniture(pages: string[][]): Set<string> {
  if (pages.length < 3) return new Set();
  const counts = new Map<string, number>();
  for (const page of pages) {
    const texts = page.filter((l) => l.trim() !== '');
    const edge = new Set([...texts.slice(0, 2), ...texts.slice(-2)].map(furnitureKey));
    for (const key of edge) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const threshold = Math.max(3, Math.ceil(pages.length * 0.4));
  return new Set([...counts].filter(([key, n]) => n >= threshold && key.length >= 3).map(([key]) => key));
}

/**
 * Splits pages into classified lines. Extractions differ in what marks a paragraph: in the
 * doubled-line layout every text line is followed by an empty line, and only whitespace-only
 * lines are paragraph breaks; otherwise every blank line is one.
 */
export function documentLines(source: DocumentSource, footers: string[] = []): Line[] {
  // A text file may carry form feeds between pages; they count as pages for running headers.
  const pages = source.paged ? source.pages : source.pages.flatMap((p) => p.split('\f'));
  const rawPages = pages.map((p) => p.split(/\r?\n|\f/).map(cleanCharacters));
  const running = runningFurniture(rawPages);
  const all = rawPages.flatMap((lines, index) => lines.map((text) => ({ text, page: source.paged ? index + 1 : 1 })));
  const textLines = all.filter((l) => l.text.trim() !== '').length;
  let followedByEmpty = 0;
  for (let i = 0; i + 1 < all.length; i++) if (all[i]!.text.trim() !== '' && all[i + 1]!.text === '') followedByEmpty++;
  const whitespaceOnly = all.filter((l) => l.text !== '' && l.text.trim() === '').length;
  const empty = all.filter((l) => l.text === '').length;
  // PDF extractions mark paragraphs with whitespace-only lines and leave empty lines as artefacts:
  // every line doubled, or more whitespace-only lines than empty ones. Web text uses empty lines.
  const doubled = whitespaceOnly > 0 && ((textLines > 20 && followedByEmpty / textLines > 0.8) || whitespaceOnly >= empty);

  const lines: Line[] = [];
  const pushBreak = (page: number) => {
    if (lines.length > 0 && lines[lines.length - 1]!.kind !== 'break') lines.push({ text: '', page, kind: 'break' });
  };
  for (const { text: raw, page } of all) {
    const text = raw.trim();
    if (text === '') {
      if (!doubled || raw !== '') pushBreak(page);
      continue;
    }
    if (MEETING_FOOTER.test(raw)) {
      footers.push(text);
      continue;
    }
    if (running.size > 0 && running.has(furnitureKey(text))) continue;
    const kind = furniture(text);
    if (kind === 'inline') continue;
    if (kind === 'block') {
      pushBreak(page);
      continue;
    }
    if (URL_LINE.test(text)) {
      lines.push({ text, page, kind: 'url' });
      continue;
    }
    lines.push({ text, page, kind: 'text' });
  }
  return lines;
}
