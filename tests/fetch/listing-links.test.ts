import { describe, expect, it } from 'vitest';
import { readListing } from '../../src/fetch/listing-links.js';

const KL = 'https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale';

/** Shaped like KL's mødemateriale page: a menu, meeting dates, then per meeting a PDF list. */
const klPage = `<!DOCTYPE html><html lang="da"><head><title>Mødemateriale | KL</title>
<link rel="stylesheet" href="/dist/site.css"></head><body>
<header><a href="/">KL</a><a href="/politik/kkr">KKR</a><a href="/politik/kkr/kkr-hovedstaden/moedemateriale#indhold">Gå til hovedindhold</a></header>
<h1>Mødemateriale</h1>
<p>KKR Hovedstaden holder møde den 11. april 2025. Herunder ses dagsorden og bilag.</p>
<ul class="files">
  <li><a href="/media/a1b2/dagsorden-kkr-hovedstaden-11-april-2025.pdf" class="file"><span class="type">PDF</span> <span>Dagsorden KKR Hovedstaden 11. april 2025</span></a></li>
  <li><a href="/media/a1b2/dagsorden-kkr-hovedstaden-11-april-2025.pdf#page=3"><img src="/pdf.svg" alt="PDF"></a></li>
  <li><a href="/media/c3d4/bilag-3-6-praksisplan-fysioterapi.pdf"><span class="type">PDF</span> <span>Bilag 3.6 Praksisplan for fysioterapi</span></a></li>
  <li><a href="https://www.kl.dk/media/e5f6/referat-kkr-hovedstaden-3-februar-2025.pdf">Referat KKR Hovedstaden 3. februar 2025</a></li>
  <li><a href="/media/g7h8/kkr-hovedstaden-moedeplan-2025.pdf">Mødeplan 2025</a></li>
  <li><a href="https://www.regionh.dk/dagsorden-regionsraadet-2025.pdf">Dagsorden Regionsrådet (Region Hovedstaden)</a></li>
  <li><a href="/media/x/dagsorden-bilag.docx">Dagsorden (Word)</a></li>
  <li><a href="mailto:kkr@kl.dk">Skriv til sekretariatet om dagsordenen</a></li>
</ul>
<footer><a href="/politik/dagsordener-og-referater">Dagsordener og referater</a></footer>
</body></html>`;

describe('readListing on a KL mødemateriale page', () => {
  const links = readListing(klPage, KL);

  it('finds the agenda and minutes PDFs on the same host, each once, with their titles', () => {
    expect(links.documents).toEqual([
      { url: 'https://www.kl.dk/media/a1b2/dagsorden-kkr-hovedstaden-11-april-2025.pdf', text: 'Dagsorden KKR Hovedstaden 11. april 2025', kind: 'agenda' },
      { url: 'https://www.kl.dk/media/e5f6/referat-kkr-hovedstaden-3-februar-2025.pdf', text: 'Referat KKR Hovedstaden 3. februar 2025', kind: 'minutes' },
    ]);
  });

  it('leaves out attachments, other hosts, other file types, mail links and links to other listings', () => {
    const urls = links.documents.map((d) => d.url).join(' ');
    expect(urls).not.toContain('bilag-3-6');
    expect(urls).not.toContain('regionh.dk');
    expect(urls).not.toContain('.docx');
    expect(urls).not.toContain('dagsordener-og-referater');
    expect(urls).not.toContain('moedeplan');
    expect(links.nextPages).toEqual([]);
    expect(links.looksLikeMaterial).toBe(false);
  });
});

/** Shaped like a municipality's "Dagsordener og referater": one HTML page per meeting, paged. */
const municipalPage = (page: number) => `<html><head><title>Dagsordener og referater - Eksempel Kommune</title>
<base href="https://dagsordener.eksempel.dk/"></head><body>
<h1>Dagsordener og referater</h1>
<table>
<tr><td><a href="vis/oekonomiudvalget/2017-06-20">Økonomiudvalget 20-06-2017</a></td><td><a href="vis/oekonomiudvalget/2017-06-20/referat">Referat</a></td></tr>
<tr><td><a href="vis?id=8812">Kultur- og Fritidsudvalget, møde 25. august 2020</a></td><td><a href="vis?id=8812&amp;print=1">Udskriv</a></td></tr>
<tr><td><a href="/alle-referater/2016">Alle referater fra 2016</a></td></tr>
</table>
<nav class="pager">
  <a href="/liste?page=${page - 1}">Forrige</a>
  <a href="/liste?page=${page + 1}">${page + 1}</a>
  <a href="/liste?page=${page + 2}" rel="next">Næste side</a>
  <a href="/liste?udvalg=7&amp;page=9">Andet udvalg</a>
</nav></body></html>`;

describe('readListing on a municipality\'s paged list of meetings', () => {
  const links = readListing(municipalPage(2), 'https://dagsordener.eksempel.dk/liste?page=2');

  it('finds per-meeting pages by date and committee or by the word referat, resolved against <base>', () => {
    expect(links.documents.map((d) => d.url)).toEqual([
      'https://dagsordener.eksempel.dk/vis/oekonomiudvalget/2017-06-20',
      'https://dagsordener.eksempel.dk/vis/oekonomiudvalget/2017-06-20/referat',
      'https://dagsordener.eksempel.dk/vis?id=8812',
    ]);
    expect(links.documents[1]?.kind).toBe('minutes');
  });

  it('follows the pager forwards only, on the same listing', () => {
    expect(links.nextPages).toEqual(['https://dagsordener.eksempel.dk/liste?page=3', 'https://dagsordener.eksempel.dk/liste?page=4']);
  });

  it('takes "Næste", "›" and "»" as the next page too', () => {
    for (const text of ['Næste', '›', '»']) {
      const html = `<html><body><a href="/moeder?side=2">${text}</a><a href="/moeder/dagsorden-1.pdf">Dagsorden 1</a></body></html>`;
      expect(readListing(html, 'https://x.dk/moeder').nextPages).toEqual(['https://x.dk/moeder?side=2']);
    }
  });
});

describe('readListing on one meeting\'s HTML publication', () => {
  it('says the page is itself an agenda when its title names one', () => {
    const html = '<html><head><title>Dagsorden - Økonomiudvalget - 20. juni 2017</title></head><body><h1>Dagsorden</h1><p>1. Godkendelse af dagsorden</p></body></html>';
    const links = readListing(html, 'https://dagsordener.eksempel.dk/vis/oekonomiudvalget/2017-06-20');
    expect(links.looksLikeMaterial).toBe(true);
    expect(links.documents).toEqual([]);
  });
});
