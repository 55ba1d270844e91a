import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { ButtonIds, ButtonStore } from '../../../src/adapters/discord/custom-ids.js';
import { packDigest, renderDigest } from '../../../src/adapters/discord/render-digest.js';
import { renderAnswer, type RenderContext } from '../../../src/adapters/discord/render-answer.js';
import { renderHelp } from '../../../src/adapters/discord/render-help.js';
import { renderItem } from '../../../src/adapters/discord/render-item.js';
import { truncate } from '../../../src/adapters/discord/limits.js';
import { boldSnippet, neutraliseMentions, safeText } from '../../../src/adapters/discord/markdown.js';
import { HELP_EXAMPLES, HELP_TITLE } from '../../../src/answer/help.js';
import type { Answer, Hit } from '../../../src/answer/types.js';
import type { AgendaItem } from '../../../src/corpus/types.js';
import type { Digest } from '../../../src/digest/types.js';
import { expectWithinDiscordLimits } from './limits.js';

const PDF = 'https://www.kl.dk/media/kkr-hovedstaden-2025-04-11.pdf';

function item(overrides: Partial<AgendaItem> = {}): AgendaItem {
  return {
    id: 'kkr-hovedstaden-2025-04-11-3.6',
    committee: 'KKR Hovedstaden',
    meetingDate: '2025-04-11',
    kind: 'agenda',
    position: 9,
    number: '3.6',
    heading: 'Regionalpolitiske sager',
    title: 'Forslag til revision af kapacitetsdel af praksisplan for fysioterapi',
    caseNumber: 'SAG-2025-01103',
    caseOfficers: ['ascm'],
    background: 'Praksisplan for fysioterapi blev vedtaget af region og kommuner i 2022.',
    recommendation: 'Det indstilles, at KKR Hovedstaden godkender forslaget.',
    presentation: 'Del 1 i Praksisplanen for fysioterapi er opdateret med nye data.',
    attachments: ['Forslag til revision'],
    links: [],
    decision: null,
    sections: [],
    page: 14,
    source: 'kkr-hovedstaden-2025-04-11-dagsorden.txt',
    link: `${PDF}#page=14`,
    ...overrides,
  };
}

function hit(it: AgendaItem, snippet = 'nye kapaciteter til vederlagsfri fysioterapi'): Hit {
  return {
    item: it,
    snippet,
    snippetParts: [
      { text: 'nye kapaciteter til vederlagsfri ', match: false },
      { text: 'fysioterapi', match: true },
    ],
    link: it.link,
    score: 10,
    earlier: [],
  };
}

function answer(results: Hit[], overrides: Partial<Answer> = {}): Answer {
  return {
    query: 'fysioterapi',
    status: 'found',
    mode: 'search',
    results,
    hasMore: false,
    offset: 0,
    filters: {},
    suggestions: [],
    ...overrides,
  };
}

const ctx = (): RenderContext => ({ ids: new ButtonIds(new ButtonStore()), request: { query: 'fysioterapi', meeting: '', committee: '' } });

const allText = (value: unknown) => JSON.stringify(value);

