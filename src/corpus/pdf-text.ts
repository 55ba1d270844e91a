import { getDocumentProxy } from 'unpdf';
import { CorpusFileError, ErrorCode } from '../errors.js';

/**
 * PDF → one string per page, shaped like the seed extractions in `corpus/*.txt`: the text lines in
 * reading order, an empty line where the layout leaves a paragraph gap, and every http(s) link
 * annotation's URL as a bare line right after the text line it sits on.
 */

/** pdf.js' `VerbosityLevel.ERRORS`: its warnings go to stdout via console.log, so keep them off. */
const PDFJS_ERRORS_ONLY = 0;

/**
 * Options that keep pdf.js off the network and quiet. Without a font or cMap URL it never fetches;
 * text extraction does not need the font programs, only their encodings and metrics, which pdf.js
 * carries itself. (unpdf would point these at a local `pdfjs-dist` when that package is installed;
 * we override that too, so behaviour does not change with what happens to be in node_modules.)
 */
const PDFJS_OPTIONS = {
  verbosity: PDFJS_ERRORS_ONLY,
  isEvalSupported: false,
  useSystemFonts: false,
  disableFontFace: true,
  useWorkerFetch: false,
  standardFontDataUrl: undefined,
  cMapUrl: undefined,
  wasmUrl: undefined,
  iccUrl: undefined,
  stopAtErrors: false,
} as const;

/** A gap this many times the document's usual line spacing is a paragraph break. */
const PARAGRAPH_GAP_FACTOR = 1.35;
/** Baselines closer than this fraction of the font size belong to one line. */
const SAME_LINE_TOLERANCE = 0.4;
/** Text in the top or bottom band of this fraction of the page height is page furniture. */
const FURNITURE_BAND = 0.07;

interface PdfTextItem {
  str: string;
  transform: number[];
  width: number;
  height: number;
}

interface PdfLinkAnnotation {
  subtype?: string;
  url?: string;
  rect?: number[];
}

interface TextLine {
  text: string;
  /** Baseline, PDF user space (origin bottom left). */
  y: number;
  size: number;
  urls: Array<{ x: number; url: string }>;
}

interface PageLines {
  lines: TextLine[];
  /** The page box's lower edge and height, to tell headers and footers from body text. */
  bottom: number;
  height: number;
}

function isTextItem(item: unknown): item is PdfTextItem {
  return typeof item === 'object' && item !== null && 'str' in item && 'transform' in item;
}

function fontSizeOf(item: PdfTextItem): number {
  const [, , c = 0, d = 0] = item.transform;
  return Math.hypot(c, d) || item.height || 1;
}

/** Groups text items into lines by baseline, top to bottom, each line's items left to right. */
function buildLines(items: readonly PdfTextItem[]): TextLine[] {
  const positioned = items
    .filter((item) => item.str !== '')
    .map((item, order) => ({ item, order, x: item.transform[4] ?? 0, y: item.transform[5] ?? 0, size: fontSizeOf(item) }))
    .sort((a, b) => b.y - a.y || a.order - b.order);

  const groups: Array<typeof positioned> = [];
  for (const p of positioned) {
    const group = groups[groups.length - 1];
    const head = group?.[0];
    if (group && head && Math.abs(head.y - p.y) <= SAME_LINE_TOLERANCE * Math.max(head.size, p.size)) group.push(p);
    else groups.push([p]);
  }

  const lines: TextLine[] = [];
  for (const group of groups) {
    group.sort((a, b) => a.x - b.x || a.order - b.order);
    let text = '';
    let end = -Infinity;
    for (const { item, x, size } of group) {
      // Items of one line may come without the space between them; a visible gap is a space.
      if (text !== '' && !/\s$/.test(text) && !/^\s/.test(item.str) && x - end > 0.15 * size) text += ' ';
      text += item.str;
      end = x + item.width;
    }
    text = text.replace(/\s+/g, ' ').trim();
    if (text === '') continue;
    const size = Math.max(...group.map((g) => g.size));
    lines.push({ text, y: group[0]!.y, size, urls: [] });
  }
  return lines;
}

function isHttpUrl(url: unknown): url is string {
  return typeof url === 'string' && /^https?:\/\/\S+$/i.test(url);
}

/**
 * Puts each http(s) link on the line it annotates: the line whose baseline lies within the link's
 * rectangle (with room for descenders), nearest the rectangle's middle; failing that the nearest
 * line. `file:`, `mailto:` and internal links are left out: they are useless or private to readers.
 */
function attachLinks(lines: TextLine[], annotations: readonly PdfLinkAnnotation[]): string[] {
  const orphans: string[] = [];
  for (const annotation of annotations) {
    if (annotation.subtype !== 'Link' || !isHttpUrl(annotation.url)) continue;
    const [x1 = 0, ya = 0, , yb = 0] = annotation.rect ?? [];
    const bottom = Math.min(ya, yb);
    const top = Math.max(ya, yb);
    const middle = (bottom + top) / 2;
    let best: TextLine | undefined;
    let bestScore = Infinity;
    for (const line of lines) {
      const lineMiddle = line.y + 0.3 * line.size;
      const inside = line.y >= bottom - 0.3 * line.size && line.y <= top;
      const score = Math.abs(lineMiddle - middle) + (inside ? 0 : 10_000);
      if (score < bestScore) {
        best = line;
        bestScore = score;
      }
    }
    if (best) best.urls.push({ x: x1, url: annotation.url });
    else orphans.push(annotation.url);
  }
  return orphans;
}

