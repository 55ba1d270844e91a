/** The five regional councils (KKR) whose agendas the bot knows by name. */
export const KKR_COMMITTEES = [
  'KKR Hovedstaden',
  'KKR Sjælland',
  'KKR Syddanmark',
  'KKR Midtjylland',
  'KKR Nordjylland',
] as const;

/** `KKR Hovedstaden` → `kkr-hovedstaden`, for ids and file names. */
export function committeeSlug(committee: string): string {
  return committee
    .toLowerCase()
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .normalize('NFKD')
    .replace(/[^\p{Letter}\p{Number}]+/gu, '-')
    .replace(/^-|-$/g, '');
}

/** The committee an agenda text names most often, e.g. in `Det indstilles, at KKR Hovedstaden …`. */
export function detectCommittee(text: string): string | undefined {
  const counts = new Map<string, number>();
  // `KKR HOVEDSTADEN`, and older agendas' letter-spaced `K K R H O V E D S T A D E N` (read as `KKRHOVEDSTADEN`).
  for (const m of text.matchAll(/\bKKR[ -]?(Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b/giu)) {
    const region = m[1]!.toLowerCase();
    const name = KKR_COMMITTEES.find((c) => c.toLowerCase() === `kkr ${region}`)!;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  let best: string | undefined;
  let bestCount = 0;
  for (const [name, count] of counts) {
    if (count > bestCount) {
      best = name;
      bestCount = count;
    }
  }
  return best;
}

/**
 * The last word of a committee's name: `Økonomiudvalget`, `Kommunalbestyrelsen`, `Byrådet`,
 * `Borgerrepræsentationen`, `Handicaprådet`, `Klagenævnet` (definite or not).
 */
const BODY_WORD = String.raw`[\p{Lu}][\p{L}]*(?:udvalg(?:et)?|råd(?:et)?|bestyrelse(?:n)?|repræsentation(?:en)?|nævn(?:et)?|magistrat(?:en)?|komit[eé](?:en)?|kommission(?:en)?|forum|forummet|kontaktråd(?:et)?)`;
/** `Kultur- og`, `Klima-, Miljø- og`, `By-, Land- og`: the first parts of a joined name. */
const JOINED_PARTS = String.raw`(?:[\p{Lu}][\p{L}]*-,?\s+(?:og\s+)?)*`;
/** A word of what a committee is for (`Teknik`, `regional`, `udvikling`), not the words that follow its name (`den`, `kl.`). */
const FOR_WORD = String.raw`(?!(?:den|kl|i|på|d|om|fra|til|med|mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag)\b)[\p{L}][\p{L}-]*`;
/** `Udvalget for Teknik og Miljø`, `Udvalg for Børn, Unge og Familie`, `Udvalg for regional udvikling`. */
const FOR_NAME = String.raw`(?:Det\s+)?(?:[\p{Lu}][\p{L}]*\s+)?[Uu]dvalg(?:et)?\s+for\s+(?:${FOR_WORD}(?:,\s+|\s+og\s+|\s+)){0,5}${FOR_WORD}`;
const KKR_NAME = String.raw`KKR[ -](?:Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)`;

/** `Teknisk Udvalg`, `Socialt Udvalg`, `Det Rådgivende Råd`: an adjective before a separate body word. */
const ADJECTIVE_NAME = String.raw`(?:Det\s+)?[\p{Lu}][\p{L}]*\s+(?:Udvalg|Råd|Nævn|Forum)(?:et)?`;

/** A committee's name, in any of the forms above. */
export const COMMITTEE_NAME = String.raw`(?:${KKR_NAME}|${FOR_NAME}|${ADJECTIVE_NAME}|${JOINED_PARTS}${BODY_WORD})`;

const WHOLE_NAME = new RegExp(String.raw`^(${COMMITTEE_NAME})$`, 'u');

/** The line is a committee's name and nothing else (`Børne- og Skoleudvalget`, `Kommunalbestyrelsen`). */
export function isCommitteeName(line: string): boolean {
  const text = line.trim().replace(/\s+/g, ' ');
  return text.length <= 80 && WHOLE_NAME.test(text);
}
