import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { strFromU8, unzipSync, unzlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appManifest, appPackage, MANIFEST_VERSION } from '../../../src/adapters/teams/app-package.js';
import { tempDir } from '../../helpers/temp-dir.js';

const APP_ID = '5b3a9c1e-7d44-4f0a-9b2e-1c8d6e0f4a21';
const OPTIONS = {
  appId: APP_ID,
  version: '1.2.3',
  developerName: 'Kommune X',
  websiteUrl: 'https://kommune.example/moedebot',
  privacyUrl: 'https://kommune.example/privatliv',
  termsOfUseUrl: 'https://kommune.example/vilkaar',
};

/** Width, height, colour type and the RGBA pixels of a PNG written without row filters. */
function decodePng(png: Uint8Array): { width: number; height: number; colorType: number; pixels: Uint8Array } {
  expect([...png.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  let at = 8;
  let width = 0, height = 0, colorType = -1;
  const idat: Uint8Array[] = [];
  while (at < png.length) {
    const len = view.getUint32(at);
    const type = strFromU8(png.subarray(at + 4, at + 8));
    const data = png.subarray(at + 8, at + 8 + len);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      colorType = data[9]!;
    }
    if (type === 'IDAT') idat.push(data);
    at += 12 + len;
  }
  const raw = unzlibSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (1 + width * 4)]).toBe(0);
    pixels.set(raw.subarray(y * (1 + width * 4) + 1, (y + 1) * (1 + width * 4)), y * width * 4);
  }
  return { width, height, colorType, pixels };
}

describe('Teams app package', () => {
  it('holds the manifest and both icons at the root of the zip', () => {
    const files = unzipSync(appPackage(OPTIONS));
    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(strFromU8(files['manifest.json']!)) as Record<string, any>;
    expect(manifest.manifestVersion).toBe(MANIFEST_VERSION);
    expect(manifest.$schema).toContain(`/v${MANIFEST_VERSION}/MicrosoftTeams.schema.json`);
    expect(manifest.id).toBe(APP_ID);
    expect(manifest.version).toBe('1.2.3');
    expect(manifest.bots).toEqual([expect.objectContaining({ botId: APP_ID, scopes: ['personal', 'team', 'groupChat'] })]);
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    // Follow-ups in a reply chain without an @mention need the channel's messages (resource-specific consent).
    expect(manifest.authorization.permissions.resourceSpecific).toEqual([{ name: 'ChannelMessage.Read.Group', type: 'Application' }]);
    expect(manifest.webApplicationInfo.id).toBe(APP_ID);
    expect(manifest.name.short.length).toBeLessThanOrEqual(30);
    expect(manifest.description.short.length).toBeLessThanOrEqual(80);
    for (const c of manifest.bots[0].commandLists[0].commands) expect(c.title.length).toBeLessThanOrEqual(32);
  });

  it('draws a 192×192 opaque colour icon and a 32×32 white-on-transparent outline icon', () => {
    const files = unzipSync(appPackage(OPTIONS));
    const color = decodePng(files['color.png']!);
    expect([color.width, color.height, color.colorType]).toEqual([192, 192, 6]);
    for (let i = 3; i < color.pixels.length; i += 4) expect(color.pixels[i]).toBe(255);

    const outline = decodePng(files['outline.png']!);
    expect([outline.width, outline.height, outline.colorType]).toEqual([32, 32, 6]);
    let drawn = 0;
    let transparent = 0;
    for (let i = 0; i < outline.pixels.length; i += 4) {
      const a = outline.pixels[i + 3]!;
      if (a === 0) transparent++;
      else {
        drawn++;
        expect([outline.pixels[i], outline.pixels[i + 1], outline.pixels[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(drawn).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(200);
  });

  it('refuses a bot id that is not a GUID and publisher links that are not https', () => {
    expect(() => appManifest({ ...OPTIONS, appId: 'mødebot' })).toThrow(/TEAMS_APP_ID/);
    expect(() => appManifest({ ...OPTIONS, privacyUrl: 'http://kommune.example' })).toThrow(/--privacy/);
  });

  it('is written to a zip by npm run teams:package with the bot id from the environment', () => {
    const out = path.join(tempDir('moedebot-'), 'moedebot-teams.zip');
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/teams-package.ts', '--out', out, '--version', '2.0.0'], {
      env: { PATH: process.env.PATH, TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'secret', TEAMS_TENANT_ID: '0e4f1b2c-3d5a-4e6f-8a9b-0c1d2e3f4a5b' },
      stdio: 'pipe',
    });
    const manifest = JSON.parse(strFromU8(unzipSync(fs.readFileSync(out))['manifest.json']!)) as { id: string; version: string };
    expect(manifest).toMatchObject({ id: APP_ID, version: '2.0.0' });
  });
});