describe('renderAnswer', () => {
  it('shows the best item with its number, title, recommendation, link and bold matched words', () => {
    const reply = renderAnswer(answer([hit(item())]), ctx());
    const [main] = reply.embeds;
    expect(main!.title).toBe('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(main!.url).toBe(`${PDF}#page=14`);
    expect(main!.author!.name).toBe('KKR Hovedstaden, møde 11. april 2025');
    expect(main!.description).toContain('**fysioterapi**');
    expect(main!.description).toContain('**Indstilling**\nDet indstilles, at KKR Hovedstaden godkender forslaget.');
    expect(main!.fields).toContainEqual({ name: 'Sag', value: 'SAG-2025-01103', inline: true });
    expect(reply.components[0]!.components[0]).toMatchObject({ label: 'Vis hele punktet', custom_id: 'i|kkr-hovedstaden-2025-04-11-3.6' });
    expectWithinDiscordLimits(reply);
  });

  it('cuts very long text to Discord limits and links to the full material', () => {
    const long = item({
      title: 'Meget lang titel '.repeat(60),
      recommendation: 'Det indstilles, at KKR godkender. '.repeat(800),
      heading: 'Overskrift '.repeat(200),
    });
    const h = hit(long, 'x');
    h.snippetParts = Array.from({ length: 400 }, (_, i) => ({ text: i % 2 ? 'fysioterapi' : ' og mere tekst ', match: i % 2 === 1 }));
    h.earlier = Array.from({ length: 80 }, (_, i) => ({
      id: `e${i}`,
      committee: 'KKR Hovedstaden',
      meetingDate: '2024-06-18',
      number: `4.${i}`,
      title: 'Tidligere punkt',
      link: `${PDF}#page=${i}`,
    }));
    const reply = renderAnswer(answer([h, ...Array.from({ length: 3 }, () => hit(long))], { query: 'q'.repeat(3000) }), ctx());
    expectWithinDiscordLimits(reply);
    expect(reply.embeds[0]!.description).toMatch(/\[Læs hele punktet i materialet\]\(https:\/\/www\.kl\.dk\/media\/kkr-hovedstaden-2025-04-11\.pdf#page=14\)$/);
    expect(reply.embeds[0]!.title!.endsWith('…')).toBe(true);
  });

  it('lists many case items within 25 fields and five button rows, with a "more results" button', () => {
    const hits = Array.from({ length: 40 }, (_, i) => hit(item({ id: `kkr-hovedstaden-2024-06-18-${i + 1}.1`, number: `${i + 1}.1`, meetingDate: '2024-06-18' })));
    const reply = renderAnswer(answer(hits, { mode: 'case', query: 'SAG-2024-01739', hasMore: true }), {
      ids: new ButtonIds(),
      request: { query: 'SAG-2024-01739', meeting: '', committee: '' },
    });
    expectWithinDiscordLimits(reply);
    expect(reply.embeds[0]!.title).toBe('Sag SAG-2025-01103');
    expect(reply.embeds[0]!.fields).toHaveLength(25);
    const last = reply.components.at(-1)!.components[0]!;
    expect(last).toMatchObject({ label: 'Flere resultater', custom_id: 'm|40|||SAG-2024-01739' });
  });

  it('never lets document text ping @everyone, @here or a role', () => {
    const bad = item({
      title: 'Til @everyone og @here',
      recommendation: 'Det indstilles, at <@&123456789012345678> og <@987654321098765432> orienteres.',
      heading: '@everyone',
    });
    const reply = renderAnswer(answer([hit(bad)], { query: '@here hvad nu' }), ctx());
    // Custom ids come back to the bot and are never shown, so only what is shown is checked.
    const text = JSON.stringify(reply, (key, value: unknown) => (key === 'custom_id' ? undefined : value));
    expect(text).not.toMatch(/@everyone|@here/);
    expect(text).not.toMatch(/<@[&!]?\d+>/);
    expect(text).toContain('@\u200beveryone');
  });

  it('escapes Discord markdown in document text', () => {
    const reply = renderAnswer(answer([hit(item({ recommendation: '**fed** _kursiv_ # overskrift [klik](https://evil.example)' }))]), ctx());
    const description = reply.embeds[0]!.description!;
    expect(description).toContain('\\*\\*fed\\*\\*');
    expect(description).toContain('\\_kursiv\\_');
    expect(description).toContain('\\[klik\\](https://evil.example)');
  });

  it('says so when nothing is found, with suggestions', () => {
    const reply = renderAnswer(
      answer([], { status: 'not-found', message: 'Jeg fandt ikke noget om «robotter».', suggestions: ['SAG-2025-01103'] }),
      ctx(),
    );
    expect(reply.embeds[0]!.title).toBe('Intet svar fundet');
    expect(reply.embeds[0]!.description).toContain('Jeg fandt ikke noget om «robotter».');
    expect(reply.embeds[0]!.description).toContain('SAG-2025-01103');
    expect(reply.components).toEqual([]);
  });

  it('keeps a long question in the "more results" button through the store', () => {
    const ids = new ButtonIds(new ButtonStore());
    const query = 'hvad indstilles der om vederlagsfri fysioterapi og kapaciteter i hovedstaden i 2025 og fremover, og hvem har ansvaret';
    const reply = renderAnswer(answer([hit(item())], { hasMore: true, query }), { ids, request: { query, meeting: 'april 2025', committee: 'KKR Hovedstaden' } });
    const more = reply.components.at(-1)!.components[0]!;
    const customId = 'custom_id' in more ? more.custom_id : '';
    expect(customId.length).toBeLessThanOrEqual(100);
    expect(ids.parse(customId)).toEqual({ kind: 'more', offset: 1, request: { query, meeting: 'april 2025', committee: 'KKR Hovedstaden' } });
    expect(new ButtonIds().parse(customId)).toEqual({ kind: 'expired' });
  });
});

describe('renderItem', () => {
  it('shows every section of a huge item within one message, ending with a link to the material', () => {
    const huge = item({
      background: 'Baggrund '.repeat(2000),
      presentation: 'Sagsfremstilling '.repeat(2000),
      recommendation: 'Indstilling '.repeat(1000),
      attachments: Array.from({ length: 300 }, (_, i) => `Bilag ${i}`),
      links: ['https://www.kl.dk/a', 'file:///c:/secret.docx'],
    });
    const reply = renderItem(huge);
    expectWithinDiscordLimits(reply);
    expect(reply.embeds[0]!.title).toBe('3.6 Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(allText(reply)).toContain('Læs');
    expect(allText(reply)).not.toContain('file:');
  });
});

describe('renderHelp', () => {
  it('uses the shared Danish help text with the slash command in front of each example', () => {
    const reply = renderHelp('/dagsorden');
    expect(reply.embeds[0]!.title).toBe(HELP_TITLE);
    expect(reply.embeds[0]!.fields!.map((f) => f.name)).toEqual(HELP_EXAMPLES.map((e) => `/dagsorden spørgsmål: ${e.question}`));
  });
});

describe('renderDigest', () => {
  it('splits a long digest into messages that each fit Discord limits', () => {
    const digest: Digest = {
      date: '2025-04-01',
      windowDays: 14,
      meetings: Array.from({ length: 30 }, (_, m) => ({
        committee: `KKR Region ${m}`,
        date: '2025-04-11',
        time: '10.00-12.00',
        status: 'published' as const,
        link: PDF,
        isNew: m % 2 === 0,
        items: Array.from({ length: 40 }, (_, i) => ({
          number: `${i + 1}.1`,
          title: `Punkt @everyone ${i} `.repeat(5),
          recommendation: 'Det indstilles, at KKR godkender. '.repeat(10),
          link: `${PDF}#page=${i}`,
          isNew: i === 0,
        })),
      })),
    };
    const embeds = renderDigest(digest);
    expect(embeds[0]!.title).toBe('Kommende møder');
    expect(embeds[1]!.title).toBe('KKR Region 0 · 11. april 2025 kl. 10.00-12.00');
    const messages = packDigest(embeds);
    expect(messages.length).toBeGreaterThan(1);
    for (const embedsOfOne of messages) expectWithinDiscordLimits({ embeds: embedsOfOne });
    expect(messages.flat().map((e) => e.title)).toEqual(embeds.map((e) => e.title));
    expect(allText(messages)).not.toMatch(/@everyone/);
  });

  it('says when no meetings are coming up', () => {
    expect(renderDigest({ date: '2025-07-01', windowDays: 14, meetings: [] })[0]!.description).toBe('Der er ingen kendte kommende møder.');
  });
});

describe('text helpers', () => {
  it('neutralises every kind of mention', () => {
    expect(neutraliseMentions('@everyone @here <@&1> <@2> <@!3> <#4>')).toBe('@\u200beveryone @\u200bhere <\u200b@&1> <\u200b@2> <\u200b@!3> <\u200b#4>');
  });

  test.prop([fc.string({ unit: 'grapheme-ascii' }), fc.constantFrom('@everyone', '@here', '<@&12345>', '<@!12345>', '<@12345>')])(
    'leaves no live mention in any text',
    (text, mention) => {
      const out = safeText(`${text}${mention}${text}`);
      expect(out).not.toMatch(/@everyone|@here|<@[&!]?\d+>/i);
    },
  );

  test.prop([fc.string({ maxLength: 500 }), fc.integer({ min: 1, max: 300 })])('truncate never exceeds the limit', (text, max) => {
    const out = truncate(text, max);
    expect(out.length).toBeLessThanOrEqual(max);
    if (text.length <= max) expect(out).toBe(text);
  });

  test.prop([
    fc.array(fc.record({ text: fc.string({ maxLength: 20 }), match: fc.boolean() }), { maxLength: 30 }),
    fc.integer({ min: 2, max: 200 }),
  ])('bold snippets stay balanced when cut', (parts, max) => {
    const out = truncate(boldSnippet(parts), max);
    expect(out.length).toBeLessThanOrEqual(max);
    expect(markdownStars(out) % 4).toBe(0);
  });

  it('opens a new bold run after a matched part that is only spaces', () => {
    // Found by the property above (seed -1016147797): the space ended the run, the merge did not know.
    expect(boldSnippet([{ text: '!', match: true }, { text: ' ', match: true }, { text: '!', match: true }])).toBe('**!** **!**');
  });

  it('merges adjacent matched parts into one bold run', () => {
    expect(boldSnippet([{ text: 'fysio', match: true }, { text: 'terapi', match: true }, { text: ' og ', match: false }, { text: 'mere', match: true }])).toBe(
      '**fysioterapi** og **mere**',
    );
  });
});

/** Counts asterisks that Discord reads as markdown (not escaped by a backslash). */
function markdownStars(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    if (text[i] === '\\') i += 1;
    else if (text[i] === '*') n += 1;
  }
  return n;
}
