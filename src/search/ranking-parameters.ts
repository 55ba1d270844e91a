/**
 * Every number that tunes how answers are ranked and which sentence is shown, in one place, each
 * with its default and why it has that value. The stages that read them are named in
 * `ranking-pipeline.ts`; the README points here rather than repeating the numbers.
 *
 * The objects are read-only to the compiler (`as const`); the evaluation harness varies them to
 * measure a change before it is made here. Changing one changes answers: run `npm run eval` (and with `--distractors 1000`, both
 * generators) before and after, and `npm test`, whose evaluation test has floors on top-1 and on
 * the shown answer (tests/answer/evaluation.test.ts), so a change that hurts fails.
 */

/** How a question's words are turned into weighted index terms (`query.ts`, `analyzer.ts`). */
export const QUERY = {
  /**
   * Weight of a synonym (from `corpus/synonyms.json`) relative to a typed word. Default 0.6: a
   * synonym finds items that never use the typed word, but an item using the typed word itself
   * stays ahead.
   */
  synonymWeight: 0.6,
  /**
   * Weight of a Danish translation of an English word (`corpus/glossary.json`). Default 0.9: an
   * English word hardly ever occurs in Danish material, so its translation is what it means; a
   * little below 1 keeps a Danish word typed in an English question (`særtilskud`) first.
   */
  translationWeight: 0.9,
  /**
   * Share that each term of a multi-word synonym or translation counts alone in the index search
   * (the phrase counts whole in snippets). Default 0.5: half, so a phrase's words matched apart
   * do not outweigh the one word that names the topic.
   */
  phraseTermShare: 0.5,
  /**
   * Weight of each typed word alone inside a phrase that the synonyms or the glossary know as a
   * whole (`nursing homes`, `special subsidy pool`); the phrase's words together weigh 1, and its
   * synonyms and translations their own weight. Default 0.3: `nursing` alone is not `nursing
   * home`, nor `pool` alone `særtilskudspuljen`; 0.6 let items about nurses or other pools win.
   */
  phraseWordWeight: 0.3,
  /**
   * Weight of a compound part found in a typed word the corpus does not know whole
   * (`fysioterapipraksis` → `praksis`). Default 0.7: the parts point at the right items, less
   * surely than the whole word would.
   */
  compoundPartWeight: 0.7,
  /** Weight of each part of a hyphenated word (`EPX-uddannelsen` → `epx`). Default 0.8; the joined word counts 1. */
  hyphenPartWeight: 0.8,
  /**
   * Weight of a procedural word in a question (`godkende`, `beslutte`, `drøfte`): it says what
   * was done, not what about. Default 0.35.
   */
  proceduralWeight: 0.35,
  /**
   * Weight, in the share of the question an item covers, of a word that the corpus does not know
   * in any form and that is an English word of the question (`roughly`, `governs`). Default 0.25:
   * an English question keeps its untranslatable words from making every item look like a poor
   * match, while a Danish word the corpus lacks (`pizza`) still counts fully.
   */
  unknownEnglishWeight: 0.25,
  /**
   * A question reads as English when it holds at least this many English words, more than Danish
   * ones: an English function word (`the`, `how`, `which`) counts 1, a word the glossary knows
   * `englishGlossaryWord`. Defaults 1.5 and 0.5: `local nursing homes` (three glossary words) is
   * English, `fysioterapi` or a Danish question with one English term is not.
   */
  englishMinWords: 1.5,
  englishGlossaryWord: 0.5,
} as const;

