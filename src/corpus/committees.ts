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
  for (const m of text.matchAll(/\bKKR[ -](Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)\b/g)) {
    const name = `KKR ${m[1]}`;
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
