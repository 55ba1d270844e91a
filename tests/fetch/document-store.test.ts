import { describe, expect, it } from 'vitest';
import { storedFileName, uniqueFileName } from '../../src/fetch/document-store.js';
import { backoffDelay, parseRetryAfter } from '../../src/fetch/retry.js';

describe('storedFileName', () => {
  it('keeps the host and path, made safe, with the ending of the type', () => {
    expect(storedFileName('https://www.kl.dk/media/A1b2/Dagsorden%20KKR%20Hovedstaden%2011.%20april%202025.PDF', 'pdf')).toBe(
      'www.kl.dk/media/a1b2/dagsorden-kkr-hovedstaden-11.-april-2025.pdf',
    );
    expect(storedFileName('https://dagsordener.eksempel.dk/vis/Økonomiudvalget/2017-06-20/', 'html')).toBe('dagsordener.eksempel.dk/vis/oekonomiudvalget/2017-06-20.html');
    expect(storedFileName('http://127.0.0.1:4173/', 'html')).toBe('127.0.0.1_4173/index.html');
  });

  it('gives each query its own name and never leaves the host folder', () => {
    const a = storedFileName('https://x.dk/vis?id=1', 'html');
    const b = storedFileName('https://x.dk/vis?id=2', 'html');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^x\.dk\/vis-[0-9a-f]{8}\.html$/);
    expect(storedFileName('https://x.dk/a/..%2F..%2Fetc/passwd', 'pdf')).toBe('x.dk/a/etc/passwd.pdf');
    expect(storedFileName('https://x.dk/.hidden/old.pdf/new', 'pdf')).toBe('x.dk/hidden/old-pdf/new.pdf');
  });

  it('shortens a very long address', () => {
    const name = storedFileName(`https://x.dk/${'mappe/'.repeat(40)}dagsorden.pdf`, 'pdf');
    expect(name.length).toBeLessThan(100);
    expect(name).toMatch(/^x\.dk\/[0-9a-f]{8}-dagsorden\.pdf$/);
  });
});

describe('uniqueFileName', () => {
  it('adds a hash of the address when another address has the name', () => {
    const taken = new Map([['x.dk/dagsorden.pdf', 'https://x.dk/dagsorden.pdf']]);
    expect(uniqueFileName('x.dk/dagsorden.pdf', 'https://x.dk/dagsorden.pdf', taken)).toBe('x.dk/dagsorden.pdf');
    expect(uniqueFileName('x.dk/dagsorden.pdf', 'https://x.dk/Dagsorden.pdf', taken)).toMatch(/^x\.dk\/dagsorden-[0-9a-f]{8}\.pdf$/);
  });
});

describe('retry timing', () => {
  it('reads Retry-After as seconds or as a date', () => {
    const now = Date.parse('2026-03-02T10:00:00Z');
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 10:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Mon, 02 Mar 2026 09:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('doubles the back-off up to its cap', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, 1000))).toEqual([1000, 2000, 4000, 8000]);
    expect(backoffDelay(20, 1000, 60_000)).toBe(60_000);
  });
});
