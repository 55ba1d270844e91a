/**
 * Danish letters as users type them without a Danish keyboard: `æ`→`ae`, `ø`→`oe`, `å`→`aa`.
 * Index and query terms are folded the same way so `aeldre` finds `ældre`.
 */
export function foldDanish(term: string): string {
  return term
    .replace(/æ/g, 'ae')
    .replace(/ø/g, 'oe')
    .replace(/å/g, 'aa')
    .replace(/[éèê]/g, 'e')
    .replace(/[äá]/g, 'a')
    .replace(/[öó]/g, 'o')
    .replace(/ü/g, 'u');
}

/**
 * The spelling with Danish letters of a term typed without them (`aeldre` → `ældre`), so the
 * stemmer sees the real word; undefined when the term has no such digraph.
 */
export function unfoldDanish(term: string): string | undefined {
  if (!/ae|oe|aa/.test(term)) return undefined;
  return term.replace(/ae/g, 'æ').replace(/oe/g, 'ø').replace(/aa/g, 'å');
}
