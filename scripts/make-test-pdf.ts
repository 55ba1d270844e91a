/**
 * Renders a seed agenda's extracted text back into a PDF that looks like the published agenda, so
 * the PDF path of corpus ingestion can be tested without shipping KL's PDFs:
 * A4 pages, the text lines as they are, a footer `KKR Hovedstaden  | 11-04-2025` / `SIDE  |  N` on
 * every page, a new page before each numbered heading, and every bare URL line of the text turned
 * into a link annotation on the text line before it (so the URL exists only as an annotation, as in
 * the real PDF).
 *
 * Usage: npm run make-test-pdf -- [input.txt] [output.pdf]
 * Defaults: corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt → tmp/<name>.pdf
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import PDFDocument from 'pdfkit';

export interface AgendaPdfOptions {
  /** Footer's committee, e.g. `KKR Hovedstaden`. Default: the text's footer, else the first `KKR <region>`. */
  committee?: string;
  /** Footer's date as `DD-MM-YYYY`. Default: the text's footer, else "dagsorden for mødet den 11. april 2025". */
  date?: string;
  /** Start a new page before each top-level heading (` 2. Siden sidst`). Default `true`. */
  pageBreakBeforeHeadings?: boolean;
  /** Document title in the PDF's metadata. Default `Dagsorden <committee> <date>`. */
  title?: string;
}

const A4 = { width: 595.28, height: 841.89 };
const MARGIN_X = 56.7;
const TOP = 56.7;
/** Lowest point body text may reach; the footer lives below. */
const BODY_BOTTOM = A4.height - 80;
const BODY_SIZE = 11;
const LINE_FACTOR = 1.3;
/** At most this many blank lines of space for a run of blank lines. */
const MAX_GAP_LINES = 2;

