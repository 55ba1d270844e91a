import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMeeting, type ParsedDocument } from '../../src/corpus/parse-meeting.js';
import { htmlToText } from '../../src/corpus/html-text.js';

/**
 * Layouts that the excerpts in tests/fixtures/layouts do not show, in the shape the common
 * agenda systems export them (contents with page numbers and a closed item, titles without
 * numbers, a plain numbered agenda, an HTML publication). The wording is kept short; the layout
 * is what is tested.
 */
function parse(text: string, file = 'x.txt'): ParsedDocument {
  return parseMeeting({ file, pages: [text], paged: false });
}

const summary = (d: ParsedDocument) => d.items.map((i) => ({ number: i.number, title: i.title, caseNumber: i.caseNumber, decision: i.decision }));

describe('parseMeeting on other layouts', () => {
  it('reads an export with contents and page numbers, bookkeeping lines and a closed item', () => {
    const doc = parse(
      [
        'Referat',
        'Økonomiudvalget',
        'Mødedato: 12. marts 2024',
        'Mødested: Rådhuset, mødelokale 1',
        '',
        'Indholdsfortegnelse',
        '1. Godkendelse af dagsorden 2',
        '2. Budgetopfølgning pr. 31. januar 2024 3',
        '3. Salg af ejendom (Lukket punkt) 5',
        '',
        '1. Godkendelse af dagsorden',
        'Sagsnr.: 24/1021',
        'Sagsansvarlig: Mette Jensen',
        '',
        'Indstilling',
        'Direktionen indstiller, at dagsordenen godkendes.',
        '',
        'Beslutning',
        'Godkendt.',
        '',
        '2. Budgetopfølgning pr. 31. januar 2024',
        'Sagsnr.: 24/980',
        'Sagsansvarlig: Peter Holm',
        '',
        'Beslutningstema',
        'Økonomiudvalget skal tage stilling til budgetopfølgningen.',
        '',
        'Indstilling',
        'Direktionen indstiller, at',
        '1. budgetopfølgningen tages til efterretning',
        '2. der gives en tillægsbevilling på 2,4 mio. kr.',
        '',
        'Beslutning',
        'Anbefales.',
        '',
        '3. Salg af ejendom (Lukket punkt)',
      ].join('\n'),
    );
    expect(doc.committee).toBe('Økonomiudvalget');
    expect(doc.meetingDate).toBe('2024-03-12');
    expect(doc.kind).toBe('minutes');
    expect(summary(doc)).toEqual([
      { number: '1', title: 'Godkendelse af dagsorden', caseNumber: '24/1021', decision: 'Godkendt.' },
      { number: '2', title: 'Budgetopfølgning pr. 31. januar 2024', caseNumber: '24/980', decision: 'Anbefales.' },
      { number: '3', title: 'Salg af ejendom (Lukket punkt)', caseNumber: '', decision: null },
    ]);
    expect(doc.items[1]!.background).toBe('Økonomiudvalget skal tage stilling til budgetopfølgningen.');
    expect(doc.items[1]!.recommendation).toContain('1. budgetopfølgningen tages til efterretning');
  });

  it('reads items printed as bare titles over their sections', () => {
    const doc = parse(
      [
        'Byrådet',
        'Referat',
        'Onsdag den 4. september 2019 kl. 18.00',
        '',
        'Forslag til lokalplan 1100, Boliger ved Ringgaden',
        'Resume',
        'Forslaget muliggør 200 boliger ved Ringgaden.',
        'Indstilling',
        'At forslaget vedtages.',
        'Beslutning',
        'Vedtaget.',
        'Budgetrevision 2019',
        'Resume',
        'Budgetrevisionen viser et merforbrug på 12 mio. kr.',
        'Indstilling',
        'At budgetrevisionen tages til efterretning.',
        'Beslutning',
        'Taget til efterretning.',
      ].join('\n'),
    );
    expect(doc.committee).toBe('Byrådet');
    expect(doc.meetingDate).toBe('2019-09-04');
    expect(summary(doc)).toEqual([
      { number: '', title: 'Forslag til lokalplan 1100, Boliger ved Ringgaden', caseNumber: '', decision: 'Vedtaget.' },
      { number: '', title: 'Budgetrevision 2019', caseNumber: '', decision: 'Taget til efterretning.' },
    ]);
    expect(doc.items[1]!.background).toBe('Budgetrevisionen viser et merforbrug på 12 mio. kr.');
  });

  it('reads a plain numbered agenda without case lines or section headings', () => {
    const doc = parse(
      [
        'Dagsorden',
        'Handicaprådet',
        'Mødedato: 3. februar 2025',
        '',
        '1. Godkendelse af dagsorden',
        '',
        '2. Orientering fra formanden',
        'Formanden orienterer om mødet med borgmesteren.',
        '',
        '3. Tilgængelighed på rådhuset',
        'Rådet drøfter forslag til bedre adgang for kørestolsbrugere.',
      ].join('\n'),
    );
    expect(doc.kind).toBe('agenda');
    expect(doc.committee).toBe('Handicaprådet');
    expect(doc.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Godkendelse af dagsorden'],
      ['2', 'Orientering fra formanden'],
      ['3', 'Tilgængelighed på rådhuset'],
    ]);
    expect(doc.items[2]!.background).toBe('Rådet drøfter forslag til bedre adgang for kørestolsbrugere.');
  });

  it('reads `Punkt N:` headings and a decision of an earlier committee as history', () => {
    const doc = parse(
      [
        'Referat af møde i Klima- og Planudvalget',
        'Den 09.01.2020 kl. 13:00',
        '',
        'Punkt 1: Cykelstrategi 2020',
        'Sagsnr.: 19/3143',
        '',
        'Sagsfremstilling',
        'Strategien sætter mål for cykeltrafikken frem mod 2030.',
        '',
        'Beslutning i Teknisk Udvalg den 12-12-2019',
        'Anbefales.',
        '',
        'Beslutning i Klima- og Planudvalget den 09-01-2020',
        'Godkendt.',
      ].join('\n'),
    );
    expect(doc.committee).toBe('Klima- og Planudvalget');
    expect(doc.meetingDate).toBe('2020-01-09');
    const item = doc.items[0]!;
    expect([item.number, item.title, item.caseNumber]).toEqual(['1', 'Cykelstrategi 2020', '19/3143']);
    expect(item.decision).toBe('Godkendt.');
    expect(item.sections.map((s) => s.role)).toEqual(['presentation', 'history', 'decision']);
  });
});

