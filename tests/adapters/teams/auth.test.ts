import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openEngine } from '../../../src/answer/engine.js';
import type { AnswerEngine } from '../../../src/answer/types.js';
import { startTeams, type TeamsAdapter } from '../../../src/adapters/teams/start.js';
import { ConfigError } from '../../../src/errors.js';
import { loadConfig } from '../../../src/config.js';
import { createLogger } from '../../../src/log.js';
import { channelMessage, personalMessage } from '../../stand-ins/teams-activities.js';
import { FakeConnector } from '../../stand-ins/bot-connector.js';
import { tempDir } from '../../helpers/temp-dir.js';

const logger = createLogger('silent');
const APP_ID = '5b3a9c1e-7d44-4f0a-9b2e-1c8d6e0f4a21';
const TENANT_ID = '0e4f1b2c-3d5a-4e6f-8a9b-0c1d2e3f4a5b';

let engine: AnswerEngine;
let connector: FakeConnector;
let teams: TeamsAdapter;
let dataDir: string;

/** A JWT-shaped token (header.payload.signature) that is not signed by anyone. */
function unsignedJwt(payload: Record<string, unknown>): string {
  const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');
  return `${b64({ alg: 'RS256', typ: 'JWT', kid: 'nokey' })}.${b64(payload)}.${Buffer.from('not-a-signature').toString('base64url')}`;
}

beforeAll(async () => {
  dataDir = tempDir('moedebot-');
  engine = await openEngine({ corpusDir: 'corpus', dataDir });
  connector = await new FakeConnector().start();
  // Exactly what loadConfig produces from the three Teams variables.
  const config = loadConfig({ TEAMS_APP_ID: APP_ID, TEAMS_APP_PASSWORD: 'client-secret-value', TEAMS_TENANT_ID: TENANT_ID, TEAMS_PORT: '0' });
  expect(config.teams?.allowUnauthenticated).toBe(false);
  teams = await startTeams(engine, config.teams!, logger, { dataDir, host: '127.0.0.1' });
});

afterAll(async () => {
  await teams?.stop();
  await connector?.stop();
});

async function post(activity: Record<string, unknown>, authorization?: string): Promise<Response> {
  return fetch(`http://127.0.0.1:${teams.port}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(authorization !== undefined ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });
}

describe('Teams adapter with credentials', () => {
  it('refuses an activity without an Authorization header (401) and answers nothing', async () => {
    const res = await post(personalMessage({ serviceUrl: connector.url, text: 'fysioterapi' }));
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('refuses a bearer token that is not a JWT', async () => {
    const res = await post(channelMessage({ serviceUrl: connector.url, text: 'fysioterapi' }), 'Bearer garbage');
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('refuses a header that is not a bearer token', async () => {
    const basic = await post(personalMessage({ serviceUrl: connector.url, text: 'fysioterapi' }), 'Basic dXNlcjpwYXNz');
    expect(basic.status).toBe(401);
    const empty = await post(personalMessage({ serviceUrl: connector.url, text: 'fysioterapi' }), 'Bearer');
    expect(empty.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('refuses a JWT issued for another bot (its audience is checked before any signing key is needed)', async () => {
    const token = unsignedJwt({ aud: 'a-different-bot', iss: 'https://api.botframework.com', exp: Math.floor(Date.now() / 1000) + 600 });
    const res = await post(personalMessage({ serviceUrl: connector.url, text: 'fysioterapi' }), `Bearer ${token}`);
    expect(res.status).toBe(401);
    expect(connector.calls).toHaveLength(0);
  });

  it('does not keep conversations from refused requests', async () => {
    expect(fs.existsSync(path.join(dataDir, 'teams-conversations.json'))).toBe(false);
  });
});

describe('Teams adapter start-up', () => {
  it('will not start without credentials unless development mode is asked for', async () => {
    await expect(startTeams(engine, { port: 0, allowUnauthenticated: false }, logger, { dataDir })).rejects.toBeInstanceOf(ConfigError);
    await expect(startTeams(engine, { appId: APP_ID, port: 0, allowUnauthenticated: false }, logger, { dataDir })).rejects.toThrow(
      /TEAMS_APP_PASSWORD/,
    );
  });

  it('accepts unauthenticated requests only in explicit development mode, which production refuses', () => {
    expect(loadConfig({ TEAMS_PORT: '0' }).teams).toBeUndefined();
    expect(loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true' }).teams?.allowUnauthenticated).toBe(true);
    expect(() => loadConfig({ TEAMS_ALLOW_UNAUTHENTICATED: 'true', NODE_ENV: 'production' })).toThrow(ConfigError);
  });

  it('closes its HTTP server on stop()', async () => {
    const dev = await startTeams(engine, { port: 0, allowUnauthenticated: true }, logger, { dataDir, host: '127.0.0.1' });
    const url = `http://127.0.0.1:${dev.port}/api/messages`;
    expect((await fetch(url)).status).toBe(405);
    await dev.stop();
    await expect(fetch(url)).rejects.toThrow();
  });
});
