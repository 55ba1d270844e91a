import { committeeSlug } from './committees.js';

/**
 * The public authorities whose meeting material the bot reads: Denmark's 98 municipalities and 5
 * regions (KL publishes the KKR material and is not named as a publisher: the KKR's name says it).
 * Data, not logic: the official names, with the forms the material writes them in.
 */
const MUNICIPALITIES = [
  'Albertslund', 'Allerød', 'Assens', 'Ballerup', 'Billund', 'Bornholm', 'Brøndby', 'Brønderslev', 'Dragør', 'Egedal',
  'Esbjerg', 'Fanø', 'Favrskov', 'Faxe', 'Fredensborg', 'Fredericia', 'Frederiksberg', 'Frederikshavn', 'Frederikssund',
  'Furesø', 'Faaborg-Midtfyn', 'Gentofte', 'Gladsaxe', 'Glostrup', 'Greve', 'Gribskov', 'Guldborgsund', 'Haderslev',
  'Halsnæs', 'Hedensted', 'Helsingør', 'Herlev', 'Herning', 'Hillerød', 'Hjørring', 'Holbæk', 'Holstebro', 'Horsens',
  'Hvidovre', 'Høje-Taastrup', 'Hørsholm', 'Ikast-Brande', 'Ishøj', 'Jammerbugt', 'Kalundborg', 'Kerteminde', 'Kolding',
  'København', 'Køge', 'Langeland', 'Lejre', 'Lemvig', 'Lolland', 'Lyngby-Taarbæk', 'Læsø', 'Mariagerfjord', 'Middelfart',
  'Morsø', 'Norddjurs', 'Nordfyns', 'Nyborg', 'Næstved', 'Odder', 'Odense', 'Odsherred', 'Randers', 'Rebild',
  'Ringkøbing-Skjern', 'Ringsted', 'Roskilde', 'Rudersdal', 'Rødovre', 'Samsø', 'Silkeborg', 'Skanderborg', 'Skive',
  'Slagelse', 'Solrød', 'Sorø', 'Stevns', 'Struer', 'Svendborg', 'Syddjurs', 'Sønderborg', 'Thisted', 'Tønder', 'Tårnby',
  'Vallensbæk', 'Varde', 'Vejen', 'Vejle', 'Vesthimmerlands', 'Viborg', 'Vordingborg', 'Ærø', 'Aabenraa', 'Aalborg', 'Aarhus',
] as const;
const REGIONS = ['Hovedstaden', 'Sjælland', 'Syddanmark', 'Midtjylland', 'Nordjylland'] as const;

interface Publisher {
  name: string;
  /** How the text writes it: `Odense Kommune`, `Odense Kommunes`, `Københavns Kommune`. */
  pattern: RegExp;
  /** Slugs a file or host name may carry: `odense`, `roedovre`, `rodovre`. */
  slugs: string[];
}

function asciiSlug(name: string): string {
  return name.toLowerCase().replace(/æ/g, 'ae').replace(/ø/g, 'o').replace(/å/g, 'a').replace(/[^a-z]+/g, '-');
}

const PUBLISHERS: Publisher[] = [
  ...MUNICIPALITIES.map((m) => {
    const name = m === 'Bornholm' ? 'Bornholms Regionskommune' : m === 'København' ? 'Københavns Kommune' : `${m} Kommune`;
    const written = m === 'Bornholm' ? String.raw`Bornholms\s+Regionskommunes?` : m === 'København' ? String.raw`Københavns\s+Kommunes?` : String.raw`${m}\s+Kommunes?`;
    return { name, pattern: new RegExp(String.raw`(?<![\p{L}-])${written}(?![\p{L}])`, 'gu'), slugs: [committeeSlug(m), asciiSlug(m)] };
  }),
  ...REGIONS.map((r) => ({ name: `Region ${r}`, pattern: new RegExp(String.raw`(?<![\p{L}-])Region\s+${r}s?(?![\p{L}])`, 'gu'), slugs: [`region-${committeeSlug(r)}`, `region${asciiSlug(r)}`] })),
];

/** Short host names that do not spell the municipality out (`rk.dk` is Rødovre, `brk.dk` Bornholm). */
const HOST_ALIASES: Record<string, string> = { rk: 'Rødovre Kommune', brk: 'Bornholms Regionskommune', kk: 'Københavns Kommune', regionh: 'Region Hovedstaden', regionsjaelland: 'Region Sjælland', rm: 'Region Midtjylland', rn: 'Region Nordjylland', rsyd: 'Region Syddanmark' };

/** The publisher a file's name starts with (`roedovre-kommunalbestyrelsen-2019-09-24.txt`). */
function fromFileName(file: string): string | undefined {
  const base = file.split('/').pop()!.toLowerCase();
  let best: Publisher | undefined;
  for (const p of PUBLISHERS) {
    for (const slug of p.slugs) {
      if ((base === slug || /^[-_.]/.test(base.slice(slug.length))) && base.startsWith(slug) && slug.length > (best?.slugs[0]!.length ?? 0)) best = p;
    }
  }
  return best?.name;
}

/** The publisher of a web address: `www.aabenraa.dk`, `kommune.viborg.dk`, `dagsorden-og-referater.brk.dk`. */
export function publisherFromUrl(url: string): string | undefined {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return undefined;
  }
  const labels = host.replace(/\.dk$/, '').split('.');
  for (const label of labels.reverse()) {
    if (HOST_ALIASES[label]) return HOST_ALIASES[label];
    const found = PUBLISHERS.find((p) => p.slugs.some((s) => s.replace(/-/g, '') === label.replace(/-/g, '') || `${s.replace(/-/g, '')}kommune` === label));
    if (found) return found.name;
  }
  return undefined;
}

/**
 * Who published a document: from its file name or address when they name a municipality or
 * region, else the authority the text names most often as `X Kommune` (at least twice, so one
 * mention of a neighbour does not decide).
 */
export function detectPublisher(text: string, file: string, url?: string): string | undefined {
  const named = fromFileName(file) ?? (url ? publisherFromUrl(url) : undefined);
  if (named) return named;
  let best: string | undefined;
  let bestCount = 1;
  let tie = false;
  for (const p of PUBLISHERS) {
    const count = [...text.matchAll(p.pattern)].length;
    if (count > bestCount) {
      best = p.name;
      bestCount = count;
      tie = false;
    } else if (count === bestCount && best !== undefined) tie = true;
  }
  return tie ? undefined : best;
}
