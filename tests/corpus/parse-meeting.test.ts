import { describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { parseMeeting, type ParsedDocument } from '../../src/corpus/parse-meeting.js';
import { joinLines, assembleText } from '../../src/corpus/text-assembly.js';

const APRIL_2025 = 'corpus/kkr-hovedstaden-2025-04-11-dagsorden.txt';
const JUNE_2024 = 'corpus/kkr-hovedstaden-2024-06-18-dagsorden.txt';

function parseFile(file: string): ParsedDocument {
  return parseMeeting({ file, pages: [readFileSync(file, 'utf8')], paged: false });
}

const april = parseFile(APRIL_2025);
const june = parseFile(JUNE_2024);
const item = (agenda: ParsedDocument, number: string) => {
  const found = agenda.items.find((i) => i.number === number);
  if (!found) throw new Error(`no item ${number}`);
  return found;
};

describe('parseMeeting on the seed agendas', () => {
  it('finds exactly the items of 11 April 2025, none made from numbered lists', () => {
    expect(april.items.map((i) => i.number)).toEqual([
      '1.1', '1.2', '2.1', '3.1', '3.2', '3.3', '3.4', '3.5', '3.6', '3.7', '3.8', '3.9', '3.10', '3.11', '3.12', '4.1',
    ]);
  });

  it('finds exactly the items of 18 June 2024 despite doubled lines', () => {
    expect(june.items.map((i) => i.number)).toEqual(['1.1', '2.1', '2.2', '3.1', '4.1', '4.2', '4.3', '4.4', '4.5', '5.1', '6.1', '7.1']);
  });

  it('detects committee and meeting date from the text itself', () => {
    expect(april.committee).toBe('KKR Hovedstaden');
    expect(april.meetingDate).toBe('2025-04-11');
    expect(june.committee).toBe('KKR Hovedstaden');
    expect(june.meetingDate).toBe('2024-06-18');
  });

  it('detects the date from the approval of the agenda when no footer survives', () => {
    const text = readFileSync(APRIL_2025, 'utf8').replace(/KKR Hovedstaden {2}\| 11-04-2025/g, '');
    expect(parseMeeting({ file: 'x.txt', pages: [text], paged: false }).meetingDate).toBe('2025-04-11');
  });

  it('keeps whole, unwrapped titles and repairs hyphenation in them', () => {
    expect(item(june, '4.2').title).toBe('Opsamling på aftale om udvikling i udgifter fra Rammeaftale 2023-2024');
    expect(item(june, '1.1').title).toBe('Sundhedsstrukturkommissionens modeller for fremtidens sundhedsvæsen');
    expect(item(april, '3.10').title).toBe('Afrapportering på Social- og Boligstyrelsens centrale udmelding om sårbare gravide med rusmiddelbrug');
    expect(item(april, '3.7').title).toBe('Afrapportering fra Erhvervshus Hovedstadens resultatkontrakt 2024');
  });

  it('takes the whole recommendation and nothing after it', () => {
    expect(item(april, '3.6').recommendation).toBe('Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.');
    const rec39 = item(april, '3.9').recommendation;
    expect(rec39).toContain('– tager sagen til efterretning.');
    expect(rec39).toContain('– giver input til status på pulje til udvidelse af den kommunale botilbudskapacitet med henblik på opfølgning i forbindelse med ØA26.');
    expect(rec39).not.toContain('Sagsfremstilling');
    expect(item(april, '2.1').recommendation).toBe('Det indstilles, at KKR Hovedstaden tager orienteringen til efterretning.');
  });

  it('reads case numbers and case officers on every item', () => {
    for (const i of april.items) expect(i.caseNumber).toBe('SAG-2025-01103');
    for (const i of june.items) expect(i.caseNumber).toBe('SAG-2024-01739');
    expect(item(april, '3.4').caseOfficers).toEqual(['jjc', 'asfp', 'emmj']);
    expect(item(april, '3.5').caseOfficers).toEqual(['haan']);
    expect(item(june, '4.3').caseOfficers).toEqual(['gitb']);
  });

  it('keeps sections apart: background, presentation and attachments', () => {
    const i36 = item(april, '3.6');
    expect(i36.background).toContain('overenskomst');
    expect(i36.presentation).toContain('Formålet med denne revision af praksisplanen');
    expect(i36.attachments).toEqual(['Revision af praksisplan kapitel 1 vedrørende kapacitet']);
    expect(item(april, '2.1').attachments).toEqual(['Aktivitetsplan 2025 for Klimaalliancen i Hovedstadsregionen', 'Årsberetning fra Greater Copenhagen EU Office']);
  });

  it('removes ./. markers, page footers and page numbers from the text', () => {
    for (const i of [...april.items, ...june.items]) {
      const text = `${i.background}\n${i.presentation}\n${i.recommendation}`;
      expect(text).not.toContain('./.');
      expect(text).not.toMatch(/SIDE\s+\|/);
      expect(text).not.toMatch(/KKR Hovedstaden\s+\|\s+\d/);
    }
  });

  it('repairs words hyphenated across lines but keeps real hyphens', () => {
    const all = june.items.map((i) => `${i.title} ${i.background} ${i.recommendation} ${i.presentation}`).join('\n');
    expect(all).toContain('herunder giver input');
    expect(all).not.toMatch(/\bherun- ?der\b/);
    expect(all).toContain('2023-2024');
    expect(item(april, '2.1').background).toContain('EPX-uddannelse');
    // No lower-case word split by a hyphen and a space, as unrepaired line breaks would leave.
    const unrepaired = [...april.items, ...june.items]
      .flatMap((i) => `${i.background} ${i.presentation} ${i.recommendation}`.match(/\p{Ll}{2,}- \p{Ll}{2,}/gu) ?? [])
      .filter((m) => !/- (og|eller|samt|til|som) /.test(`${m} `));
    expect(unrepaired).toEqual([]);
  });

  it('keeps bare URL lines as the item links and never a file: link', () => {
    expect(item(april, '3.12').links).toEqual([
      'https://ufm.dk/lovstof/politiske-aftaler/reform-af-professionsbachelor-og-erhvervsakademiuddannelserne-i-danmark/aftale-om-reform-af-professionsbachelor-og-erhvervsakademiuddannelser.pdf',
    ]);
    const withFile = parseMeeting({ file: 'f.txt', pages: [readFileSync(APRIL_2025, 'utf8').replace('https://www.kl.dk/hoeringssvar', 'file:///C:/Users/x/hoeringssvar.docx')], paged: false });
    for (const i of withFile.items) for (const l of i.links) expect(l).toMatch(/^https?:\/\//);
    for (const i of [...april.items, ...june.items]) expect(`${i.background}${i.presentation}`).not.toMatch(/https?:\/\//);
  });

  it('keeps – bullet lists as lines of their own', () => {
    expect(item(june, '1.1').recommendation.split('\n').filter((l) => l.startsWith('–'))).toHaveLength(2);
  });

  it('notes a heading with no items under it', () => {
    expect(april.emptyHeadings).toEqual([{ number: '5', title: 'Eventuelt' }]);
  });

  it('gives items their section heading', () => {
    expect(item(april, '3.6').heading).toBe('Regionalpolitiske sager');
    expect(item(june, '5.1').heading).toBe('Udpegninger');
  });

  it('reads the next meeting announced under Punkter til næste møde', () => {
    expect(june.nextMeeting?.date).toBe('2024-09-06');
    expect(june.nextMeeting?.time).toBe('10.00-12.00');
    expect(june.nextMeeting?.expectedItems).toContain('Godkendelse af Rammeaftale 2025 – 2026');
    expect(april.nextMeeting?.date).toBe('2025-06-18');
    expect(april.nextMeeting?.expectedItems).toHaveLength(5);
  });

  it('gives page numbers only for paged (PDF) sources', () => {
    expect(april.items.every((i) => i.page === undefined)).toBe(true);
    const pages = readFileSync(APRIL_2025, 'utf8').split(' 3. Regionalpolitiske sager');
    const paged = parseMeeting({ file: 'x.pdf', pages: [pages[0]!, ` 3. Regionalpolitiske sager${pages[1]!}`], paged: true });
    expect(paged.items.find((i) => i.number === '2.1')?.page).toBe(1);
    expect(paged.items.find((i) => i.number === '3.1')?.page).toBe(2);
  });
});

describe('joinLines', () => {
  it('rejoins a word hyphenated at a line break', () => {
    expect(joinLines('herun-', 'der giver')).toBe('herunder giver');
  });
  it('keeps a suspended compound hyphen', () => {
    expect(joinLines('Social-', 'og Boligstyrelsen')).toBe('Social- og Boligstyrelsen');
  });
  it('keeps hyphens after capitals and digits', () => {
    expect(joinLines('KKR-', 'Hovedstaden')).toBe('KKR-Hovedstaden');
    expect(joinLines('EPX-', 'uddannelsen')).toBe('EPX-uddannelsen');
    expect(joinLines('2023-', '2024')).toBe('2023-2024');
  });
  it('joins ordinary lines with a space', () => {
    expect(joinLines('den', 'nye')).toBe('den nye');
  });
});

describe('assembleText', () => {
  it('keeps numbered lists apart but not a date that starts a line', () => {
    const text = assembleText([
      { kind: 'text', text: 'godkender dagsordenen for møde den' },
      { kind: 'text', text: '11. april 2025.' },
      { kind: 'text', text: 'Anbefalingerne er:' },
      { kind: 'text', text: '1. Ny organisering' },
      { kind: 'text', text: '2. Nye data' },
    ]);
    expect(text).toBe('godkender dagsordenen for møde den 11. april 2025. Anbefalingerne er:\n1. Ny organisering\n2. Nye data');
  });
});
