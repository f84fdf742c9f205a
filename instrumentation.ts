// Runs once when a server instance starts: the place to say, in one line each, what is wrong or
// missing in the environment. Routes then answer 500 with the same sentence instead of issuing tokens.
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  // Imported here, not above: the edge build of this file must not reach Node-only modules.
  const { AuthConfigError } = await import('./lib/auth/config');
  const { startupWarnings } = await import('./lib/startup');
  try {
    for (const line of startupWarnings(process.env.NODE_ENV === 'production')) console.warn(line);
  } catch (error) {
    if (!(error instanceof AuthConfigError)) throw error;
    console.error(error.message);
  }
}
