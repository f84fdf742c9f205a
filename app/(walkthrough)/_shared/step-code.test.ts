import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { declarationOf } from './source-excerpt';
import { STEP_CODE } from './step-code';

describe('STEP_CODE', () => {
  it('names only code that exists, so every step shows real lines', () => {
    for (const { file, symbol } of Object.values(STEP_CODE).flat()) {
      const source = readFileSync(file, 'utf8');
      if (symbol !== undefined) expect(declarationOf(source, symbol), `${file} ${symbol}`).not.toBeNull();
    }
  });

  it('shows the gate for every refusal by the gate, and the route that verifies again for a 200', () => {
    for (const step of ['missing', 'invalid', 'expired', 'tampered', 'alg-none'] as const) {
      expect(STEP_CODE[step][0]).toEqual({ file: 'middleware.ts' });
    }
    expect(STEP_CODE.valid).toContainEqual({ file: 'app/(api)/protected/route.ts' });
    expect(STEP_CODE.valid).toContainEqual({ file: 'lib/auth/token.ts', symbol: 'verifyToken' });
    expect(STEP_CODE.login[0]).toEqual({ file: 'app/(api)/login/route.ts' });
  });

  it('shows the gate and the route’s session check wherever a session token meets /protected', () => {
    for (const step of ['session-protected', 'logout'] as const) {
      expect(STEP_CODE[step]).toContainEqual({ file: 'middleware.ts' });
      expect(STEP_CODE[step]).toContainEqual({ file: 'lib/auth/index.ts', symbol: 'checkToken' });
      expect(STEP_CODE[step]).toContainEqual({ file: 'lib/session/lookup.ts', symbol: 'sessionLookup' });
    }
  });

  it('shows each session route beside the step that calls it, and the page’s own lock for refreshing', () => {
    expect(STEP_CODE['session-login'][0]).toEqual({ file: 'app/(api)/auth/login/route.ts' });
    expect(STEP_CODE.refresh[0]).toEqual({ file: 'app/(api)/auth/refresh/route.ts' });
    expect(STEP_CODE.refresh).toContainEqual({ file: 'app/(walkthrough)/_sessions/session-store.ts', symbol: 'oneAtATime' });
    expect(STEP_CODE.logout[0]).toEqual({ file: 'app/(api)/auth/logout/route.ts' });
    expect(STEP_CODE.replay[0]).toEqual({ file: 'app/(api)/auth/demo/replay/route.ts' });
    expect(STEP_CODE.csrf).toContainEqual({ file: 'lib/session/csrf.ts', symbol: 'checkCsrfToken' });
  });

  it('shows the JWKS route and the Flask API that verifies with its keys beside the step about other services', () => {
    expect(STEP_CODE['other-services'][0]).toEqual({ file: 'app/(api)/.well-known/jwks.json/route.ts' });
    expect(STEP_CODE['other-services']).toContainEqual({ file: 'lib/auth/index.ts', symbol: 'jwksResponse' });
    expect(STEP_CODE['other-services']).toContainEqual({ file: 'examples/flask-api/app.py', symbol: 'token_required' });
  });
});
