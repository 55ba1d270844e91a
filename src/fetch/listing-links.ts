import { parseDocument } from 'htmlparser2';
import { findAll, getAttributeValue, textContent } from 'domutils';
import type { Element } from 'domhandler';

/** Whether a document is a meeting's agenda (*dagsorden*) or its minutes (*referat*). */
export type MaterialKind = 'agenda' | 'minutes';

/** A link to meeting material found on a listing page. */
export interface MaterialLink {
  /** Absolute, without `#fragment`. */
  url: string;
  /** The link's text (or title / image alt), whitespace collapsed; may be empty. */
  text: string;
  kind?: MaterialKind;
}

export interface ListingLinks {
  /** Agendas and minutes on the page's host, in page order, each address once. */
  documents: MaterialLink[];
  /** The listing's further pages (pagination), on the page's host. */
  nextPages: string[];
  /** Whether the page itself reads like one meeting's agenda or minutes (its `<title>` / `<h1>`). */
  looksLikeMaterial: boolean;
}

/** Words that make a link meeting material. */
const MATERIAL = /dagsorden|referat|beslutningsprotokol|protokol|agenda|minutes/i;
const MINUTES = /referat|protokol|minutes/i;
const AGENDA = /dagsorden|agenda/i;
/**
 * Navigation to other listings ("Dagsordener og referater", "Alle referater 2023") says the words
 * in the plural; a single meeting's link names one document or carries its date.
 */
const PLURAL_ONLY = /\b(dagsordener|referater|agendas)\b/i;
/** Attachments (*bilag*) are not agendas; "Dagsorden med bilag" is. */
const ATTACHMENT_FIRST = /^\W*(pdf\W+)?bilag\b/i;
const MONTHS = 'januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december|jan|feb|mar|apr|jun|jul|aug|sep|sept|okt|nov|dec';
const DATE = new RegExp(`\\b(\\d{1,2}[-./]\\d{1,2}[-./]\\d{2,4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\.?\\s+(${MONTHS})\\.?\\s+\\d{4})\\b`, 'i');
/** Who meets: with a date, a link like "Økonomiudvalget 20-06-2017" is a meeting's material. */
const BODY = /udvalg|byråd|bystyre|kommunalbestyrelse|regionsråd|kommunekontaktråd|\bkkr\b|\bråd\b|møde/i;
/** Document endings that are not PDFs but still pages (HTML publications, per-meeting pages). */
const PAGE_ENDINGS = new Set(['', 'html', 'htm', 'xhtml', 'aspx', 'asp', 'php', 'jsp', 'cfm']);
const NEXT_TEXT = /^(næste( side)?|next( page)?|frem|›|»|>|>>|→)$/i;
/** Query parameters that number the pages of a listing. */
const PAGE_PARAMS = ['page', 'side', 'p', 'pg', 'paged', 'pagenumber', 'pageindex', 'pagenr', 'sidenr'];

