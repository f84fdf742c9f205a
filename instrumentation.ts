import { AuthConfigError, getAuthConfig } from '@/lib/auth/config';

// Runs once when a server instance starts: the place to say, in one line, what is wrong with the
// auth environment. Routes then answer 500 with the same sentence instead of issuing tokens.
export function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  try {
    const config = getAuthConfig();
    if (config.usingTutorialPassword && process.env.NODE_ENV === 'production') {
      console.warn('DEMO_PASSWORD and DEMO_USERS are not set: any username logs in with the tutorial\'s password. Set one of them before real use.');
    }
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    console.error(error.message);
  }
}
