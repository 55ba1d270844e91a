import fs from 'node:fs';
import path from 'node:path';
import PDFDocument from 'pdfkit';
import { getDocumentProxy } from 'unpdf';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { makeAgendaPdf } from '../../scripts/make-test-pdf.js';
import { parseMeeting, type ParsedItem } from '../../src/corpus/parse-meeting.js';
import { readPdfPages } from '../../src/corpus/pdf-text.js';
import { CorpusFileError, ErrorCode } from '../../src/errors.js';
import { tempDir } from '../helpers/temp-dir.js';

const SEEDS = [
  { file: 'corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', hasFileLink: true },
  { file: 'corpus/kkr-hovedstaden-2024-06-18-dagsorden.txt', hasFileLink: false },
];

const URL_LINE = /^\s*(\S+:\/\/\S+|mailto:\S+)\s*$/;
const FOOTER_LINE = /^\s*(KKR \p{L}+\s+\|\s+\d{2}-\d{2}-\d{4}|SIDE\s+\|\s+\d+)\s*$/u;

let tmp: string;
beforeAll(() => {
  tmp = tempDir('moedebot-pdf-');
});
afterAll(() => {
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** What a reader sees of a line: its words, without layout spacing. */
function words(line: string): string {
  return line.replace(/\s+/g, ' ').trim();
}

/** The readable lines of an extraction: no blank lines, URL lines or page footers. */
function textLines(text: string): string[] {
  return text
    .split('\n')
    .filter((l) => l.trim() !== '' && !URL_LINE.test(l) && !FOOTER_LINE.test(l))
    .map(words);
}

/** Each http(s) URL line with the text line it follows (skipping other URL lines, blanks, footers). */
function urlsAfterLines(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let previous = '';
  for (const line of text.split('\n')) {
    if (line.trim() === '' || FOOTER_LINE.test(line)) continue;
    const url = URL_LINE.exec(line);
    if (!url) previous = words(line);
    else if (/^https?:/i.test(url[1]!)) pairs.push([previous, url[1]!]);
  }
  return pairs;
}

function withoutPage(item: ParsedItem) {
  const { number, heading, title, caseNumber, caseOfficers, recommendation, background, presentation, attachments, links } = item;
  return { number, heading, title, caseNumber, caseOfficers, recommendation, background, presentation, attachments, links };
}

describe.each(SEEDS)('readPdfPages on $file rendered as PDF', ({ file, hasFileLink }) => {
  let text: string;
  let pdfFile: string;
  let pdf: Uint8Array;
  let pages: string[];

  beforeAll(async () => {
    text = fs.readFileSync(file, 'utf8');
    pdfFile = path.join(tmp, path.basename(file).replace(/\.txt$/, '.pdf'));
    fs.writeFileSync(pdfFile, await makeAgendaPdf(text));
    pdf = new Uint8Array(fs.readFileSync(pdfFile));
    pages = await readPdfPages(pdf, pdfFile);
  });

  it('gives one string per PDF page, in page order', async () => {
    const doc = await getDocumentProxy(pdf.slice(), { verbosity: 0 });
    expect(pages).toHaveLength(doc.numPages);
    await doc.destroy();
    expect(pages.length).toBeGreaterThan(10);
    pages.forEach((page, i) => expect(page.split('\n')).toContain(`SIDE | ${i + 1}`));
  });

  it('reads the same text lines in the same order as the seed extraction', () => {
    expect(textLines(pages.join('\n'))).toEqual(textLines(text));
  });

  it('puts each http(s) link URL on a line of its own right after the line it annotates', () => {
    const pairs = urlsAfterLines(text);
    expect(pairs.length).toBeGreaterThan(3);
    expect(urlsAfterLines(pages.join('\n'))).toEqual(pairs);
  });

  it('never emits file: or other non-http(s) links, though the PDF carries them', async () => {
    if (hasFileLink) {
      const doc = await getDocumentProxy(pdf.slice(), { verbosity: 0 });
      const raw: string[] = [];
      for (let n = 1; n <= doc.numPages; n++) {
        for (const a of await (await doc.getPage(n)).getAnnotations()) raw.push(String(a.unsafeUrl ?? a.url));
      }
      await doc.destroy();
      expect(raw.some((u) => u.startsWith('file:'))).toBe(true);
    }
    const urls = pages.flatMap((p) => p.split('\n')).filter((l) => URL_LINE.test(l));
    expect(urls.length).toBeGreaterThan(0);
    for (const url of urls) expect(url).toMatch(/^https?:\/\//);
    expect(pages.join('\n')).not.toContain('file:');
  });

  it('parses into the same items as the text, each with the page its heading is on', () => {
    const fromText = parseMeeting({ file, pages: [text], paged: false });
    const fromPdf = parseMeeting({ file: pdfFile, pages, paged: true });

    expect(fromPdf.items.length).toBeGreaterThan(10);
    expect(fromPdf.items.map(withoutPage)).toEqual(fromText.items.map(withoutPage));
    expect(fromPdf.committee).toBe(fromText.committee);
    expect(fromPdf.meetingDate).toBe(fromText.meetingDate);
    expect(fromPdf.nextMeeting).toEqual(fromText.nextMeeting);
    expect(fromText.items.every((item) => item.page === undefined)).toBe(true);

    const itemPages = fromPdf.items.map((item) => item.page ?? 0);
    expect(itemPages[0]).toBeGreaterThanOrEqual(1);
    expect(itemPages[itemPages.length - 1]).toBeLessThanOrEqual(pages.length);
    expect(itemPages).toEqual([...itemPages].sort((a, b) => a - b));
    expect(new Set(itemPages).size).toBeGreaterThan(pages.length / 3);
    for (const item of fromPdf.items) {
      const lines = pages[item.page! - 1]!.split('\n');
      expect(lines.some((l) => l.startsWith(`${item.number}. `))).toBe(true);
    }
  });

  it('gives items the http(s) links of the text and no file: link', () => {
    const fromPdf = parseMeeting({ file: pdfFile, pages, paged: true });
    const links = fromPdf.items.flatMap((item) => item.links);
    const expected = new Set(urlsAfterLines(text).map(([, url]) => url));
    expect(new Set(links)).toEqual(expected);
    expect(links.some((l) => l.startsWith('file:'))).toBe(false);
  });
});

describe('readPdfPages on the 11 April 2025 agenda', () => {
  it('finds item 3.4 on a real page of the PDF, with its link on the next item', async () => {
    const text = fs.readFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', 'utf8');
    const file = path.join(tmp, 'dagsorden-3.4.pdf');
    fs.writeFileSync(file, await makeAgendaPdf(text));
    const pages = await readPdfPages(new Uint8Array(fs.readFileSync(file)), file);
    const { items } = parseMeeting({ file, pages, paged: true });
    const item = items.find((i) => i.number === '3.4')!;
    expect(item.title).toBe('Status på implementering af sundhedsreformen');
    expect(pages[item.page! - 1]).toContain('3.4. Status på implementering af sundhedsreformen');
    // The seed puts the høringssvar link after 3.5's *Baggrund*; the PDF keeps it there.
    expect(items.find((i) => i.number === '3.5')!.links).toContain('https://www.kl.dk/hoeringssvar');
  });
});

describe('makeAgendaPdf', () => {
  it('writes æøå and typographic marks as they are and maps characters Helvetica lacks', async () => {
    const text = [
      'KKR Hovedstaden  | 11-04-2025 ',
      'Vækst på ≥ 5 pct. – “Fælles” løsninger for Århus’ Øer ',
      ' ',
      'Łódź\u202fog Ærø: 10 ≤ x − 2 ',
      'https://www.kl.dk/',
      'mailto:kkr@kl.dk',
    ].join('\n');
    const pages = await readPdfPages(await makeAgendaPdf(text), 'tegn.pdf');
    expect(pages).toHaveLength(1);
    expect(pages[0]!.split('\n')).toEqual([
      'Vækst på >= 5 pct. – “Fælles” løsninger for Århus’ Øer',
      '',
      'Lódz og Ærø: 10 <= x - 2',
      'https://www.kl.dk/',
      'KKR Hovedstaden | 11-04-2025',
      'SIDE | 1',
    ]);
  });

  it('takes committee and date from the options when the text names none', async () => {
    await expect(makeAgendaPdf('Dagsorden\n')).rejects.toThrow(/committee/);
    const pages = await readPdfPages(await makeAgendaPdf('Dagsorden\n', { committee: 'KKR Sjælland', date: '01-02-2026' }), 'x.pdf');
    expect(pages[0]).toBe('Dagsorden\nKKR Sjælland | 01-02-2026\nSIDE | 1');
  });
});

describe('readPdfPages on bad input', () => {
  let good: Uint8Array;
  beforeAll(async () => {
    good = await makeAgendaPdf(fs.readFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', 'utf8'));
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });

  async function failure(data: Uint8Array, name: string): Promise<CorpusFileError> {
    const file = path.join(tmp, name);
    fs.writeFileSync(file, data);
    const error = await readPdfPages(new Uint8Array(fs.readFileSync(file)), file).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(CorpusFileError);
    const corpusError = error as CorpusFileError;
    expect(corpusError.code).toBe(ErrorCode.CorpusFileUnparseable);
    expect(corpusError.file).toBe(file);
    expect(corpusError.message).toContain(file);
    return corpusError;
  }

  function pdfkitBytes(options: PDFKit.PDFDocumentOptions, draw: (doc: PDFKit.PDFDocument) => void): Promise<Uint8Array> {
    const doc = new PDFDocument(options);
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    const done = new Promise<Uint8Array>((resolve) => doc.on('end', () => resolve(new Uint8Array(Buffer.concat(chunks)))));
    draw(doc);
    doc.end();
    return done;
  }

  it('rejects a truncated PDF, naming the file', async () => {
    const error = await failure(good.slice(0, Math.floor(good.byteLength / 2)), 'afkortet.pdf');
    expect(error.reason).toMatch(/not a readable PDF \(truncated/);
  });

  it('rejects a text file renamed .pdf, naming the file', async () => {
    const error = await failure(new Uint8Array(fs.readFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt')), 'omdoebt.pdf');
    expect(error.reason).toMatch(/not a PDF/);
  });

  it('rejects an empty file', async () => {
    expect((await failure(new Uint8Array(0), 'tom.pdf')).reason).toMatch(/empty/);
  });

  it('rejects a PDF whose body is garbage between a valid header and end marker', async () => {
    const garbage = new TextEncoder().encode(`%PDF-1.7\n${'x7Q#'.repeat(2000)}\n%%EOF\n`);
    expect((await failure(garbage, 'korrupt.pdf')).reason).toMatch(/not a readable PDF \(truncated or corrupt/);
  });

  it('rejects a password-protected PDF', async () => {
    const locked = await pdfkitBytes({ userPassword: 'hemmelig', ownerPassword: 'ejer' }, (doc) => doc.text('Dagsorden'));
    expect((await failure(locked, 'laast.pdf')).reason).toMatch(/password/);
  });

  it('rejects a PDF without a text layer as probably scanned', async () => {
    const scanned = await pdfkitBytes({ size: 'A4' }, (doc) => doc.rect(50, 50, 300, 400).fill('#777'));
    expect((await failure(scanned, 'scannet.pdf')).reason).toBe('PDF has no text layer (scanned?)');
  });

  it('reads a PDF pdf.js has to repair, without printing warnings or touching the network', async () => {
    const raw = Buffer.from(good).toString('latin1');
    const at = raw.lastIndexOf('startxref');
    const repaired = new Uint8Array(Buffer.from(`${raw.slice(0, at)}startxref\n12345\n%%EOF\n`, 'latin1'));
    const printed = [
      vi.spyOn(console, 'log').mockImplementation(() => {}),
      vi.spyOn(console, 'warn').mockImplementation(() => {}),
      vi.spyOn(console, 'info').mockImplementation(() => {}),
      vi.spyOn(console, 'error').mockImplementation(() => {}),
    ];
    const fetched: string[] = [];
    vi.spyOn(globalThis, 'fetch').mockImplementation(async (input) => {
      fetched.push(String(input));
      throw new Error('no network in tests');
    });

    const pages = await readPdfPages(repaired, 'reparation.pdf');

    expect(pages.join('\n')).toContain('3.4. Status på implementering af sundhedsreformen');
    for (const spy of printed) expect(spy).not.toHaveBeenCalled();
    expect(fetched).toEqual([]);
  });

  it('leaves the caller’s bytes intact', async () => {
    const copy = good.slice();
    await readPdfPages(copy, 'kopi.pdf');
    expect(copy.byteLength).toBe(good.byteLength);
    expect(Buffer.from(copy).equals(Buffer.from(good))).toBe(true);
  });
});

describe.each([
  { file: 'mariagerfjord-udvalget-for-teknik-og-miljoe-2019-05-06.txt', committee: 'Udvalget for Teknik og Miljø', date: '06-05-2019' },
  { file: 'roedovre-kommunalbestyrelsen-2019-09-24.txt', committee: 'Kommunalbestyrelsen', date: '24-09-2019' },
  { file: 'roskilde-kultur-og-idraetsudvalget-2019-04-03.txt', committee: 'Kultur- og Idrætsudvalget', date: '03-04-2019' },
])('a municipality’s minutes ($file) as PDF', ({ file, committee, date }) => {
  it('give the same items, case numbers, recommendations and decisions as their text', async () => {
    const text = fs
      .readFileSync(path.join('tests/fixtures/layouts', file), 'utf8')
      .split('\n')
      .filter((l) => !l.startsWith('# '))
      .join('\n')
      // Roskilde's list marks are a combining stroke, which the test PDF's Helvetica cannot draw.
      .replace(/\u0335/g, '–');
    const pages = await readPdfPages(await makeAgendaPdf(text, { committee, date, pageBreakBeforeHeadings: false, title: `Referat ${committee}` }), file.replace('.txt', '.pdf'));
    const fromText = parseMeeting({ file, pages: [text], paged: false });
    const fromPdf = parseMeeting({ file, pages, paged: true });
    const shape = (d: typeof fromText) => d.items.map((i) => ({ number: i.number, title: i.title, caseNumber: i.caseNumber, recommendation: words(i.recommendation), decision: i.decision && words(i.decision) }));
    expect(shape(fromPdf)).toEqual(shape(fromText));
    expect([fromPdf.committee, fromPdf.meetingDate, fromPdf.kind]).toEqual([fromText.committee, fromText.meetingDate, fromText.kind]);
    expect(fromPdf.items.every((i) => i.page !== undefined)).toBe(true);
  });
});