function clean(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

function linkText(a: Element): string {
  const alts = findAll((e) => e.name === 'img', a.children)
    .map((img) => getAttributeValue(img, 'alt') ?? '')
    .join(' ');
  const text = clean([textContent(a), getAttributeValue(a, 'title') ?? '', getAttributeValue(a, 'aria-label') ?? '', alts].join(' '));
  // Publishers label file links with their type ("PDF Dagsorden …"); the title is the rest.
  return text.replace(/^(pdf|html)\b\s*(?=\S)/i, '');
}

function ending(url: URL): string {
  const last = url.pathname.split('/').pop() ?? '';
  const dot = last.lastIndexOf('.');
  return dot < 0 ? '' : last.slice(dot + 1).toLowerCase();
}

function decoded(url: URL): string {
  try {
    return decodeURIComponent(url.pathname + url.search);
  } catch {
    return url.pathname + url.search;
  }
}

/** The listing's page number in `url` (0 when it has none), and which parameter holds it. */
function pageNumber(url: URL): { param?: string; n: number } {
  for (const [key, value] of url.searchParams) {
    if (PAGE_PARAMS.includes(key.toLowerCase()) && /^\d{1,5}$/.test(value)) return { param: key.toLowerCase(), n: Number(value) };
  }
  return { n: 0 };
}

/** `candidate` is a later page of the same listing: same path, same query but a higher page number. */
function isLaterPage(candidate: URL, page: URL): boolean {
  if (candidate.pathname !== page.pathname) return false;
  const target = pageNumber(candidate);
  if (target.param === undefined) return false;
  const current = pageNumber(page);
  if (current.param !== undefined && current.param !== target.param) return false;
  const rest = (u: URL) =>
    [...u.searchParams]
      .filter(([k]) => k.toLowerCase() !== target.param)
      .map(([k, v]) => `${k}=${v}`)
      .sort()
      .join('&');
  return target.n > current.n && rest(candidate) === rest(page);
}

function kindOf(text: string, address: string): MaterialKind | undefined {
  for (const words of [text, address]) {
    if (MINUTES.test(words)) return 'minutes';
    if (AGENDA.test(words)) return 'agenda';
  }
  return undefined;
}

/** Names one document: a material word that is not only part of a plural ("Dagsordener og referater"). */
function namesOneDocument(words: string): boolean {
  return MATERIAL.test(words.replace(new RegExp(PLURAL_ONLY.source, 'gi'), ' '));
}

function fileNameOf(url: URL): string {
  const last = url.pathname.split('/').pop() ?? '';
  try {
    return decodeURIComponent(last);
  } catch {
    return last;
  }
}

/** Whether a link (by its text and address) leads to one meeting's agenda or minutes. */
function isMaterial(text: string, url: URL): boolean {
  const type = ending(url);
  if (type !== 'pdf' && !PAGE_ENDINGS.has(type)) return false;
  if (ATTACHMENT_FIRST.test(text === '' ? fileNameOf(url) : text)) return false;
  const address = decoded(url);
  const wording = MATERIAL.test(text) ? text : address;
  if (MATERIAL.test(wording)) return namesOneDocument(wording) || DATE.test(text) || DATE.test(address);
  return DATE.test(text) && BODY.test(text);
}

/**
 * Reads a listing page (KL's *mødemateriale* page, a municipality's *Dagsordener og referater*)
 * for links to agendas and minutes and to the listing's further pages. Only links on the page's
 * own host count; fragments are dropped; `<base href>` is honoured.
 *
 * A link is meeting material when it leads to a PDF or a web page and its text or address says
 * *dagsorden*, *referat*, *beslutningsprotokol* (or *agenda*, *minutes*), or its text names a
 * date and who met ("Økonomiudvalget 20-06-2017"). Attachments (*Bilag 3.1 …*) and links to
 * other listings (*Dagsordener og referater*) are not. Further pages are links with `rel="next"`,
 * the text *Næste*, *Næste side*, `›`, `»`, or the same address with a higher `?page=N`.
 *
 * @example
 * readListing(html, 'https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale').documents
 * // [{ url: 'https://www.kl.dk/media/…/dagsorden.pdf', text: 'Dagsorden KKR Hovedstaden 11. april 2025', kind: 'agenda' }]
 */
export function readListing(html: string, pageUrl: string): ListingLinks {
  const dom = parseDocument(html, { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true });
  const page = new URL(pageUrl);
  page.hash = '';
  const baseHref = findAll((e) => e.name === 'base', dom.children)
    .map((e) => getAttributeValue(e, 'href'))
    .find((h) => h !== undefined);
  let base = page;
  try {
    if (baseHref !== undefined) base = new URL(baseHref, page);
  } catch {
    // A broken <base> is ignored, as browsers do.
  }

  const documents = new Map<string, MaterialLink>();
  const nextPages = new Set<string>();
  const anchors = findAll((e) => (e.name === 'a' || e.name === 'area' || e.name === 'link') && getAttributeValue(e, 'href') !== undefined, dom.children);
  for (const a of anchors) {
    const href = getAttributeValue(a, 'href')!.trim();
    if (href === '' || href.startsWith('#') || /^(javascript|mailto|tel|data):/i.test(href)) continue;
    let url: URL;
    try {
      url = new URL(href, base);
    } catch {
      continue;
    }
    url.hash = '';
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') || url.host !== page.host || url.href === page.href) continue;
    const rel = (getAttributeValue(a, 'rel') ?? '').toLowerCase().split(/\s+/);
    const text = a.name === 'link' ? '' : linkText(a);
    if (rel.includes('next') || NEXT_TEXT.test(text) || /^næste side\b/i.test(text) || isLaterPage(url, page)) {
      nextPages.add(url.href);
      continue;
    }
    if (a.name === 'link' || !isMaterial(text, url)) continue;
    const found = documents.get(url.href);
    if (found === undefined) {
      const kind = kindOf(text, decoded(url));
      documents.set(url.href, { url: url.href, text, ...(kind ? { kind } : {}) });
    } else if (found.text === '' && text !== '') {
      // The same document linked by an icon and by its title: keep the title.
      const kind = kindOf(text, decoded(url));
      documents.set(url.href, { url: url.href, text, ...(kind ? { kind } : {}) });
    }
  }
  for (const link of documents.keys()) nextPages.delete(link);

  const heading = clean(
    [...findAll((e) => e.name === 'title', dom.children), ...findAll((e) => e.name === 'h1', dom.children)].map((e) => textContent(e)).join(' '),
  );
  const looksLikeMaterial = namesOneDocument(heading);
  return { documents: [...documents.values()], nextPages: [...nextPages], looksLikeMaterial };
}
