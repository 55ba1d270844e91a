/**
 * What the bot says when asked for help, shared by every platform so users learn one way of asking.
 * Adapters put their own command name in front of the examples.
 */
export const HELP_TITLE = 'Sådan spørger du mødebot';

export const HELP_INTRO =
  'Jeg svarer på spørgsmål om dagsordener fra KKR-møderne: jeg finder det punkt, der svarer, viser indstillingen, ' +
  'den sætning der svarer, og et link til materialet. Skriv på dansk eller engelsk.';

/** Example questions with what they show. */
export const HELP_EXAMPLES: ReadonlyArray<{ question: string; explains: string }> = [
  { question: 'hvad indstilles der om fysioterapi?', explains: 'fritekst: det bedste punkt og dets indstilling' },
  { question: 'SAG-2025-01103', explains: 'et sagsnummer: alle punkter på sagen, i dagsordenens rækkefølge' },
  { question: 'punkt 4.3 fra juni 2024', explains: 'et punktnummer med et møde' },
  { question: 'flygtninge juni 2024', explains: 'en måned, dato eller et år afgrænser til de møder' },
  { question: 'KKR Hovedstaden næste møde', explains: 'udvalg og næste/sidste møde' },
];

/** Words that ask for help rather than search. */
export function isHelpRequest(text: string): boolean {
  return /^\s*(hj[æa]e?lp|help|\?|hvordan bruger jeg dig\??)\s*$/i.test(text);
}