describe('parseMeeting on layouts seen in published minutes', () => {
  it('reads `Sag nr. 74` with the title under it, after contents that list the same numbers', () => {
    const doc = parse(
      'Referat fra møde i Økonomiudvalget\nTirsdag den 18. maj 2010 kl. 16.00 i Borgmesterens kontor\n\nIndhold\nÅben dagsorden\nSag nr. 74 Orientering om likviditet 2010\nSag nr. 75 Årsregnskab 2009\n\n' +
        'Sag nr. 74\nOrientering om likviditet 2010\nSagsnr.: 10/1234\n\nResumé\nLikviditeten er god.\n\nBeslutning\nTaget til efterretning.\n\n' +
        'Sag nr. 75\nÅrsregnskab 2009\nSagsnr.: 10/999\n\nBeslutning\nAnbefales.\n',
    );
    expect([doc.committee, doc.meetingDate, doc.kind]).toEqual(['Økonomiudvalget', '2010-05-18', 'minutes']);
    expect(summary(doc)).toEqual([
      { number: '74', title: 'Orientering om likviditet 2010', caseNumber: '10/1234', decision: 'Taget til efterretning.' },
      { number: '75', title: 'Årsregnskab 2009', caseNumber: '10/999', decision: 'Anbefales.' },
    ]);
  });

  it('reads a page that holds one item: its title under the header, its opening paragraph as text', () => {
    const doc = parse(
      'Mødedato: 23.08.2017, kl. 11:00\nMødested: Comwell Borupgaard, Snekkersten\n\nFørste behandling af budgetforslag 2018 og overslagsårene 2019-2022 (augustindstillingen)\n\nSe alle bilag\n\n' +
        'Den 5. oktober 2017 skal Borgerrepræsentationen vedtage Københavns Kommunes budget for 2018.\n\nIndstilling\n\n' +
        'Økonomiforvaltningen indstiller, at Økonomiudvalget over for Borgerrepræsentationen anbefaler,\n\n1. at det godkendes, at budgetforslag 2018 lægges til grund,\n\nBeslutning\n\nAnbefalet.\n',
    );
    expect([doc.committee, doc.meetingDate]).toEqual(['Økonomiudvalget', '2017-08-23']);
    expect(summary(doc)).toEqual([{ number: '', title: 'Første behandling af budgetforslag 2018 og overslagsårene 2019-2022 (augustindstillingen)', caseNumber: '', decision: 'Anbefalet.' }]);
    expect(doc.items[0]!.background).toBe('Den 5. oktober 2017 skal Borgerrepræsentationen vedtage Københavns Kommunes budget for 2018.');
  });

  it('reads items printed twice, case and document numbers on one line, and who was absent inside the decision', () => {
    const item = (n: number, title: string, decision: string) =>
      `${n}. ${title}\n\n${n}.     ${title}\n\nSagsnr.: 330-2018-3619                 Dok.nr.: 330-2018-5003${n}                 Åbent\nKompetence: Økonomiudvalget\nBeslutningstema\nOrientering.\nIndstilling\nBorgmesteren indstiller,\n1.    at orienteringen tages til efterretning\nBeslutning i Økonomiudvalget den 1. oktober 2018:\nFraværende: \n${decision}\n\n`;
    const doc = parse(`Økonomiudvalget – Referat – 1. oktober 2018\n\n${item(1, 'Godkendelse af dagsorden (B)', 'Godkendt.')}${item(2, 'Siden sidst fra udvalgets medlemmer (O)', 'Brev til regionen er afsendt.')}`);
    expect([doc.committee, doc.meetingDate, doc.kind]).toEqual(['Økonomiudvalget', '2018-10-01', 'minutes']);
    expect(summary(doc)).toEqual([
      { number: '1', title: 'Godkendelse af dagsorden (B)', caseNumber: '330-2018-3619', decision: 'Godkendt.' },
      { number: '2', title: 'Siden sidst fra udvalgets medlemmer (O)', caseNumber: '330-2018-3619', decision: 'Brev til regionen er afsendt.' },
    ]);
  });

  it('reads a region’s agenda: a title over several lines, the case number above the item, a recommendation without a heading', () => {
    const doc = parse(
      'Abonnér\n\nDagsorden\ntil\nmødet i Udvalg for regional udvikling\nden 1. februar 2023 kl. 09:00\ni Herning Kommune, Torvet 5, 7400 Herning\n\n\nSagnr.: 1-51-71-3321-08\n\n' +
        '1. Miljøstyrelsens afgørelse om at ophæve påbud om afværgetiltag på Rønland\n\nResume\n\nMiljøstyrelsen traf i oktober 2021 afgørelse om, at FMC ikke er forpligtet.\n\n' +
        'Direktionen indstiller,\n\nat orienteringen tages til efterretning, og\n\n\nat regionen genoptager søgsmålet mod Miljøstyrelsen.\n\nSagsfremstilling\n\nMiljøstyrelsen har truffet en række afgørelser.\n',
    );
    expect([doc.committee, doc.meetingDate, doc.kind]).toEqual(['Udvalg for regional udvikling', '2023-02-01', 'agenda']);
    expect(summary(doc)).toEqual([{ number: '1', title: 'Miljøstyrelsens afgørelse om at ophæve påbud om afværgetiltag på Rønland', caseNumber: '1-51-71-3321-08', decision: null }]);
    expect(doc.items[0]!.recommendation).toBe('Direktionen indstiller,\nat orienteringen tages til efterretning, og\nat regionen genoptager søgsmålet mod Miljøstyrelsen.');
  });

  it('reads `Referat` under an item as its decision, and a numbered list in it as a list', () => {
    const doc = parse(
      'Tilbage til oversigt\n\nRegionsrådet\n22-12-2020 13:00\n\nUdskriv\n\n1. Meddelelse fra formanden\n\nReferat\n\nFølgende emner blev nævnt under dette punkt:\n\n1. Afbud. Der var afbud fra Jørgen Hansen.\n\n2. Formandsbeslutning. Formanden orienterede om et påbud.\n',
    );
    expect([doc.committee, doc.meetingDate, doc.kind]).toEqual(['Regionsrådet', '2020-12-22', 'minutes']);
    expect(doc.items.map((i) => [i.number, i.title])).toEqual([['1', 'Meddelelse fra formanden']]);
    expect(doc.items[0]!.decision).toContain('2. Formandsbeslutning.');
  });

  it('reads contents whose entries carry an open/closed flag and a page number', () => {
    const doc = parse(
      'Referat\n\nReferat - Regionsrådet 2018-2021\n\n08-03-2021 16:00\n\nIndholdsfortegnelse\n\n1 (Åben) Godkendelse af dagsorden 4\n\n2 (Åben) Forslag til Plan for udvikling af dialyseområdet 2021-2025 5\n\n3 (Åben) Beslutning om vedtagelse af Råstofplan 2020 9\n\n' +
        '1 (Åben) Godkendelse af dagsorden\nSagsnr.: 21000123\n\nIndstilling\nAdministrationen indstiller, at dagsordenen godkendes.\n\nBeslutning\nGodkendt.\n',
    );
    expect([doc.committee, doc.meetingDate]).toEqual(['Regionsrådet', '2021-03-08']);
    expect(doc.items.map((i) => [i.number, i.title])).toEqual([
      ['1', 'Godkendelse af dagsorden'],
      ['2', 'Forslag til Plan for udvikling af dialyseområdet 2021-2025'],
      ['3', 'Beslutning om vedtagelse af Råstofplan 2020'],
    ]);
  });

  it('reads an older KKR agenda whose heading is letter-spaced and whose footer is gone', () => {
    const seed = readFileSync('corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt', 'utf8').replace(/KKR Hovedstaden {2}\| 11-04-2025/g, '');
    const doc = parse(`K K R   H O V E D S T A D E N\n\nDagsorden\n${seed}`);
    expect([doc.committee, doc.meetingDate, doc.kind]).toEqual(['KKR Hovedstaden', '2025-04-11', 'agenda']);
    expect(doc.items).toHaveLength(16);
  });

  it('reads a header written in capitals', () => {
    const doc = parse('ÅBEN DAGSORDEN ØKONOMIUDVALG\nMødedato: 12. august 2014\nMødested: Gl. Rådhus, Byrådssalen\n\n1. BUDGETSTATUS 2015\nSagsnr. 14/1234 Dok.nr. 14/5678\nÅBENT\nINDSTILLING\nDirektionen indstiller,\nAt de tekniske ændringer godkendes.\n');
    expect([doc.committee, doc.meetingDate, doc.kind]).toEqual(['Økonomiudvalg', '2014-08-12', 'agenda']);
    expect(summary(doc)).toEqual([{ number: '1', title: 'BUDGETSTATUS 2015', caseNumber: '14/1234', decision: null }]);
    expect(doc.items[0]!.recommendation).toBe('Direktionen indstiller,\nAt de tekniske ændringer godkendes.');
  });
});

