import { AuthConfigError, getAuthConfig } from '@/lib/auth/config';

// Runs once when a server instance starts: the place to say, in one line, what is wrong with the
// auth environment. Routes then answer 500 with the same sentence instead of issuing tokens.
export function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    if (getAuthConfig().usingDevelopmentSecret) {
      console.warn('JWT_SECRET is not set: signing tokens with a fixed development secret. Set JWT_SECRET before deploying.');
    }
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    console.error(error.message);
  }
}
