import type { Page } from '@playwright/test';

/**
 * The paths for which Chromium would open its own HTTP login dialog from now on, as DevTools
 * reports them. Each such dialog is cancelled, so the page goes on as a user who closed it.
 */
export async function watchAuthDialogs(page: Page): Promise<string[]> {
  const cdp = await page.context().newCDPSession(page);
  const challenged: string[] = [];
  // The test may end, closing the page, before DevTools answers a late request: that is no failure.
  const ignoreClosed = () => {};
  cdp.on('Fetch.requestPaused', ({ requestId }) => void cdp.send('Fetch.continueRequest', { requestId }).catch(ignoreClosed));
  cdp.on('Fetch.authRequired', ({ requestId, request }) => {
    challenged.push(new URL(request.url).pathname);
    void cdp.send('Fetch.continueWithAuth', { requestId, authChallengeResponse: { response: 'CancelAuth' } }).catch(ignoreClosed);
  });
  await cdp.send('Fetch.enable', { handleAuthRequests: true, patterns: [{ urlPattern: '*' }] });
  return challenged;
}
