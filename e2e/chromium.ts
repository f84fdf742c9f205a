import { existsSync } from 'node:fs';
import { chromium } from '@playwright/test';

const HOW_TO_GET_ONE =
  'No Chromium found: run `npx playwright install chromium`, or `apt-get install -y chromium`, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE.';

/**
 * The Chromium to drive: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else the system's /usr/bin/chromium,
 * else Playwright's own download (undefined). Exits with one line when there is none.
 */
export function chromiumExecutable(): string | undefined {
  const chosen = process.env.PLAYWRIGHT_CHROMIUM_EXECUTABLE;
  if (chosen) {
    if (existsSync(chosen)) return chosen;
    console.error(`PLAYWRIGHT_CHROMIUM_EXECUTABLE=${chosen} does not exist. ${HOW_TO_GET_ONE}`);
    process.exit(1);
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (existsSync(chromium.executablePath())) return undefined;
  console.error(HOW_TO_GET_ONE);
  process.exit(1);
}
