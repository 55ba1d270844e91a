import type { AuthConfiguration, Request, WebResponse } from '@microsoft/agents-hosting';
import { ConfigError } from '../../errors.js';
import type { TeamsConfig } from '../../config.js';

/**
 * How requests to /api/messages are authenticated, made explicit.
 *
 * The SDK's `authorizeJWT` decides by itself: a request without an Authorization header is let in
 * as "anonymous" whenever no client id is configured and NODE_ENV is not `production`. That makes
 * the security of the endpoint depend on whether a variable happens to be set. mødebot decides
 * from `TeamsConfig` instead:
 *
 * - `authenticated` (TEAMS_APP_ID, TEAMS_APP_PASSWORD, TEAMS_TENANT_ID set): a request without a
 *   bearer token is refused here with 401 before the SDK sees it; a token is verified by the SDK
 *   (signature against Microsoft's published keys, audience = the app id, issuer, expiry).
 *   Replies are sent with a token the SDK gets for the app registration.
 * - `development` (only with `allowUnauthenticated`, which config.ts refuses under
 *   NODE_ENV=production): requests without a token are accepted as anonymous and replies are sent
 *   without a token, so nothing contacts login.microsoftonline.com. A request that does carry a
 *   token is still verified, and fails unless credentials are configured.
 */
export type AuthMode = 'authenticated' | 'development';

export function authMode(config: TeamsConfig): AuthMode {
  if (config.allowUnauthenticated) return 'development';
  if (!config.appId || !config.appPassword || !config.tenantId) {
    throw new ConfigError(
      'Teams needs TEAMS_APP_ID, TEAMS_APP_PASSWORD and TEAMS_TENANT_ID (or TEAMS_ALLOW_UNAUTHENTICATED=true for local development only).',
    );
  }
  return 'authenticated';
}

const CONNECTION = 'moedebot';

/**
 * The SDK configuration for our one app registration. It is passed as an explicit connection so
 * the SDK's own environment variables (`clientId`, `Connections__…`) cannot change who we are.
 */
export function authConfiguration(config: TeamsConfig): AuthConfiguration {
  const connection: AuthConfiguration = {
    clientId: config.appId,
    clientSecret: config.appPassword,
    tenantId: config.tenantId,
    // Tokens must come from Bot Framework or our own tenant (the SDK builds the authority and the
    // issuer list from tenantId); issuer checking is opt-in in the SDK.
    validateIssuer: true,
  };
  return {
    ...connection,
    connections: new Map([[CONNECTION, connection]]),
    connectionsMap: [{ serviceUrl: '*', connection: CONNECTION }],
  };
}

function hasAuthorization(req: Request): boolean {
  const h = req.headers.authorization;
  return Array.isArray(h) ? h.some((v) => v.trim() !== '') : typeof h === 'string' && h.trim() !== '';
}

/**
 * Runs before the SDK: returns true when the request may be processed. `verify` is the SDK's
 * JWT check (`CloudAdapter.authorizeRequest`), which answers 401 itself on a bad token.
 */
export async function authenticate(
  mode: AuthMode,
  req: Request,
  res: WebResponse,
  verify: (req: Request, res: WebResponse, next: (err?: unknown) => void) => Promise<void>,
): Promise<boolean> {
  if (!hasAuthorization(req)) {
    if (mode === 'development') {
      // No `aud` claim: the SDK sends replies without fetching a token.
      req.user = { name: 'anonymous' };
      return true;
    }
    res.status(401).send({ error: 'authorization header not found' });
    return false;
  }
  let passed = false;
  let failure: unknown;
  await verify(req, res, (err?: unknown) => {
    passed = err === undefined;
    failure = err;
  });
  if (failure !== undefined) throw failure;
  return passed && !res.headersSent;
}
