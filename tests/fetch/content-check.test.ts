import { beforeAll, describe, expect, it } from 'vitest';
import { checkDocument } from '../../src/fetch/content-check.js';
import { FetchError } from '../../src/errors.js';
import { seedPdf } from './publisher.js';

const PDF_URL = 'https://www.kl.dk/media/a1/dagsorden.pdf';
const PAGE_URL = 'https://dagsordener.eksempel.dk/vis/2017-06-20';

function reasonOf(fn: () => unknown): string {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(FetchError);
    expect((err as FetchError).kind).toBe('wrong-type');
    return (err as FetchError).reason;
  }
  throw new Error('expected a FetchError');
}

let pdf: Buffer;
beforeAll(async () => {
  pdf = Buffer.from(await seedPdf('2024-06-18'));
});

describe('checkDocument', () => {
  it('accepts a whole PDF, whether the server calls it a PDF or says nothing', () => {
    expect(checkDocument(PDF_URL, pdf, 'application/pdf').kind).toBe('pdf');
    expect(checkDocument(PDF_URL, pdf, 'application/octet-stream').body).toBe(pdf);
    expect(checkDocument('https://www.kl.dk/media/download?id=7', pdf, undefined).kind).toBe('pdf');
  });

  it('refuses an error page where a PDF was promised, and a PDF cut short', () => {
    const loginPage = Buffer.from('<!DOCTYPE html><html><body>Log ind</body></html>');
    expect(reasonOf(() => checkDocument(PDF_URL, loginPage, 'application/pdf'))).toMatch(/not a PDF .*HTML page/);
    expect(reasonOf(() => checkDocument(PDF_URL, loginPage, 'text/html'))).toMatch(/address ends in .pdf/);
    expect(reasonOf(() => checkDocument(PDF_URL, pdf.subarray(0, pdf.length - 4096), 'application/pdf'))).toMatch(/incomplete PDF/);
    expect(reasonOf(() => checkDocument(PDF_URL, Buffer.alloc(0), 'application/pdf'))).toBe('is empty');
  });

  it('accepts an HTML page and keeps UTF-8 bytes as they are', () => {
    const html = Buffer.from('<html><head><title>Dagsorden</title></head><body>Økonomiudvalget</body></html>');
    const checked = checkDocument(PAGE_URL, html, 'text/html; charset=utf-8');
    expect(checked).toEqual({ kind: 'html', body: html });
  });

  it('stores a windows-1252 page as UTF-8 and says so in its <meta>', () => {
    const latin = Buffer.from('<html><head><meta charset="windows-1252"><title>Dagsorden</title></head><body>Økonomiudvalget, ældre</body></html>', 'latin1');
    const checked = checkDocument(PAGE_URL, latin, 'text/html');
    const text = checked.body.toString('utf8');
    expect(text).toContain('Økonomiudvalget, ældre');
    expect(text).toContain('<meta charset="utf-8">');
  });

  it('refuses text that is not HTML, binary data and other file types', () => {
    expect(reasonOf(() => checkDocument(PAGE_URL, Buffer.from('{"meetings": []}'), 'text/html'))).toMatch(/not an HTML page/);
    expect(reasonOf(() => checkDocument(PAGE_URL, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 0, 0]), 'text/html'))).toMatch(/not an HTML page/);
    expect(reasonOf(() => checkDocument(PAGE_URL, Buffer.from('PK\x03\x04'), 'application/vnd.openxmlformats-officedocument.wordprocessingml.document'))).toMatch(/not a PDF or an HTML page/);
    expect(reasonOf(() => checkDocument(PAGE_URL, Buffer.from([0xc3, 0x28, 0x3c]), 'text/html; charset=utf-8'))).toMatch(/not utf-8 text/);
  });
});
