import { TextDecoder } from 'node:util';
import { FetchError } from '../errors.js';

/** The two kinds of document the corpus reads from the web. */
export type DocumentKind = 'pdf' | 'html';

export interface CheckedDocument {
  kind: DocumentKind;
  /** The bytes to store: a PDF as it came, an HTML page as UTF-8. */
  body: Buffer;
}

const PDF_TYPES = new Set(['application/pdf', 'application/x-pdf', 'application/acrobat']);
const HTML_TYPES = new Set(['text/html', 'application/xhtml+xml']);
/** Types that say nothing about the content, so the bytes decide. */
const UNTYPED = new Set(['', 'application/octet-stream', 'binary/octet-stream', 'application/download', 'application/force-download', 'application/x-download']);

function mimeOf(contentType: string | undefined): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

function charsetOf(contentType: string | undefined): string | undefined {
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType ?? '');
  return m?.[1]?.toLowerCase();
}

/** `%PDF-` within the first KiB, where the PDF specification allows readers to find it. */
export function isPdf(body: Buffer): boolean {
  return body.subarray(0, 1024).includes('%PDF-');
}

/** A few words on what the bytes look like instead, for the report. */
function describe(body: Buffer): string {
  const head = body.subarray(0, 512).toString('latin1');
  if (/<(!doctype\s+html|html|head|body)[\s>]/i.test(head)) return 'it is an HTML page, perhaps a login or error page';
  if (head.startsWith('PK')) return 'it is a ZIP or Office file';
  if (body.subarray(0, 8).includes(0)) return 'it is some other binary file';
  return 'it is some other text';
}

/** The character set an HTML page declares in a `<meta>` near its start. */
function metaCharset(body: Buffer): string | undefined {
  const head = body.subarray(0, 4096).toString('latin1');
  const m = /<meta[^>]+charset\s*=\s*["']?([a-z0-9_:.-]+)/i.exec(head);
  return m?.[1]?.toLowerCase();
}

const UTF8 = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8']);

/**
 * Decodes an HTML page: the header's charset, else a byte-order mark, else the page's `<meta>`,
 * else UTF-8, falling back to windows-1252 (what undeclared Danish pages usually are) only when
 * nothing was declared and the bytes are not UTF-8.
 */
function decodeHtml(url: string, body: Buffer, contentType: string | undefined): { text: string; utf8: boolean } {
  if (body.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf]))) return decodeAs(url, body.subarray(3), 'utf-8');
  const declared = charsetOf(contentType) ?? metaCharset(body);
  if (declared !== undefined) return decodeAs(url, body, declared);
  try {
    return decodeAs(url, body, 'utf-8');
  } catch {
    return decodeAs(url, body, 'windows-1252');
  }
}

function decodeAs(url: string, body: Buffer, charset: string): { text: string; utf8: boolean } {
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(charset, { fatal: true });
  } catch {
    throw new FetchError(url, 'wrong-type', `declares a character set this bot cannot read (${charset.slice(0, 40)})`);
  }
  try {
    return { text: decoder.decode(body), utf8: UTF8.has(charset) || decoder.encoding === 'utf-8' };
  } catch {
    throw new FetchError(url, 'wrong-type', `is not ${charset} text although it says so`);
  }
}

/** Rewrites the page's charset declarations to UTF-8, or adds one, after transcoding. */
function declareUtf8(text: string): string {
  let declared = false;
  const out = text.replace(/(<meta[^>]+charset\s*=\s*["']?)([a-z0-9_:.-]+)/gi, (_m, before: string) => {
    declared = true;
    return `${before}utf-8`;
  });
  if (declared) return out;
  const head = /<head(\s[^>]*)?>/i.exec(out);
  if (head) return `${out.slice(0, head.index + head[0].length)}<meta charset="utf-8">${out.slice(head.index + head[0].length)}`;
  return `<meta charset="utf-8">${out}`;
}

function checkHtml(url: string, body: Buffer, contentType: string | undefined): CheckedDocument {
  if (body.subarray(0, 4096).includes(0)) throw new FetchError(url, 'wrong-type', `is not an HTML page: ${describe(body)}`);
  const { text, utf8 } = decodeHtml(url, body, contentType);
  if (!/<(!doctype\s+html|html|head|body)[\s>]/i.test(text.slice(0, 65_536))) {
    throw new FetchError(url, 'wrong-type', 'is not an HTML page: it has no <html>, <head> or <body>');
  }
  return { kind: 'html', body: utf8 ? body : Buffer.from(declareUtf8(text), 'utf8') };
}

function checkPdf(url: string, body: Buffer, claim: string): CheckedDocument {
  if (!isPdf(body)) throw new FetchError(url, 'wrong-type', `is not a PDF although ${claim}: ${describe(body)}`);
  // Every complete PDF ends with %%EOF (some writers add a few bytes after it).
  if (!body.subarray(Math.max(0, body.length - 2048)).includes('%%EOF')) {
    throw new FetchError(url, 'wrong-type', 'is an incomplete PDF (no %%EOF at its end)');
  }
  return { kind: 'pdf', body };
}

/**
 * Checks that a downloaded document is what its type says, before anything is replaced: a PDF must
 * start with `%PDF-` and end with `%%EOF`; an HTML page must decode as text and have `<html>`,
 * `<head>` or `<body>`. The `Content-Type` decides what is expected; when it says nothing
 * (`application/octet-stream`, missing), an address ending in `.pdf` expects a PDF and the bytes
 * decide otherwise.
 *
 * @throws FetchError (kind `wrong-type`) saying what was expected and what came.
 */
export function checkDocument(url: string, body: Buffer, contentType: string | undefined): CheckedDocument {
  if (body.length === 0) throw new FetchError(url, 'wrong-type', 'is empty');
  const mime = mimeOf(contentType);
  const addressSaysPdf = /\.pdf$/i.test(new URL(url).pathname);
  if (PDF_TYPES.has(mime)) return checkPdf(url, body, 'the server says it is one');
  if (UNTYPED.has(mime)) {
    if (addressSaysPdf) return checkPdf(url, body, 'its address ends in .pdf');
    if (isPdf(body)) return checkPdf(url, body, 'it starts like one');
    return checkHtml(url, body, contentType);
  }
  if (HTML_TYPES.has(mime)) {
    // A PDF served as text/html is still a PDF; an HTML page at a .pdf address is an error page.
    if (isPdf(body)) return checkPdf(url, body, 'it starts like one');
    if (addressSaysPdf) throw new FetchError(url, 'wrong-type', `is not a PDF although its address ends in .pdf: ${describe(body)}`);
    return checkHtml(url, body, contentType);
  }
  throw new FetchError(url, 'wrong-type', `is ${mime.slice(0, 80)}, not a PDF or an HTML page`);
}
