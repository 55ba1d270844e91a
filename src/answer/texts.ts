import { count, danishDate } from './present.js';
import { quoteQuestion } from './quote.js';

/**
 * Every Danish sentence and label mødebot shows users, on every platform. Adapters put these in
 * their own markup (Block Kit, embeds, Adaptive Cards, terminal lines); none words them itself, so
 * a user meets the same bot in Slack, Teams, Discord and the terminal.
 */

/** Headings and button labels. */
export const LABEL = {
  recommendation: 'Indstilling',
  decision: 'Beslutning',
  snippet: 'Uddrag',
  alsoRelevant: 'Også relevant',
  earlier: 'Også på dagsordenen før',
  case: 'Sag',
  caseOfficers: 'Sagsbehandler',
  heading: 'Under',
  page: 'Side',
  attachments: 'Bilag',
  links: 'Links i punktet',
  showItem: 'Vis hele punktet',
  showListedItem: 'Vis punktet',
  openMaterial: 'Åbn materialet',
  moreResults: 'Flere resultater',
  share: 'Del i kanalen',
  feedbackUp: '👍',
  feedbackDown: '👎',
  readRecommendation: 'Læs hele indstillingen i materialet',
  readDecision: 'Læs hele beslutningen i materialet',
  readItem: 'Læs hele punktet i materialet',
  readRest: 'Læs resten i materialet',
  expectedItems: 'Forventede punkter',
  items: 'Punkter',
  standingItems: 'Faste punkter',
  seeAgenda: 'Se hele dagsordenen',
  tryFor: 'Prøv fx',
} as const;

/** A failure the user meets: short, in Danish, with the id that is also in the log. */
export function failureText(errorId: string): string {
  return `Beklager, noget gik galt, da jeg skulle svare. Prøv igen om lidt. (Fejl-id: ${errorId})`;
}

/** Said while an answer takes longer than usual, so the asker knows it is coming. */
export const SLOW_ANSWER_TEXT = 'Jeg leder stadig i materialet – svaret kommer om lidt.';

/** The status line while answering (Slack's assistant pane). */
export const SEARCHING_STATUS = 'søger i dagsordener og referater …';

export const ITEM_GONE_TEXT = 'Punktet findes ikke længere i materialet; det er måske opdateret. Stil spørgsmålet igen.';
export const BUTTON_EXPIRED_TEXT = 'Knappen er udløbet, fordi jeg er blevet genstartet. Stil spørgsmålet igen.';
export const BUTTON_UNKNOWN_TEXT = 'Den knap kender jeg ikke. Stil spørgsmålet igen.';
export const COMMAND_UNKNOWN_TEXT = 'Den kommando kender jeg ikke længere. Prøv /dagsorden.';
export const INVALID_QUESTION_TEXT = 'Jeg kunne ikke bruge spørgsmålet. Skriv et par ord om det, du leder efter.';
export const INVALID_QUESTION_TITLE = 'Det kan jeg ikke søge på';
export const NOT_FOUND_TITLE = 'Intet svar fundet';
export const ITEM_WITHOUT_TEXT = 'Punktet har ingen tekst i materialet ud over titlen.';
export const NO_RECOMMENDATION_TEXT = 'Punktet har ingen indstilling.';
export const TEXT_CUT_NOTE = 'Teksten er afkortet: åbn materialet for at læse det hele.';

export function meetingNotUnderstood(meeting: string): string {
  return `Jeg forstår ikke mødet «${quoteQuestion(meeting)}». Skriv en dato (2025-04-11), en måned (juni 2024) eller et år (2024).`;
}

export function notFoundText(query: string): string {
  return `Jeg fandt ikke noget punkt, der svarer på «${quoteQuestion(query)}».`;
}

export function noMoreResultsText(query: string): string {
  return `Der er ikke flere resultater for «${quoteQuestion(query)}».`;
}

export function moreResultsHeading(query: string): string {
  return `Flere resultater for «${quoteQuestion(query)}»`;
}

export function filterNote(label: string): string {
  return `Afgrænset til ${label}`;
}

export function questionNote(query: string): string {
  return `Spørgsmål: ${quoteQuestion(query)}`;
}

/** `Også på dagsordenen før: KKR Hovedstaden 18. juni 2024, punkt 4.3`. */
export function earlierMention(e: { committee: string; meetingDate: string; number: string }): string {
  return `${e.committee} ${danishDate(e.meetingDate)}${e.number ? `, punkt ${e.number}` : ''}`;
}

export function caseHeading(caseNumber: string, shown: number, more: boolean, later: boolean): string {
  const n = later ? 'flere punkter' : more ? `mindst ${shown} punkter` : count(shown, 'punkt', 'punkter');
  return `Sag ${caseNumber} · ${n}`;
}

