import 'server-only';
import { getAuthConfig } from './auth/config';
import { getTrustProxy } from './http/forwarded';
import { getStoreChoice } from './store/config';
import { getUsersConfig } from './users/config';

/**
 * What a server should be told once, when it starts: each line says what is missing and what to
 * set, for production only. Throws AuthConfigError, in any environment, for a configuration that
 * cannot run at all.
 */
export function startupWarnings(production: boolean): string[] {
  const config = getAuthConfig();
  const users = getUsersConfig();
  const store = getStoreChoice();
  const trustProxy = getTrustProxy();
  const warnings: string[] = [];
  if (!production) return warnings;
  if (config.usingTutorialPassword) {
    warnings.push("DEMO_PASSWORD is not set: GET /login (the tutorial's) gives a token to any username with the tutorial's password. Set it before real use.");
  }
  if (store.kind === 'none') {
    warnings.push('No store is configured (REDIS_URL): the session routes answer 503, and GET /login counts its failures in this process\'s memory only.');
  }
  if (users.noUsers) {
    warnings.push('SEED_USERS is not set: no user can log in to a session. Set it to "alice:admin:<password or argon2id hash>;…".');
  }
  if (!trustProxy) {
    warnings.push('No trusted proxy (TRUST_PROXY=1, or Vercel): failed logins are throttled per name (and GET /login\'s as a whole), not per client IP.');
  }
  return warnings;
}
