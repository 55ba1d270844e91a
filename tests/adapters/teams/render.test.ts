import path from 'node:path';
import { fc, test } from '@fast-check/vitest';
import { beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/answer/engine.js';
import type { Answer, AnswerEngine, Hit } from '../../../src/answer/types.js';
import type { AgendaItem } from '../../../src/corpus/types.js';
import { escapeText, type AdaptiveCard } from '../../../src/adapters/teams/card.js';
import { TEAMS_CARD_MAX_BYTES, cardBytes } from '../../../src/adapters/teams/limits.js';
import { renderAnswer, snippetMarkdown } from '../../../src/adapters/teams/render-answer.js';
import { renderItem } from '../../../src/adapters/teams/render-item.js';
import { renderHelp } from '../../../src/adapters/teams/render-help.js';
import { renderDigest } from '../../../src/adapters/teams/render-digest.js';
import { HELP_EXAMPLES, HELP_TITLE } from '../../../src/answer/help.js';
import { tempDir } from '../../helpers/temp-dir.js';

let engine: AnswerEngine;
let physio: AgendaItem;

beforeAll(async () => {
  engine = await openEngine({ corpusDir: 'corpus', dataDir: tempDir('moedebot-') });
  physio = (await engine.item('kkr-hovedstaden-2025-04-11-3.6'))!;
});

function textBlocks(card: AdaptiveCard): string[] {
  const out: string[] = [];
  const walk = (x: unknown) => {
    if (Array.isArray(x)) x.forEach(walk);
    else if (x && typeof x === 'object') {
      const o = x as Record<string, unknown>;
      if (o.type === 'TextBlock') out.push(String(o.text));
      if (typeof o.title === 'string' && typeof o.value === 'string') out.push(o.value);
      Object.values(o).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** Markdown a TextBlock would turn into a link, or a mention Teams could resolve. */
function hasLiveMarkup(text: string): boolean {
  const unescaped = text.replace(/\\[\\*_~`[\]]/g, '');
  return /\[[^\]]*\]\([^)]*\)/.test(unescaped) || /<at>/i.test(text) || /&lt;/i.test(text);
}

const HOSTILE = 'Se [hjemmesiden](https://evil.example/login) <at>Alle</at> &lt;at&gt;Direktionen&lt;/at&gt; *fed* _kursiv_ ~slet~ `kode`';

function hit(item: AgendaItem, overrides: Partial<Hit> = {}): Hit {
  return {
    item,
    snippet: 'tilrettelæggelse af fysioterapipraksis',
    snippetParts: [
      { text: 'tilrettelæggelse af ', match: false },
      { text: 'fysioterapipraksis', match: true },
    ],
    link: item.link,
    score: 1,
    earlier: [],
    ...overrides,
  };
}

function answerOf(results: Hit[], overrides: Partial<Answer> = {}): Answer {
  return { query: 'fysioterapi', status: 'found', mode: 'search', results, hasMore: false, offset: 0, filters: {}, suggestions: [], ...overrides };
}

describe('renderAnswer', () => {
  it('shows the item, meeting, recommendation and the answering sentence with matched words bold', async () => {
    const card = renderAnswer((await engine.ask('fysioterapi')));
    const t = textBlocks(card);
    expect(t[0]).toBe('Forslag til revision af kapacitetsdel af praksisplan for fysioterapi');
    expect(t[1]).toContain('KKR Hovedstaden, møde 11. april 2025 · punkt 3.6');
    expect(t).toContain('Indstilling');
    expect(t.some((x) => /\*\*fysioterapi\w*\*\*/.test(x))).toBe(true);
    expect(card.actions?.map((a) => a.title)).toEqual(expect.arrayContaining(['Åbn materialet', 'Vis hele punktet']));
  });

  it('escapes document text so it cannot link, format or mention', () => {
    const evil = { ...physio, title: HOSTILE, recommendation: HOSTILE, committee: 'KKR <at>Hovedstaden</at>' };
    const card = renderAnswer(
      answerOf([hit(evil, { snippet: HOSTILE, snippetParts: [{ text: HOSTILE, match: false }, { text: '[x](https://evil.example)', match: true }] }), hit(evil)]),
    );
    const t = textBlocks(card);
    expect(t.length).toBeGreaterThan(5);
    for (const text of t) expect(hasLiveMarkup(text), text).toBe(false);
    expect(JSON.stringify(card)).not.toMatch(/<at>/i);
  });

  it('keeps a card with huge texts and many results within the Teams message size, with a note that it was cut', () => {
    const long = 'Kommunerne i hovedstadsregionen ønsker flere ydernumre til vederlagsfri fysioterapi. '.repeat(2_000);
    const big = { ...physio, title: long.slice(0, 2_000), recommendation: long };
    const results = Array.from({ length: 120 }, (_, i) => hit({ ...big, id: `${big.id}-${i}`, number: `3.${i + 1}` }, { snippet: long, snippetParts: [{ text: long, match: false }] }));
    for (const mode of ['search', 'case'] as const) {
      const card = renderAnswer(answerOf(results, { mode, hasMore: true }));
      expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
      expect(textBlocks(card).some((x) => /afkortet|ikke kan være i én besked/.test(x))).toBe(true);
    }
  });

  it('says what to try when nothing is found', async () => {
    const answer = (await engine.ask('xyzzy kvantefysik'));
    expect(answer.status).toBe('not-found');
    const t = textBlocks(renderAnswer(answer));
    expect(t[0]).toBe(escapeText(answer.message!));
    expect(t.join('\n')).toContain('Prøv');
  });

  it('explains an unusable question', () => {
    const t = textBlocks(renderAnswer(answerOf([], { status: 'invalid', message: 'Spørgsmålet er for langt.' })));
    expect(t).toEqual(['Spørgsmålet er for langt.']);
  });

  it('offers "Flere resultater" with the next offset only when there are more', () => {
    const more = renderAnswer(answerOf([hit(physio)], { hasMore: true, offset: 4 }));
    expect(more.actions?.find((a) => a.title === 'Flere resultater')).toMatchObject({ data: { moedebot: 'more', query: 'fysioterapi', offset: 5 } });
    expect(renderAnswer(answerOf([hit(physio)])).actions?.some((a) => a.title === 'Flere resultater')).toBe(false);
  });

  it('never offers a link that is not http(s)', () => {
    const card = renderAnswer(answerOf([hit({ ...physio, link: 'javascript:alert(1)' }, { link: 'file:///etc/passwd' })]));
    expect(card.actions?.some((a) => a.type === 'Action.OpenUrl')).toBe(false);
  });
});

describe('renderItem', () => {
  it('shows the whole item of the seed agenda', () => {
    const t = textBlocks(renderItem(physio));
    expect(t[0]).toBe(physio.title);
    expect(t).toEqual(expect.arrayContaining(['Indstilling', 'Sagsfremstilling', 'KKR Hovedstaden', '11. april 2025']));
  });

  it('shortens a very long item to fit and links to the material', () => {
    const presentation = 'Lang sagsfremstilling. '.repeat(20_000);
    const background = 'Baggrund. '.repeat(10_000);
    const card = renderItem({
      ...physio,
      presentation,
      background,
      sections: [
        { heading: 'Baggrund', role: 'background', text: background },
        { heading: 'Sagsfremstilling', role: 'presentation', text: presentation },
      ],
    });
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
    expect(textBlocks(card).some((x) => x.includes('afkortet'))).toBe(true);
    expect(card.actions?.[0]).toMatchObject({ type: 'Action.OpenUrl', url: physio.link });
  });
});

describe('renderHelp', () => {
  it('gives the shared help text and examples, with the mention in channels', () => {
    const t = textBlocks(renderHelp({ mentionName: 'mødebot' }));
    expect(t[0]).toBe(HELP_TITLE);
    expect(t.join('\n')).toContain(`@mødebot ${HELP_EXAMPLES[1]!.question}`);
    expect(textBlocks(renderHelp()).join('\n')).not.toContain('@mødebot SAG');
  });
});

describe('renderDigest', () => {
  it('fits a digest with many meetings and long items', () => {
    const items = Array.from({ length: 60 }, (_, i) => ({ number: `3.${i}`, title: 'Titel '.repeat(60), recommendation: 'Det indstilles, at '.repeat(100), id: `x-${i}`, isNew: i % 2 === 0 }));
    const card = renderDigest({
      date: '2025-04-07',
      windowDays: 14,
      meetings: Array.from({ length: 5 }, (_, i) => ({ committee: `KKR ${i}`, date: '2025-04-11', status: 'published' as const, isNew: true, items })),
    });
    expect(cardBytes(card)).toBeLessThanOrEqual(TEAMS_CARD_MAX_BYTES);
  });

  it('says when no meetings are coming', () => {
    expect(textBlocks(renderDigest({ date: '2025-07-01', windowDays: 14, meetings: [] })).join('\n')).toContain('Der er ingen kendte kommende møder.');
  });
});

describe('escapeText', () => {
  test.prop([fc.string({ unit: 'grapheme', maxLength: 200 })])('leaves no live markdown, angle bracket or character reference', (s) => {
    const out = escapeText(s);
    expect(out).not.toMatch(/[<>]/);
    expect(out.replace(/\\[\\*_~`[\]]/g, '')).not.toMatch(/[\\*_~`[\]]/);
    expect(out).not.toMatch(/&#?[a-z0-9]+;/i);
  });

  test.prop([fc.array(fc.record({ text: fc.string({ maxLength: 40 }), match: fc.boolean() }), { maxLength: 10 })])(
    'keeps bold markers balanced in snippets',
    (parts) => {
      const md = snippetMarkdown(parts, 120).replace(/\\[\\*_~`[\]]/g, '');
      expect((md.match(/\*\*/g) ?? []).length % 2).toBe(0);
    },
  );
});