export function notShownText(n: number, what: 'punkt' | 'møde'): string {
  return `${count(n, what, what === 'punkt' ? 'punkter' : 'møder')} mere er ikke vist her.`;
}

/** An item with more sections than one message holds. */
export function sectionsNotShownText(n: number): string {
  return `${n} afsnit mere er ikke vist her; åbn materialet for at læse dem.`;
}

/** How a thread follow-up was read, shown above its answer: `Opfølgning: fysioterapi · 2024`. */
export function followUpNote(understood: string): string {
  return `Opfølgning på tråden: ${understood}`;
}

/** Who shared an answer that was first shown only to them. */
export function sharedBy(name: string): string {
  return `Delt af ${name}`;
}

export const FEEDBACK_PROMPT = 'Var svaret brugbart?';
export function feedbackThanks(vote: 'up' | 'down'): string {
  return vote === 'up'
    ? 'Tak! Godt at svaret kunne bruges.'
    : 'Tak for besked. Spørgsmålet er noteret, så søgningen kan blive bedre.';
}

/** The help text's line about threads, watches and feedback, shared by every platform. */
export const HELP_MORE =
  'Svarer jeg i en tråd, kan du spørge videre i tråden uden at nævne mig: «og i 2024?», «hvad med KKR Sjælland?», ' +
  '«vis punkt 3.12» eller «mere». Skriv «følg fysioterapi», så skriver jeg i kanalen, når emnet kommer på en dagsorden; ' +
  '«følger» viser kanalens emner, og «stop fysioterapi» stopper et.';

/** The digest. */
export const DIGEST_TITLE = 'Kommende møder';

/** What the digest covers, under its title. */
export function digestScope(windowDays: number): string {
  return `Møder i de næste ${windowDays} dage og som minimum det næste møde i hvert råd`;
}

/** An empty digest: it would name each committee's next meeting however far ahead, so none is known. */
export const DIGEST_NO_MEETINGS = 'Der er ingen kendte kommende møder.';

export function digestStatus(status: 'published' | 'expected', isNew: boolean, hasItems: boolean): string {
  if (status === 'published') return isNew ? 'Ny dagsorden er offentliggjort.' : 'Dagsordenen er offentliggjort.';
  return hasItems ? 'Dagsordenen er ikke offentliggjort endnu.' : 'Dagsordenen er ikke offentliggjort endnu, og der er ikke varslet punkter.';
}

export const DIGEST_NEW = 'Nyt';

/** Topic watches (`følg <emne>`, `følger`, `stop <emne>`). */
export function watchAdded(topic: string, latest?: string): string {
  return (
    `Kanalen følger nu «${quoteQuestion(topic)}». Jeg skriver her, når emnet er på en ny dagsorden eller i et nyt referat.` +
    (latest ? ` Senest: ${latest}.` : '')
  );
}

export function watchExists(topic: string): string {
  return `Kanalen følger allerede «${quoteQuestion(topic)}».`;
}

export function watchList(topics: readonly string[]): string {
  if (topics.length === 0) return 'Kanalen følger ingen emner. Skriv «følg» og et emne, fx «følg fysioterapi».';
  return `Kanalen følger ${topics.map((t) => `«${quoteQuestion(t)}»`).join(', ')}. Skriv «stop» og emnet for at stoppe et.`;
}

export function watchRemoved(topic: string): string {
  return `Kanalen følger ikke længere «${quoteQuestion(topic)}».`;
}

export function watchUnknown(topic: string, topics: readonly string[]): string {
  return `Kanalen følger ikke «${quoteQuestion(topic)}». ${watchList(topics)}`;
}

export const WATCH_TOPIC_INVALID = 'Skriv et emne på et par ord efter «følg», fx «følg fysioterapi».';
export const WATCHES_UNAVAILABLE = 'Her kan jeg ikke følge emner; skriv til mig i en kanal eller chat.';

export function watchMatchHeading(topic: string, n: number): string {
  return `Nyt om «${quoteQuestion(topic)}»: ${count(n, 'punkt', 'punkter')} på en ny dagsorden eller i et nyt referat`;
}

/** `vis 7` when the thread's last answer showed fewer. */
export function showIndexText(shown: number): string {
  return shown > 0 ? `Skriv «vis 1»${shown > 1 ? ` til «vis ${shown}»` : ''} for et af de seneste resultater.` : 'Stil et spørgsmål først.';
}

/** Slack's assistant pane: the greeting of a new thread and the title over its suggested prompts. */
export const ASSISTANT_GREETING = 'Hej! Jeg finder svar i dagsordener og referater. Stil et spørgsmål, eller vælg et af forslagene.';
export const SUGGESTIONS_TITLE = 'Prøv fx';
