import type { Answer, Hit } from '../../../src/answer/types.js';
import type { AgendaItem } from '../../../src/corpus/types.js';

/**
 * Answers built by hand for the pure render tests: the shapes of the core's contract with text
 * chosen to hit Slack's limits and to try to smuggle markup in.
 */

export const MATERIAL_URL = 'https://www.kl.dk/politik/kkr/kkr-hovedstaden/moedemateriale';

export function makeItem(overrides: Partial<AgendaItem> = {}): AgendaItem {
  const number = overrides.number ?? '3.6';
  return {
    id: `kkr-hovedstaden-2025-04-11-${number}`,
    committee: 'KKR Hovedstaden',
    meetingDate: '2025-04-11',
    kind: 'agenda',
    position: 9,
    number,
    heading: 'Regionalpolitiske sager',
    title: 'Forslag til revision af kapacitetsdel af praksisplan for fysioterapi',
    caseNumber: 'SAG-2025-01103',
    caseOfficers: ['ascm'],
    background: 'Med den nye overenskomst for fysioterapeuterne skal der udmøntes nye kapaciteter.',
    recommendation: 'Det indstilles, at KKR Hovedstaden godkender revisionen af Praksisplan for fysioterapi.',
    presentation: 'Praksisplan for fysioterapi blev vedtaget af region og kommuner i 2022.',
    attachments: ['Revision af praksisplan kapitel 1 vedrørende kapacitet'],
    links: [],
    decision: null,
    sections: [],
    source: 'kkr-hovedstaden-2025-04-11-dagsorden.txt',
    link: MATERIAL_URL,
    ...overrides,
  };
}

export function makeHit(item: AgendaItem = makeItem(), overrides: Partial<Hit> = {}): Hit {
  return {
    item,
    snippet: 'Praksisplanen er den fælles plan for fysioterapipraksis de kommende år.',
    snippetParts: [
      { text: 'Praksisplanen er den fælles plan for ', match: false },
      { text: 'fysioterapipraksis', match: true },
      { text: ' de kommende år.', match: false },
    ],
    link: item.link,
    score: 10,
    earlier: [],
    ...overrides,
  };
}

export function makeAnswer(overrides: Partial<Answer> = {}): Answer {
  return {
    query: 'fysioterapi',
    status: 'found',
    mode: 'search',
    results: [makeHit()],
    hasMore: false,
    offset: 0,
    filters: {},
    suggestions: [],
    ...overrides,
  };
}

/** `n` distinct hits, numbered 1.1, 1.2, … */
export function manyHits(n: number): Hit[] {
  return Array.from({ length: n }, (_, i) => {
    const number = `${Math.floor(i / 50) + 1}.${(i % 50) + 1}`;
    return makeHit(makeItem({ number, title: `Punkt nummer ${i + 1} om fysioterapi og kapacitet` }));
  });
}

/** Text that tries every trick: a channel ping, a forged link, entities, bare mentions. */
export const EVIL = 'Husk <!channel> & <http://evil.example|klik her> <@U0BOSS> @here &amp; @everyone >citat';