/** Scoring item and passage documents with BM25+ and summing them per item (`searcher.ts`, `posting-scorer.ts`). */
export const RETRIEVAL = {
  /**
   * BM25+ parameters. Default MiniSearch 7's (k 1.2, b 0.7, d 0.5), so scores can be checked
   * against MiniSearch itself (tests/search/posting-scorer.test.ts).
   */
  bm25: { k: 1.2, b: 0.7, d: 0.5 },
  /**
   * Field weights. Defaults: a title match (2.5) says most about what an item is; the
   * recommendation (1.3) says what is decided; a case number (3) is typed on purpose; the meta
   * field (heading, committee, publisher, number; 0.5) only helps; passages count 1.
   */
  fieldBoosts: { title: 2.5, recommendation: 1.3, caseNumber: 3, meta: 0.5, text: 1 },
  /** Weight of a fuzzy (typo) match relative to an exact one. Default 0.3: typos find items without outranking exact hits. */
  fuzzyWeight: 0.3,
  /** Weight of a prefix match (an inflection of a typed word). Default 0.45. */
  prefixWeight: 0.45,
  /** Letters a word needs before it is matched fuzzily (1 edit); from `fuzzyTwoEditsLength` letters on, 2 edits. Defaults 5 and 9. */
  fuzzyMinLength: 5,
  fuzzyTwoEditsLength: 9,
  /** Letters a typed word needs before it is matched as a prefix. Default 5: shorter prefixes match too much. */
  prefixMinLength: 5,
  /**
   * A typed word is matched as a prefix only if it is in at most this share of the common-term
   * limit's items (default 1/4): expanding a frequent word costs much and adds little.
   */
  prefixMaxCommonShare: 0.25,
  /**
   * How much a word matched only through a weaker form covers of it: (form weight / strongest
   * known form's weight) to this power. 0 counts any form fully (a compound part or a phrase's
   * single word as much as the word); 1 in proportion. Default 1: `pulje` alone does not answer
   * `special subsidy pool` as `særtilskudspuljen` does.
   */
  weakFormCoverage: 1,
  /** Share of an item's second-best passage added to its best. Default 0.35: an item that answers in two places is a little more likely right. */
  secondPassageShare: 0.35,
  /**
   * Terms in more than this share of all items are left out of the search unless they are all the
   * question has. Default 0.5: such terms (`kommune`) barely move BM25 but cost the most to score.
   */
  commonTermShare: 0.5,
  /** …but only in corpora of at least this many items, where document frequencies mean something. Default 200. */
  commonTermMinItems: 200,
  /**
   * An item's score is multiplied by `coverageBase + coverage`, coverage being the share of the
   * question's weight it matches. Default 0.5: an item matching the whole question scores three
   * times one matching none of its rarer words.
   */
  coverageBase: 0.5,
} as const;

/** Meetings, committees, years, recency and recurring topics (`meeting-ranking.ts`, `ranking-pipeline.ts`). */
export const MEETINGS = {
  /**
   * Score factor for items of the meeting a question points at (`mødet i april 2025`, `næste
   * møde`). Default 2: the question says which meeting it means, but in a corpus of many
   * meetings most months hold one, and an item of another meeting that states the answer
   * (`referatet fra …` approved at the next meeting) must still be able to win. 3 let copies of
   * a topic in the named month beat the item that answers (evaluation with re-tabled distractors).
   */
  meetingHintBoost: 2,
  /** Score factor for items of a committee the question names (`KKR Sjælland`). Default 1.3. */
  committeeHintBoost: 1.3,
  /** Score factor for items of a year the question names, or whose title is about it (`… for 2026`). Default 1.3. */
  yearHintBoost: 1.3,
  /**
   * Largest lift recency gives: the newest meeting's items score up to this share more. Default
   * 0.3: among many older versions of a topic that match about equally well, the newest is what
   * staff want, while a clearly better match (more than 30 % ahead) keeps its place. 0.1 let
   * older near-duplicates win a tenth of the questions with 1,000 distractor meetings.
   */
  recencyWeight: 0.3,
  /** Years over which the recency lift halves. Default 1. */
  recencyHalfLifeYears: 1,
  /**
   * Within a group of near-duplicate items, members scoring at least 1 − this of the group's best
   * count as tied, and the newest of them answers. Default 0.6: an earlier version of a case often
   * matches the question's words as well as the newest, and the newest is what staff want.
   */
  nearTie: 0.6,
  /** The same for standard items (a question about `referat` without a date means the newest). Default 0.6. */
  standardNearTie: 0.6,
  /** Score factor for a standard item (approval of the agenda, *Eventuelt*) the question is not about. Default 0.8. */
  standardItemFactor: 0.8,
  /** Titles sharing at least this share of their content terms (Jaccard) are one topic. Default 0.5. */
  sameTopic: 0.5,
  /**
   * A group ranks by the better of its answering member's score and this share of its best
   * member's. Default 1: the topic ranks where its best match does, whichever member answers.
   */
  groupScoreShare: 1,
} as const;

/** Re-ordering the best topics by how much of the question their best sentence holds (`evidence-order.ts`). */
export const EVIDENCE = {
  /** How many of the best topics are re-ordered. Default 10. */
  head: 10,
  /** How much evidence counts: score × (1 − w + w × evidence). Default 0.3. */
  weight: 0.3,
  /** Evidence within this share of the question counts as equal. Default 0.05. */
  tie: 0.05,
  /** Between answers with equal evidence, the newer comes first when it scores at least 1 − this of the other. Default 0.3. */
  nearTieAcrossTopics: 0.3,
} as const;