/** Single spacing, for documents too short to measure their own. */
const DEFAULT_LINE_SPACING = 1.2;

/**
 * The usual distance between consecutive baselines, in font sizes, over the whole document: the
 * lower quartile, because most neighbouring lines sit inside a paragraph.
 */
function typicalLineSpacing(pages: readonly PageLines[]): number {
  const gaps: number[] = [];
  for (const { lines } of pages) {
    for (let i = 1; i < lines.length; i++) {
      const dy = lines[i - 1]!.y - lines[i]!.y;
      if (dy > 0) gaps.push(dy / Math.max(lines[i - 1]!.size, lines[i]!.size));
    }
  }
  if (gaps.length < 4) return DEFAULT_LINE_SPACING;
  gaps.sort((a, b) => a - b);
  return gaps[Math.floor(gaps.length / 4)]!;
}

/**
 * Joins a page's lines. A paragraph gap becomes an empty line, except next to a header or footer:
 * the gap above a footer is layout, and a break there would split a paragraph that runs on.
 */
function renderPage({ lines, bottom, height }: PageLines, spacing: number, orphans: readonly string[]): string {
  const out: string[] = [];
  const isFurniture = (line: TextLine) => {
    const fromBottom = line.y - bottom;
    return fromBottom < FURNITURE_BAND * height || fromBottom > (1 - FURNITURE_BAND) * height;
  };
  lines.forEach((line, i) => {
    const previous = lines[i - 1];
    if (previous && !isFurniture(previous) && !isFurniture(line)) {
      const dy = (previous.y - line.y) / Math.max(previous.size, line.size);
      if (dy > PARAGRAPH_GAP_FACTOR * spacing) out.push('');
    }
    out.push(line.text);
    for (const { url } of [...line.urls].sort((a, b) => a.x - b.x)) out.push(url);
  });
  out.push(...orphans);
  return out.join('\n');
}

function unparseable(file: string, reason: string, cause?: unknown): CorpusFileError {
  return new CorpusFileError(ErrorCode.CorpusFileUnparseable, file, reason, cause === undefined ? undefined : { cause });
}

function hasBytes(data: Uint8Array, text: string, from: number, to: number): boolean {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).subarray(from, to).includes(text, 0, 'latin1');
}

/** Checks what pdf.js would silently repair: a file cut short still opens, with pages missing. */
function checkEnvelope(data: Uint8Array, file: string): void {
  if (data.byteLength === 0) throw unparseable(file, 'the file is empty');
  if (!hasBytes(data, '%PDF-', 0, 1024)) throw unparseable(file, 'not a PDF (the file does not start with %PDF-)');
  if (!hasBytes(data, '%%EOF', Math.max(0, data.byteLength - 2048), data.byteLength)) {
    throw unparseable(file, 'not a readable PDF (truncated: the end-of-file marker is missing)');
  }
}

function describePdfjsError(error: unknown): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'PasswordException') return 'PDF is encrypted with a password';
  return 'not a readable PDF (truncated or corrupt)';
}

/**
 * Reads the text of every page of a PDF agenda.
 *
 * @param data the PDF file's bytes (not modified)
 * @param file the name to put in errors, e.g. `corpus/kkr-hovedstaden-2025-04-11-dagsorden.pdf`
 * @returns one string per page, index + 1 = page number; lines separated by `\n`
 * @throws CorpusFileError (`CorpusFileUnparseable`) for an empty, non-PDF, truncated, corrupt or
 *   password-protected file, or one without a text layer
 * @example
 * const pages = await readPdfPages(await readFile(path), path);
 * parseMeeting({ file: path, pages, paged: true });
 */
export async function readPdfPages(data: Uint8Array, file: string): Promise<string[]> {
  checkEnvelope(data, file);
  let pdf: Awaited<ReturnType<typeof getDocumentProxy>>;
  try {
    // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy.
    pdf = await getDocumentProxy(data.slice(), PDFJS_OPTIONS);
  } catch (error) {
    throw unparseable(file, describePdfjsError(error), error);
  }
  try {
    if (pdf.numPages === 0) throw unparseable(file, 'PDF has no pages');
    const pages: PageLines[] = [];
    const orphans: string[][] = [];
    for (let n = 1; n <= pdf.numPages; n++) {
      try {
        const page = await pdf.getPage(n);
        const content = await page.getTextContent();
        const lines = buildLines(content.items.flatMap((item) => (isTextItem(item) ? [item] : [])));
        const annotations = (await page.getAnnotations()) as PdfLinkAnnotation[];
        const [, y1 = 0, , y2 = 0] = page.view;
        orphans.push(attachLinks(lines, annotations));
        pages.push({ lines, bottom: Math.min(y1, y2), height: Math.abs(y2 - y1) });
        page.cleanup();
      } catch (error) {
        throw unparseable(file, `not a readable PDF (truncated or corrupt; page ${n} cannot be read)`, error);
      }
    }
    if (pages.every((p) => p.lines.length === 0)) throw unparseable(file, 'PDF has no text layer (scanned?)');
    const spacing = typicalLineSpacing(pages);
    return pages.map((page, i) => renderPage(page, spacing, orphans[i] ?? []));
  } finally {
    await pdf.destroy();
  }
}
