/**
 * Builds the Teams app package: `npm run teams:package` → dist/moedebot-teams.zip (manifest.json,
 * color.png, outline.png). Upload it in Teams (Apps → Manage your apps → Upload an app) or in the
 * Teams Developer Portal. The bot id comes from TEAMS_APP_ID (.env); the publisher details can be
 * given as flags:
 *
 *   npm run teams:package -- --version 1.0.1 --developer "Kommune X" \
 *     --website https://… --privacy https://… --terms https://…
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { config as loadDotenv } from 'dotenv';
import { appPackage } from '../src/adapters/teams/app-package.js';
import { loadConfig } from '../src/config.js';
import { ConfigError } from '../src/errors.js';

loadDotenv({ quiet: true });

const PLACEHOLDER = 'https://example.com/moedebot';
const OUT = path.join('dist', 'moedebot-teams.zip');

try {
  const { values } = parseArgs({
    options: {
      version: { type: 'string' },
      developer: { type: 'string', default: 'mødebot' },
      website: { type: 'string', default: PLACEHOLDER },
      privacy: { type: 'string' },
      terms: { type: 'string' },
      out: { type: 'string', default: OUT },
    },
  });
  const config = loadConfig();
  const appId = config.teams?.appId;
  if (appId === undefined) {
    throw new ConfigError('TEAMS_APP_ID is not set; put the bot\'s app (client) id, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID in .env first.');
  }
  // A bare x.y.z from package.json; Teams needs a higher version for every upload that replaces the app.
  const pkgVersion = (JSON.parse(readFileSync('package.json', 'utf8')) as { version: string }).version.replace(/[-+].*$/, '');
  const website = values.website!;
  const zip = appPackage({
    appId,
    version: values.version ?? pkgVersion,
    developerName: values.developer!,
    websiteUrl: website,
    privacyUrl: values.privacy ?? website,
    termsOfUseUrl: values.terms ?? website,
  });
  mkdirSync(path.dirname(values.out!), { recursive: true });
  writeFileSync(values.out!, zip);
  console.log(`Wrote ${values.out} (${zip.length} bytes) for bot ${appId}. Upload it in Teams: Apps → Manage your apps → Upload an app.`);
  if (website === PLACEHOLDER) {
    console.warn('Note: the publisher URLs are placeholders; pass --website, --privacy and --terms before publishing it to your organisation.');
  }
} catch (error) {
  console.error(`teams:package: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
