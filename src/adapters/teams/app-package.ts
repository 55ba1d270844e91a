import { strToU8, zipSync } from 'fflate';
import { HELP_EXAMPLES } from '../../answer/help.js';
import { ACCENT, colorIcon, outlineIcon } from './icons.js';

/** Teams app manifest version written by `npm run teams:package`. */
export const MANIFEST_VERSION = '1.19';

export interface AppPackageOptions {
  /** The bot's Microsoft app (client) id, TEAMS_APP_ID; also used as the Teams app id. */
  appId: string;
  /** The app's version, x.y.z; raise it for every upload that should replace the last one. */
  version: string;
  developerName: string;
  websiteUrl: string;
  privacyUrl: string;
  termsOfUseUrl: string;
}

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Suggested commands in the compose box: help plus the examples short enough for a command title (≤ 32). */
function commands(): Array<{ title: string; description: string }> {
  return [
    { title: 'hjælp', description: 'Sådan spørger du mødebot' },
    ...HELP_EXAMPLES.filter((e) => e.question.length <= 32).map((e) => ({ title: e.question, description: e.explains.slice(0, 128) })),
  ].slice(0, 10);
}

/**
 * The Teams app manifest: one bot in personal, team and group-chat scope, Danish texts.
 * @throws Error naming the option when it cannot be valid (app id not a GUID, URL not https).
 */
export function appManifest(o: AppPackageOptions): Record<string, unknown> {
  if (!GUID.test(o.appId)) throw new Error('TEAMS_APP_ID must be the bot\'s app (client) id, a GUID such as 00000000-0000-0000-0000-000000000000.');
  if (!/^\d+\.\d+\.\d+$/.test(o.version)) throw new Error(`version must be x.y.z, not ${o.version}.`);
  for (const [name, url] of [['website', o.websiteUrl], ['privacy', o.privacyUrl], ['terms', o.termsOfUseUrl]] as const) {
    if (!/^https:\/\/\S+$/.test(url)) throw new Error(`--${name} must be an https URL.`);
  }
  return {
    $schema: `https://developer.microsoft.com/json-schemas/teams/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`,
    manifestVersion: MANIFEST_VERSION,
    version: o.version,
    id: o.appId,
    localizationInfo: { defaultLanguageTag: 'da-dk' },
    developer: { name: o.developerName, websiteUrl: o.websiteUrl, privacyUrl: o.privacyUrl, termsOfUseUrl: o.termsOfUseUrl },
    name: { short: 'mødebot', full: 'mødebot – svar fra KKR-dagsordener' },
    description: {
      short: 'Svar på spørgsmål om dagsordener fra KKR-møderne.',
      full:
        'mødebot finder det punkt på KKR-dagsordenerne, der svarer på dit spørgsmål, og viser indstillingen, ' +
        'den sætning der svarer, og et link til materialet. Spørg med fritekst, et sagsnummer (SAG-2025-01103) ' +
        'eller et punktnummer (punkt 4.3 fra juni 2024). I en kanal nævner du @mødebot; i en chat skriver du bare.',
    },
    icons: { color: 'color.png', outline: 'outline.png' },
    accentColor: ACCENT,
    bots: [
      {
        botId: o.appId,
        scopes: ['personal', 'team', 'groupChat'],
        supportsFiles: false,
        isNotificationOnly: false,
        commandLists: [{ scopes: ['personal', 'team', 'groupChat'], commands: commands() }],
      },
    ],
    validDomains: [],
    // Resource-specific consent: the team owner lets the bot read its channels' messages, so a
    // follow-up in a reply chain the bot answered in reaches it without an @mention (the bot
    // answers only those, and mentions). Needs the bot's app id as the web application.
    webApplicationInfo: { id: o.appId, resource: 'https://RscPermission' },
    authorization: { permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] } },
  };
}

/** The app package Teams accepts for upload: manifest.json and the two icons at the root of a zip. */
export function appPackage(o: AppPackageOptions): Uint8Array {
  return zipSync(
    {
      'manifest.json': strToU8(JSON.stringify(appManifest(o), null, 2)),
      'color.png': colorIcon(),
      'outline.png': outlineIcon(),
    },
    { level: 9 },
  );
}
