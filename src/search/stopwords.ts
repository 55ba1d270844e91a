/**
 * Words too common to help ranking: Snowball's Danish stop words, common English ones (staff
 * also ask in English), and question words. Kept small on purpose: `ikke`, numbers and month
 * names carry meaning in agenda questions and stay searchable.
 */
const DANISH = `og i jeg det at en den til er som på de med han af for der var mig sig men et har om vi min havde
ham hun nu over da fra du ud sin dem os op man hans hvor eller hvad skal selv her alle vil blev kunne ind når være dog
noget ville jo deres efter ned skulle denne end dette mit også under have dig anden hende mine alt meget sit sine vor mod
disse hvis din nogle hos blive mange ad bliver hendes været thi jer sådan
hvordan hvornår hvorfor hvilken hvilke hvilket hvem hvornaar saa paa naar vaere ogsaa
kan får faar fik ved bl jf mv fx ca dvs iht ift mht bla the`;

/**
 * Words that ask for a part of an item rather than name a topic: "hvad er indstillingen til …"
 * asks for the recommendation of the item about …, which the answer always shows.
 */
const SECTION_WORDS = `indstilling indstillingen indstilles indstillet recommendation recommended recommend`;

const ENGLISH = `a an and are as at be by for from has have how i in is it its of on or that the this to was were what when
where which who whom why will with do does did about according into than then there their they them can could would should
much many any some me my we our you your he she his her been being so if not no also does per each`;

/** Folded (`æ`→`ae` …) stop words, as terms are compared after folding. */
export const STOP_WORDS: ReadonlySet<string> = new Set(
  `${DANISH} ${ENGLISH} ${SECTION_WORDS}`
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => w.replace(/æ/g, 'ae').replace(/ø/g, 'oe').replace(/å/g, 'aa')),
);