const URL_LINE = /^\s*([a-z][a-z0-9+.-]*:\/\/\S+|(?:file|mailto):\S+)\s*$/i;
const FOOTER_LINE = /^\s*(KKR[ -]\p{L}+)\s+\|\s+(\d{2}-\d{2}-\d{4})\s*$/u;
const PAGE_NUMBER_LINE = /^\s*SIDE\s+\|\s+\d+\s*$/i;
/** Top-level headings carry a leading space in both seed extractions; numbered lists do not. */
const TOP_HEADING = /^\s+(\d{1,2})\.\s+\S/;
const ITEM_HEADER = /^\s*\d{1,2}\.\d{1,2}\.?\s+\S/;
const SECTION_LABEL = /^\s*(Baggrund|Indstilling|Sagsfremstilling|Bilag|Beslutning)\s*$/;
const REGIONS = /\bKKR (Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b/;
const MONTHS = ['januar', 'februar', 'marts', 'april', 'maj', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'december'];

/**
 * Characters Helvetica's WinAnsi encoding lacks, mapped to what a reader would accept in their place.
 * Everything else outside WinAnsi is reduced to its base letter, or `?`.
 */
const WINANSI_SUBSTITUTES: Record<string, string> = {
  '\u202f': ' ', // narrow no-break space (the 2024 seed has it)
  '\u2009': ' ',
  '\u2002': ' ',
  '\u2003': ' ',
  '\u00a0': ' ',
  '\u200b': '',
  '\u00ad': '',
  '\u2010': '-',
  '\u2011': '-',
  '\u2012': '–',
  '\u2212': '-',
  '\u2015': '—',
  '\u2265': '>=',
  '\u2264': '<=',
  '\u2260': '!=',
  '\u2248': '~',
  '\u2192': '->',
  '\u2190': '<-',
  // Letters NFKD does not take apart.
  'Ł': 'L',
  'ł': 'l',
  'Đ': 'D',
  'đ': 'd',
  'ı': 'i',
  'Ŋ': 'N',
  'ŋ': 'n',
  '\u25aa': '•',
  '\u25cf': '•',
  '\u2713': 'v',
  '\u2032': "'",
  '\u2033': '"',
};
/** The code points 0x80–0x9F of Windows-1252 that are printable. */
const WINANSI_HIGH = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

function isWinAnsi(ch: string): boolean {
  const code = ch.codePointAt(0)!;
  return (code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff) || WINANSI_HIGH.has(ch);
}

/** Maps text onto the characters a standard PDF font (Helvetica, WinAnsiEncoding) can show. */
export function toWinAnsi(text: string): string {
  let out = '';
  for (const ch of text.normalize('NFC')) {
    if (isWinAnsi(ch)) out += ch;
    else if (ch in WINANSI_SUBSTITUTES) out += WINANSI_SUBSTITUTES[ch];
    else {
      const base = ch.normalize('NFKD').replace(/\p{M}/gu, '');
      out += base !== '' && [...base].every(isWinAnsi) ? base : '?';
    }
  }
  return out;
}

type Style = 'heading' | 'bold' | 'body';
const FONT: Record<Style, { font: string; size: number }> = {
  heading: { font: 'Helvetica-Bold', size: 14 },
  bold: { font: 'Helvetica-Bold', size: BODY_SIZE },
  body: { font: 'Helvetica', size: BODY_SIZE },
};

interface LayoutLine {
  text: string;
  style: Style;
  /** Shrunk below the style's size when the line would not fit the width. */
  size: number;
  /** Blank lines of space before this line (0 = none). */
  gapBefore: number;
  /** Link annotations on this line, from the URL lines that followed it in the text. */
  urls: string[];
  pageBreakBefore: boolean;
}

/** Committee and date for the footer: options first, then what the text itself says. */
export function footerOf(text: string, opts: AgendaPdfOptions = {}): { committee: string; date: string } {
  const lines = text.split(/\r?\n/);
  const footer = lines.map((l) => FOOTER_LINE.exec(l)).find((m) => m !== null);
  const flat = text.replace(/\s+/g, ' ');
  let date = opts.date ?? footer?.[2];
  if (!date) {
    const m = /dagsorden(?:en)? for (?:mødet|møde) (?:i \S+ \S+ )?den (\d{1,2})\. (\p{L}+) (\d{4})/iu.exec(flat);
    const month = m ? MONTHS.indexOf(m[2]!.toLowerCase()) + 1 : 0;
    if (m && month > 0) date = `${m[1]!.padStart(2, '0')}-${String(month).padStart(2, '0')}-${m[3]}`;
  }
  const committee = opts.committee ?? footer?.[1]?.replace('-', ' ') ?? REGIONS.exec(flat)?.[0];
  if (!committee || !date) {
    throw new Error(`cannot tell the ${committee ? 'meeting date' : 'committee'} from the text: pass it as an option`);
  }
  return { committee, date };
}

function styleOf(line: string, isTopHeading: boolean): Style {
  if (isTopHeading) return 'heading';
  if (ITEM_HEADER.test(line) || SECTION_LABEL.test(line)) return 'bold';
  return 'body';
}

/**
 * Reads the extracted text into lines to print. Empty lines are extraction artefacts and go;
 * whitespace-only lines are the paragraph gaps; the text's own surviving page footer goes (the PDF
 * gets real ones); URL lines become links on the line before.
 */
function readLines(text: string, opts: AgendaPdfOptions, measure: (line: string, style: Style) => number): LayoutLine[] {
  const out: LayoutLine[] = [];
  let gap = 0;
  let pendingUrls: string[] = [];
  let lastTopHeading = 0;
  const width = A4.width - 2 * MARGIN_X;
  for (const raw of text.split(/\r?\n/)) {
    if (raw === '') continue;
    if (raw.trim() === '') {
      gap++;
      continue;
    }
    if (FOOTER_LINE.test(raw) || PAGE_NUMBER_LINE.test(raw)) continue;
    const url = URL_LINE.exec(raw);
    if (url) {
      const previous = out[out.length - 1];
      if (previous) previous.urls.push(url[1]!);
      else pendingUrls.push(url[1]!);
      continue;
    }
    const heading = TOP_HEADING.exec(raw);
    const isTopHeading = heading !== null && Number(heading[1]) === lastTopHeading + 1;
    if (isTopHeading) lastTopHeading++;
    const lineText = toWinAnsi(raw.replace(/\s+$/, ''));
    const style = styleOf(raw, isTopHeading);
    const natural = measure(lineText, style);
    const size = natural > width ? Math.floor((FONT[style].size * width * 10) / natural) / 10 : FONT[style].size;
    out.push({
      text: lineText,
      style,
      size,
      gapBefore: Math.min(gap, MAX_GAP_LINES),
      urls: pendingUrls,
      pageBreakBefore: isTopHeading && (opts.pageBreakBeforeHeadings ?? true),
    });
    pendingUrls = [];
    gap = 0;
  }
  return out;
}

function advanceOf(line: LayoutLine): number {
  return line.size * LINE_FACTOR;
}

function gapOf(line: LayoutLine, firstOnPage: boolean): number {
  return firstOnPage ? 0 : line.gapBefore * BODY_SIZE * LINE_FACTOR;
}

function heightOf(lines: readonly LayoutLine[]): number {
  return lines.reduce((sum, line, i) => sum + gapOf(line, i === 0) + advanceOf(line), 0);
}

/**
 * Splits lines into pages. A page never ends where the text has a paragraph gap: a gap at a page
 * boundary would be invisible in the PDF and two paragraphs would read as one. So when the next
 * line follows a gap and does not fit, the lines after the page's last gap-free boundary move on.
 */
function paginate(lines: readonly LayoutLine[]): LayoutLine[][] {
  const bodyHeight = BODY_BOTTOM - TOP;
  const pages: LayoutLine[][] = [[]];
  for (const line of lines) {
    let page = pages[pages.length - 1]!;
    if (line.pageBreakBefore && page.length > 0) {
      page = [];
      pages.push(page);
    } else if (page.length > 0 && heightOf([...page, line]) > bodyHeight) {
      let keep = page.length;
      if (line.gapBefore > 0) {
        let k = page.length - 1;
        while (k >= 1 && page[k]!.gapBefore > 0) k--;
        if (k >= 1) keep = k;
      }
      page = page.splice(keep);
      pages.push(page);
    }
    page.push(line);
  }
  return pages.filter((p) => p.length > 0);
}

/**
 * Renders agenda text (as extracted from a published agenda) into a PDF.
 *
 * @example
 * const pdf = await makeAgendaPdf(await readFile('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', 'utf8'));
 * await writeFile('tmp/agenda.pdf', pdf);
 */
export async function makeAgendaPdf(text: string, opts: AgendaPdfOptions = {}): Promise<Uint8Array> {
  const { committee, date } = footerOf(text, opts);
  const doc = new PDFDocument({
    size: 'A4',
    // Everything is placed explicitly; zero margins keep pdfkit from adding pages on its own.
    margins: { top: 0, bottom: 0, left: 0, right: 0 },
    autoFirstPage: false,
    info: {
      Title: opts.title ?? `Dagsorden ${committee} ${date}`,
      Author: 'KL',
      Producer: 'mødebot make-test-pdf',
      Creator: 'mødebot make-test-pdf',
      // A fixed date keeps the output identical from run to run.
      CreationDate: new Date(Date.UTC(2000, 0, 1)),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const finished = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });

  const measure = (line: string, style: Style) => doc.font(FONT[style].font).fontSize(FONT[style].size).widthOfString(line);
  const pages = paginate(readLines(text, opts, measure));

  pages.forEach((page, index) => {
    doc.addPage({ size: 'A4', margins: { top: 0, bottom: 0, left: 0, right: 0 } });
    let y = TOP;
    page.forEach((line, i) => {
      y += gapOf(line, i === 0);
      doc.font(FONT[line.style].font).fontSize(line.size);
      doc.text(line.text, MARGIN_X, y, { lineBreak: false });
      const width = doc.widthOfString(line.text);
      for (const url of line.urls) doc.link(MARGIN_X, y, width, line.size * 1.15, url);
      y += advanceOf(line);
    });
    doc.font('Helvetica').fontSize(8);
    doc.text(`${committee}  | ${date}`, MARGIN_X, A4.height - 48, { lineBreak: false });
    const pageNumber = `SIDE  |  ${index + 1}`;
    doc.text(pageNumber, A4.width - MARGIN_X - doc.widthOfString(pageNumber), A4.height - 36, { lineBreak: false });
  });
  doc.end();
  await finished;
  return new Uint8Array(Buffer.concat(chunks));
}

/** Committee and date from a corpus file name like `kkr-hovedstaden-2025-04-11-dagsorden.txt`. */
function optionsFromFileName(file: string): AgendaPdfOptions {
  const m = /(kkr-[\p{L}]+)-(\d{4})-(\d{2})-(\d{2})/u.exec(path.basename(file));
  if (!m) return {};
  const region = m[1]!.slice(4);
  return { committee: `KKR ${region.charAt(0).toUpperCase()}${region.slice(1)}`, date: `${m[4]}-${m[3]}-${m[2]}` };
}

async function main(args: string[]): Promise<void> {
  const input = args[0] ?? 'corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt';
  const output = args[1] ?? path.join('tmp', `${path.basename(input).replace(/\.txt$/i, '')}.pdf`);
  const text = await readFile(input, 'utf8');
  const fromName = optionsFromFileName(input);
  // The text's own footer wins over the file name; the name helps when the text has none.
  let opts: AgendaPdfOptions;
  try {
    footerOf(text);
    opts = {};
  } catch {
    opts = fromName;
  }
  const pdf = await makeAgendaPdf(text, opts);
  await mkdir(path.dirname(output), { recursive: true });
  await writeFile(output, pdf);
  process.stderr.write(`${output}: ${pdf.byteLength} bytes\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    process.stderr.write(`make-test-pdf: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
