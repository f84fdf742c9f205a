import 'server-only';
import { getAuthConfig } from './auth/config';
import { getTrustProxy } from './http/forwarded';
import { getStoreChoice } from './store/config';
import { getUsersConfig } from './users/config';

/**
 * What a server should be told once, when it starts: each line says what is missing and what to
 * set, for production only, but for where the records are kept when Redis is set without a
 * database. Throws AuthConfigError, in any environment, for a configuration that cannot run at all.
 */
export function startupWarnings(production: boolean): string[] {
  const config = getAuthConfig();
  const users = getUsersConfig();
  const store = getStoreChoice();
  const trustProxy = getTrustProxy();
  const warnings: string[] = [];
  if (!production) {
    if (store.kind === 'stores' && store.ephemeral.kind === 'redis' && store.records.kind === 'memory') {
      warnings.push("Sessions are in Redis (REDIS_URL), but users and to-dos are in this process's memory until DATABASE_URL is set: they are lost on every restart.");
    }
    return warnings;
  }
  if (config.usingTutorialPassword) {
    warnings.push("DEMO_PASSWORD is not set: GET /login (the tutorial's) gives a token to any username with the tutorial's password. Set it before real use.");
  }
  if (store.kind === 'none' && store.redisWithoutDatabase) {
    warnings.push('REDIS_URL is set but DATABASE_URL is not: Redis keeps sessions only, not the users and to-dos, so the session routes answer 503. Set DATABASE_URL to a PostgreSQL and run npm run db:migrate.');
  } else if (store.kind === 'none') {
    warnings.push('No store is configured (DATABASE_URL): the session routes answer 503, and GET /login counts its failures in this process\'s memory only.');
  }
  if (users.noUsers) {
    warnings.push('SEED_USERS is not set: no user can log in to a session. Set it to "alice:admin:<password or argon2id hash>;…".');
  }
  if (!trustProxy) {
    warnings.push('No trusted proxy (TRUST_PROXY=1, or Vercel): failed logins are throttled per name (and GET /login\'s as a whole), not per client IP.');
  }
  return warnings;
}
