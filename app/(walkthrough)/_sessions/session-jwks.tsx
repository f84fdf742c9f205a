'use client';

import type { JSONWebKeySet } from 'jose';
import { useState } from 'react';
import { shortenToken, oneCharacterChanged } from '../_shared/jwt-display';
import { recordStep } from '../_shared/progress-store';
import type { ApiRequest } from '../_shared/route-requests';
import { SendAction } from '../_shared/send-action';
import action from '../_shared/send-action.module.css';
import { sendRequest } from '../_shared/send-request';
import { verifyWithJwks, type JwksVerdict } from './jwks-check';
import styles from './session-jwks.module.css';
import { useSession } from './session-store';

const JWKS_REQUEST: ApiRequest<'/.well-known/jwks.json'> = { path: '/.well-known/jwks.json', url: '/.well-known/jwks.json', headers: {} };

type Check = { token: string; forged: boolean } & ({ state: 'checking' } | { state: 'done'; verdict: JwksVerdict } | { state: 'failed'; why: string });

/**
 * Step 7: the JWKS, fetched as another service would, then the session's access token verified
 * with it in the browser, and the same token with one character of its payload changed.
 */
export function JwksCheck() {
  const { lastAccess } = useSession();
  const [jwks, setJwks] = useState<JSONWebKeySet | null>(null);
  const [check, setCheck] = useState<Check | null>(null);

  async function verify(forged: boolean) {
    if (!jwks || !lastAccess) return;
    const token = forged ? oneCharacterChanged(lastAccess.token) : lastAccess.token;
    // Browsers offer crypto.subtle only in a secure context: over plain http to another host, none.
    if (!crypto.subtle) return setCheck({ token, forged, state: 'failed', why: 'No WebCrypto here: browsers offer it only over HTTPS or on localhost.' });
    setCheck({ token, forged, state: 'checking' });
    try {
      const verdict = await verifyWithJwks(token, jwks);
      setCheck({ token, forged, state: 'done', verdict });
      if (verdict.ok && !forged) recordStep('other-services');
    } catch {
      setCheck({ token, forged, state: 'failed', why: 'The check did not run: reload the page and try again.' });
    }
  }

  const ready = jwks !== null && lastAccess !== null;
  return (
    <>
      <SendAction
        title="GET /.well-known/jwks.json"
        disabled={false}
        expected={() => ({ status: 200 })}
        send={async () => {
          const exchange = await sendRequest(JWKS_REQUEST);
          if (exchange.answer.ok) setJwks(exchange.answer.body);
          return exchange;
        }}
      />
      <div className={action.action}>
        <p className={action.sendRow}>
          <button type="button" disabled={!ready} onClick={() => void verify(false)}>
            Verify the session’s access token
          </button>
          <button type="button" className="secondary" disabled={!ready} onClick={() => void verify(true)}>
            Verify it with one character changed
          </button>
        </p>
        {!ready && (
          <p className="hint">{lastAccess === null ? 'Log in at step 1 first, then fetch the JWKS.' : 'Fetch the JWKS first: its keys are what the check uses.'}</p>
        )}
        {check && (
          <div className={styles.check} role="status">
            <p>
              <code>{shortenToken(check.token, check.forged ? lastAccess?.token : undefined)}</code>
              {check.forged && <span className="muted"> (one character of the payload changed)</span>}
            </p>
            <CheckVerdict check={check} />
          </div>
        )}
      </div>
    </>
  );
}

function CheckVerdict({ check }: { check: Check }) {
  if (check.state === 'checking') return <p>Verifying…</p>;
  if (check.state === 'failed') return <p className="fail">{check.why}</p>;
  const { verdict } = check;
  if (!verdict.ok) return <p className="status fail">✗ Refused: {verdict.reason}.</p>;
  return (
    <>
      <p className="status ok">
        ✓ Verified, signed by kid <code>{verdict.kid}</code>
      </p>
      <section aria-label="The verified claims">
        <pre className={`code ${styles.claims}`}>{JSON.stringify(verdict.claims, null, 2)}</pre>
      </section>
    </>
  );
}
