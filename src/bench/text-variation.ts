import type { Random } from './prng.js';

/**
 * Rewrites harvested seed text for another council, year and municipality, and varies numbers
 * and some compound words, so synthetic items read like agendas without being copies.
 */

/** The region word of each council (`KKR Sjælland` → `Sjælland`). */
export function regionWord(committee: string): string {
  return committee.replace(/^KKR\s+/, '');
}

/** A sample of municipalities per region, enough for variety. */
export const MUNICIPALITIES: Record<string, readonly string[]> = {
  Hovedstaden: ['Københavns', 'Frederiksberg', 'Gentofte', 'Gladsaxe', 'Lyngby-Taarbæk', 'Hillerød', 'Helsingør', 'Ballerup', 'Albertslund', 'Rudersdal', 'Furesø', 'Hvidovre', 'Tårnby', 'Egedal', 'Gribskov'],
  Sjælland: ['Roskilde', 'Køge', 'Næstved', 'Holbæk', 'Slagelse', 'Guldborgsund', 'Kalundborg', 'Ringsted', 'Sorø', 'Greve', 'Faxe', 'Vordingborg', 'Lolland', 'Odsherred', 'Solrød'],
  Syddanmark: ['Odense', 'Esbjerg', 'Vejle', 'Kolding', 'Svendborg', 'Sønderborg', 'Aabenraa', 'Fredericia', 'Middelfart', 'Haderslev', 'Nyborg', 'Varde', 'Billund', 'Tønder', 'Assens'],
  Midtjylland: ['Aarhus', 'Randers', 'Silkeborg', 'Herning', 'Horsens', 'Viborg', 'Holstebro', 'Skanderborg', 'Ikast-Brande', 'Favrskov', 'Syddjurs', 'Norddjurs', 'Hedensted', 'Skive', 'Lemvig'],
  Nordjylland: ['Aalborg', 'Hjørring', 'Frederikshavn', 'Thisted', 'Vesthimmerlands', 'Mariagerfjord', 'Jammerbugt', 'Brønderslev', 'Rebild', 'Morsø', 'Læsø'],
};

/** Heads that Danish agenda compounds often start with (`sundheds|aftale`, `klima|indsats`). */
const COMPOUND_HEADS = [
  'sundheds', 'børne', 'ældre', 'social', 'erhvervs', 'klima', 'trafik', 'bolig', 'uddannelses', 'beskæftigelses',
  'regions', 'drifts', 'anlægs', 'budget', 'kvalitets', 'data', 'vækst', 'natur', 'vand', 'energi', 'miljø', 'kultur',
  'skole', 'fritids', 'integrations', 'handicap', 'psykiatri', 'borger', 'medarbejder', 'rekrutterings', 'forsynings',
  'mobilitets', 'digitaliserings', 'samarbejds', 'udviklings', 'kapacitets', 'implementerings', 'tilsyns', 'visitations', 'pleje',
];
const NOUN_TAIL = /^[a-zæøå]{3,}(?:aftale|aftalen|plan|planen|indsats|indsatsen|strategi|strategien|tilbud|tilbuddet|udvalg|udvalget|reform|reformen|pulje|puljen|område|området|analyse|analysen|proces|processen|ramme|rammen|opgave|opgaver|opgaverne|samarbejde|samarbejdet|forløb|projekt|projektet|program|programmet|model|modeller|ordning|ordningen|ning|ningen|else|elsen|hed|heden)$/;

export interface VariationContext {
  committee: string;
  /** Year of the synthetic meeting. */
  year: number;
  /** Year of the seed text being varied. */
  seedYear: number;
  rng: Random;
}

const OTHER_REGIONS = /\b(Hovedstaden|Sjælland|Syddanmark|Midtjylland|Nordjylland)(s?)\b/g;
const MUNICIPALITY = /\b[\p{Lu}][\p{L}-]+ Kommune\b/gu;
const YEAR = /\b(19[89]\d|20[0-4]\d)\b/g;
/** A number not glued to another (`SAG-2025-01103` stays whole); times, item references and day numbers are told apart. */
const NUMBER = /(?<![\u0000\d.,\p{L}-])(kl\. |nr\. |punkt |dagsordenspunkt )?(\d+(?:[.,]\d+)*)(?![\d\p{L}])(\.\s+(?:januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december))?/gu;
const WORD = /(?<![\p{L}\d-])[a-zæøå]{8,}(?![\p{L}\d])/gu;

function randomDigits(rng: Random, shape: string): string {
  let out = '';
  for (let i = 0; i < shape.length; i++) {
    const ch = shape[i]!;
    if (ch < '0' || ch > '9') out += ch;
    else out += String(i === 0 && ch !== '0' ? rng.int(1, 9) : rng.int(0, 9));
  }
  return out;
}

/**
 * Varies one sentence or title: the council and region become the meeting's, municipalities are
 * swapped for ones of that region, years move with the meeting, other numbers change with
 * probability `numberShare`, and some nouns become compounds (`aftalen` → `klimaaftalen`).
 */
export function varyText(text: string, ctx: VariationContext, numberShare = 0.6, compoundShare = 0.05): string {
  const region = regionWord(ctx.committee);
  const rng = ctx.rng;
  const municipalities = MUNICIPALITIES[region] ?? MUNICIPALITIES.Hovedstaden!;
  const shift = ctx.year - ctx.seedYear;
  let out = text.replace(OTHER_REGIONS, (_m, _r: string, s: string) => `${region}${s}`);
  out = out.replace(MUNICIPALITY, () => `${rng.pick(municipalities)} Kommune`);
  // Years first, marked so the number pass leaves them alone.
  out = out.replace(YEAR, (y) => `\u0000${Number(y) + shift}`);
  out = out.replace(NUMBER, (whole, prefix: string | undefined, num: string, month: string | undefined) => {
    if (prefix !== undefined || !rng.chance(numberShare)) return whole;
    if (month !== undefined) return `${rng.int(1, 28)}${month}`;
    return randomDigits(rng, num);
  });
  out = out.replace(/\u0000/g, '');
  if (compoundShare > 0) {
    out = out.replace(WORD, (word) => (NOUN_TAIL.test(word) && rng.chance(compoundShare) ? `${rng.pick(COMPOUND_HEADS)}${word}` : word));
  }
  return out;
}
