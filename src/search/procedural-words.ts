import { analyzeText } from './analyzer.js';

/**
 * Words that say what is done with a topic on an agenda rather than what the topic is: `Status på`,
 * `Opfølgning på`, `Drøftelse af`, `Orientering om`, `Beslutning om` the same matter are the same
 * topic, so titles are compared without them.
 */
export const TITLE_PROCEDURAL_TERMS: ReadonlySet<string> = new Set(
  analyzeText(
    'status opfølgning drøftelse orientering godkendelse beslutning afrapportering forslag høring evaluering proces temadrøftelse endelig opgørelse',
  ),
);

/**
 * In a question, "hvornår besluttede KKR …" asks about a topic, not about items titled
 * `Beslutning om …`: these verbs weigh little, and so do the words that only place the asked
 * time (`hvornår … sidst`, `senest`), which would otherwise find every *Siden sidst*, or the
 * source (`ifølge KKR-mødet`).
 * (`orienteringen` stays: it points at a briefing.)
 */
export const QUESTION_PROCEDURAL_TERMS: ReadonlySet<string> = new Set(
  analyzeText('drøfte drøftes drøftede godkende godkendte godkendes beslutte besluttede besluttes beslutning godkendelse drøftelse sidst senest ifølge iflg'),
);