/** What an answer holds (`ranking-pipeline.ts`, `engine.ts`). */
export const ANSWER = {
  /**
   * The best item must match at least this share of the question's weight (rare words weigh more)
   * to be shown; below it the bot says it found nothing. Default 0.3.
   */
  minCoverage: 0.3,
  /** An "also relevant" item must score at least this share of the answer's score. Default 0.15: weaker tails are noise. */
  alsoRelevantShare: 0.15,
  /** How many of the best ranked items are grouped by topic and can be paged through. Default 300. */
  groupedHead: 300,
  /** Earlier meetings listed under an answer whose topic recurs. Default 5. */
  maxEarlier: 5,
} as const;

/** Choosing the sentence, list line or table row that answers (`snippet.ts`, `answer-units.ts`). */
export const SNIPPET = {
  /**
   * Bonus for a unit holding the kind of fact asked for (a date for `hvornår`, a quantity for
   * `hvor mange`, a name for `hvem`). Default 0.35: it decides between units that hold the
   * question's words about equally well.
   */
  kindBonus: 0.35,
  /** Extra for a person's name (`Mette Kierkgaard`) over a role or a body as the answer to `hvem`. Default 0.175. */
  personBonus: 0.175,
  /** Extra for an amount of money (`120 mio. kr.`) as the answer to `hvor meget`. Default 0.175. */
  moneyBonus: 0.175,
  /** Extra bonus for a quantity of the very noun a `hvor mange …` question counts (`11 kommuner`). Default 0.5. */
  countBonus: 0.5,
  /**
   * Bonus for a unit that holds the question's negation (`ikke`, `not`), and the factor for one
   * that lacks it when the question has it. Defaults 0.4 and 0.8: "hvor mange overholdt ikke …"
   * is answered by the line that says who did not.
   */
  negationBonus: 0.4,
  negationMissingFactor: 0.8,
  /**
   * Sentences of one paragraph read together when measuring an item's evidence (`evidence-order.ts`):
   * a fact often takes a sentence or two around it. Default 3.
   */
  evidenceWindow: 3,
  /** Bonus for a unit in the passage that ranked the item. Default 0.15. */
  passageBonus: 0.15,
  /**
   * Weight of a question word that the item's title holds, in choosing the snippet: the headline
   * shows the title anyway, so the snippet should hold what it lacks. Default 0.5.
   */
  titleWordShare: 0.5,
  /** Share of a heading's, list lead-in's or table caption's matches that the units under it inherit. Default 0.5. */
  contextShare: 0.5,
  /** A unit longer than this many characters is scored down (it matches many words by sheer length). Default 300. */
  longUnit: 300,
  /** …by a factor 1 + (length − longUnit) / this. Default 700. */
  longUnitPenaltyChars: 700,
  /**
   * Factor for the recommendation's sentences: it is shown next to the snippet anyway, so the
   * snippet prefers other sentences unless the recommendation clearly answers better. Default 0.6.
   */
  recommendationFactor: 0.6,
  /** A second sentence joins the first only when the two score this share more than either alone. Default 0.25. */
  secondSentenceGain: 0.25,
  /** A sentence shorter than this many characters takes the next one along (it rarely answers alone). Default 60. */
  shortSentence: 60,
  /** Characters a snippet aims to stay within; whole sentences are never cut to fit. Default 480. */
  maxSnippet: 480,
  /** A single sentence longer than this is cut at a clause boundary. Default 900 (Discord's field limit is 1,024). */
  maxSentence: 900,
  /**
   * How well an inflection stands for a question term when neither is the other (`kapacitet` /
   * `kapaciteter`): default 0.7, for terms of at least `inflectionMinLength` (5) letters that
   * differ by at most `inflectionMaxExtra` (5) letters at the end.
   */
  inflectionAffinity: 0.7,
  inflectionMinLength: 5,
  inflectionMaxExtra: 5,
} as const;

/** How item text is cut into passage documents (`passages.ts`); changing it needs a new index format. */
export const PASSAGES = {
  /** A passage stops growing past this many words, at a paragraph boundary. Default 120: about one topic's worth of prose. */
  words: 120,
} as const;
