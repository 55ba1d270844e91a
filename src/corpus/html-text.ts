import { parseDocument } from 'htmlparser2';
import type { ChildNode, Element } from 'domhandler';

/**
 * A web publication (an edagsorden-style HTML agenda, a municipality's meeting page saved as
 * `.html`) as text lines shaped like the other extractions: one line per block, a blank line
 * between blocks, table rows as one line each (cells joined by spaces), and every link's address
 * as a bare line after the block it stands in.
 */

/** Elements whose content is never the meeting's text. */
/**
 * A site's `<footer>` holds its contact details, never a meeting's text; `<head>` only its
 * `<title>`, read apart. Not `<form>` (ASP.NET pages wrap the whole page in one) and not
 * `<button>` (accordions put an item's number and title in the button that unfolds it).
 */
const SKIP = new Set(['script', 'style', 'noscript', 'template', 'svg', 'nav', 'select', 'option', 'textarea', 'iframe', 'head', 'object', 'canvas', 'map', 'footer']);
/** Elements that start and end a block of text. */
const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset', 'figcaption', 'figure',
  'footer', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hr', 'li', 'main', 'ol', 'p', 'pre', 'section', 'summary', 'table',
  'tbody', 'thead', 'tfoot', 'ul', 'caption', 'title', 'button', 'form', 'label', 'legend',
]);
/** Class or id words of page furniture that has no tag of its own. */
const FURNITURE_CLASS = /(?:^|[\s_-])(?:breadcrumbs?|cookie\w*|skip-?link|skiplinks?|site-?header|site-?footer|main-?menu|megamenu|navigation|navbar|sr-only|visually-hidden)(?:$|[\s_-])/i;

interface Collector {
  lines: string[];
  current: string;
  links: string[];
  base?: URL;
}

function flush(out: Collector, blank: boolean): void {
  const text = out.current.replace(/[ \t\u00a0]+/g, ' ').trim();
  if (text !== '') out.lines.push(text);
  out.current = '';
  for (const link of out.links) out.lines.push(link);
  out.links = [];
  if (blank && out.lines.length > 0 && out.lines[out.lines.length - 1] !== '') out.lines.push('');
}

function absolute(href: string, base?: URL): string | undefined {
  if (/^(?:javascript|mailto|tel|data):/i.test(href) || href.startsWith('#')) return undefined;
  try {
    const url = base ? new URL(href, base) : new URL(href);
    return /^https?:$/.test(url.protocol) ? url.href : undefined;
  } catch {
    return undefined;
  }
}

function isHidden(el: Element): boolean {
  const a = el.attribs;
  if ('hidden' in a || a['aria-hidden'] === 'true' || a.role === 'navigation' || a.role === 'banner' || a.role === 'search') return true;
  if (/display\s*:\s*none/i.test(a.style ?? '')) return true;
  return FURNITURE_CLASS.test(`${a.class ?? ''} ${a.id ?? ''}`);
}

function walk(nodes: readonly ChildNode[], out: Collector): void {
  for (const node of nodes) {
    if (node.type === 'text') {
      out.current += node.data.replace(/\s+/g, ' ');
      continue;
    }
    if (node.type !== 'tag' && node.type !== 'script' && node.type !== 'style') continue;
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (SKIP.has(name) || isHidden(el)) continue;
    if (name === 'br') {
      flush(out, false);
      continue;
    }
    if (name === 'tr') {
      flush(out, false);
      const cells = el.children.filter((c): c is Element => c.type === 'tag' && (c.name === 'td' || c.name === 'th'));
      const row: Collector = { lines: [], current: '', links: [], ...(out.base ? { base: out.base } : {}) };
      for (const cell of cells) {
        walk(cell.children, row);
        row.current += '  ';
      }
      flush(row, false);
      out.lines.push(...row.lines.map((l) => l.replace(/\s{2,}/g, ' ').trim()).filter((l) => l !== ''));
      continue;
    }
    if (name === 'a') {
      const href = el.attribs.href ? absolute(el.attribs.href, out.base) : undefined;
      walk(el.children, out);
      if (href && !out.links.includes(href)) out.links.push(href);
      continue;
    }
    const block = BLOCK.has(name);
    if (block) flush(out, true);
    if (name === 'li') out.current += '• ';
    walk(el.children, out);
    if (block) flush(out, true);
  }
}

/**
 * The text of an HTML document. `url` is where it was published, so relative links resolve
 * (`<base href>` wins when the page has one).
 */
export function htmlToText(html: string, url?: string): string {
  const doc = parseDocument(html, { decodeEntities: true });
  const baseHref = findBase(doc.children);
  let base: URL | undefined;
  try {
    base = baseHref ? new URL(baseHref, url) : url ? new URL(url) : undefined;
  } catch {
    base = undefined;
  }
  const out: Collector = { lines: [], current: '', links: [], ...(base ? { base } : {}) };
  // The page title often says what the page is (`Økonomiudvalget - Referat - 18.11.2020`).
  const title = findTitle(doc.children);
  if (title) out.lines.push(title, '');
  walk(doc.children, out);
  flush(out, false);
  return out.lines.join('\n').replace(/\n{3,}/g, '\n\n').trim();
}

function findTitle(nodes: readonly ChildNode[]): string | undefined {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (el.name === 'title') {
      const text = el.children.map((c) => (c.type === 'text' ? c.data : '')).join('').replace(/\s+/g, ' ').trim();
      return text === '' ? undefined : text;
    }
    if (el.name === 'body') return undefined;
    const inner = findTitle(el.children);
    if (inner) return inner;
  }
  return undefined;
}

function findBase(nodes: readonly ChildNode[]): string | undefined {
  for (const node of nodes) {
    if (node.type !== 'tag') continue;
    const el = node as Element;
    if (el.name === 'base' && el.attribs.href) return el.attribs.href;
    const inner = findBase(el.children);
    if (inner) return inner;
  }
  return undefined;
}

/** Whether bytes look like an HTML document rather than text that merely has `.html` as its name. */
export function looksLikeHtml(text: string): boolean {
  return /<(?:!doctype\s+html|html|head|body|div|p|table|h[1-6])\b/i.test(text.slice(0, 5000));
}