describe('htmlToText and HTML publications', () => {
  // Brønderslev's minutes as a web page would carry them: navigation, a cookie banner, headings,
  // a cost table and attachment links, then a site footer.
  const broenderslev = readFileSync('tests/fixtures/layouts/broenderslev-oekonomiudvalget-2020-11-18.txt', 'utf8');
  const html = `<!doctype html><html><head><title>Økonomiudvalget - Referat - 18.11.2020</title><script>var x = 1;</script></head>
<body><nav><a href="/">Forside</a> <a href="/politik">Politik</a></nav>
<div class="cookie-banner">Vi bruger cookies til statistik.</div>
<main>
<h1>Økonomiudvalget - Referat</h1>
<p>Dato: 18. november 2020<br>Lokale: Virtuelt møde via Teams</p>
<h2>3. Anlægsregnskab for separering af spildevand ved Søndergade skole</h2>
<h3>Resume</h3><p>Sagsforløb: ØK/BY</p>
<p>Der er udarbejdet anlægsregnskab for udført spildevandsseparering og belægningsarbejder ved Søndergades Skole.</p>
<h3>Sagsfremstilling</h3>
<p>Byrådet har den 10. oktober 2018 meddelt anlægsbevilling på i alt 4.600.000 kr.</p>
<table><tr><th>Post</th><th>Beløb</th></tr><tr><td>Hovedentreprisen</td><td>2.941.813,70</td></tr><tr><td>Ekstern og intern rådgivning</td><td>434.129,85</td></tr></table>
<p>Staben foreslår, at Byrådet godkender anlægsregnskabet.</p>
<h3>Bilag</h3><ul><li><a href="/media/1234/anlaegsregnskab.pdf">Anlægsregnskab Søndergade skole</a></li></ul>
<h3>Beslutning</h3><p>Der ønskes specifikation af forbrug inden endelig behandling.</p>
<p><a href="#top">Til toppen</a></p>
</main>
<footer>Brønderslev Kommune · Ny Rådhusplads 1 · 9700 Brønderslev</footer>
</body></html>`;

  it('turns blocks into lines, rows into one line each, and links into bare addresses', () => {
    const text = htmlToText(html, 'https://www.bronderslev.dk/Politik/155-2083.aspx');
    expect(text).toContain('Hovedentreprisen 2.941.813,70');
    expect(text).toContain('https://www.bronderslev.dk/media/1234/anlaegsregnskab.pdf');
    expect(text).not.toContain('var x');
    expect(text).not.toContain('Forside');
    expect(text).not.toContain('Ny Rådhusplads');
    expect(text).not.toContain('cookies');
  });

  it('reads a page wrapped in a form, with item titles in accordion buttons', () => {
    const page = `<html><body><form id="aspnetForm" action="/dagsorden.aspx">
<h1>Kultur- og Fritidsudvalget - Beslutningsprotokol</h1><p>tirsdag den 25. august 2020 kl. 16:00</p>
<div class="accordion"><button aria-expanded="true">1. Godkendelse af dagsorden</button>
<div class="panel"><button>Udskriv</button><p>Sagsid.: 20/348, Sagsinitialer: KDL</p>
<h4>Indstilling</h4><p>Børn og Kultur indstiller,<br>at dagsorden godkendes.</p>
<h4>Beslutning Kultur- og Fritidsudvalget den 25-08-2020</h4><p>Godkendt.</p></div></div>
</form></body></html>`;
    const doc = parseMeeting({ file: 'aabenraa.html', pages: [htmlToText(page)], paged: false });
    expect(doc.committee).toBe('Kultur- og Fritidsudvalget');
    expect(doc.items.map((i) => [i.number, i.title, i.caseNumber, i.decision])).toEqual([['1', 'Godkendelse af dagsorden', '20/348', 'Godkendt.']]);
  });

  it('parses the publication like the text it holds', () => {
    const doc = parseMeeting({ file: 'broenderslev.html', pages: [htmlToText(html, 'https://www.bronderslev.dk/Politik/155-2083.aspx')], paged: false });
    expect(doc.committee).toBe('Økonomiudvalget');
    expect(doc.meetingDate).toBe('2020-11-18');
    expect(doc.kind).toBe('minutes');
    expect(doc.publisher).toBe('Brønderslev Kommune');
    const item = doc.items[0]!;
    expect([item.number, item.title]).toEqual(['3', 'Anlægsregnskab for separering af spildevand ved Søndergade skole']);
    expect(item.recommendation).toBe('Staben foreslår, at Byrådet godkender anlægsregnskabet.');
    expect(item.decision).toBe('Der ønskes specifikation af forbrug inden endelig behandling.');
    expect(item.links).toEqual(['https://www.bronderslev.dk/media/1234/anlaegsregnskab.pdf']);
    expect(item.attachments).toEqual(['Anlægsregnskab Søndergade skole']);
    // The same decision as in the excerpt of the real page.
    expect(broenderslev).toContain(item.decision!);
  });
});
