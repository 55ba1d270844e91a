/** Longest recommendation the digest shows before cutting it off. */
export const MAX_RECOMMENDATION_CHARS = 240;

/**
 * A recommendation (*Indstilling*) shortened for the digest: whitespace collapsed, then the first
 * sentence or two, cut at a word boundary with `…` when still too long. Bullet points
 * (`– Drøfter …`) are kept inline, as they read as one sentence in Danish agendas. The opening
 * formula `Det indstilles, at` is dropped.
 *
 * @example shortenRecommendation('Det indstilles, at KKR Hovedstaden\n– godkender fordelingen.')
 *   // → 'KKR Hovedstaden – godkender fordelingen.'
 */
export function shortenRecommendation(text: string, max: number = MAX_RECOMMENDATION_CHARS): string {
  // Every recommendation opens with the same formula; the digest has no room for it.
  const body = text.replace(/\s+/g, ' ').trim().replace(/^Det indstilles,? at\s+/i, '');
  const flat = body.charAt(0).toUpperCase() + body.slice(1);
  if (flat.length <= max) return flat;
  // Sentence ends: a full stop followed by a capital or a bullet, not `kl. 10` or `nr. 3`.
  const ends = [...flat.matchAll(/[.!?](?=\s+(?:[A-ZÆØÅ]|[–-]\s))/g)].map((m) => m.index + 1);
  const fitting = ends.filter((end) => end <= max);
  if (fitting.length > 0) {
    const end = fitting[fitting.length - 1]!;
    // Keep a short first sentence only when it says something on its own.
    if (end >= 40) return flat.slice(0, end);
  }
  const cut = flat.slice(0, max - 1);
  const space = cut.lastIndexOf(' ');
  return `${(space > max / 2 ? cut.slice(0, space) : cut).replace(/[\s,;:–-]+$/, '')}…`;
}
