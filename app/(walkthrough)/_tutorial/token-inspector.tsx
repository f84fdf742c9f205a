'use client';

import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import { CopyButton } from '../_shared/copy-button';
import { DecodedParts } from '../_shared/decoded-parts';
import { formatLifetime } from '../_shared/format-remaining';
import { decodeUnverified, lifetimeOf, signatureMatches } from '../_shared/jwt-display';
import { recordStep } from '../_shared/progress-store';
import { useStoredToken } from '../_shared/token-store';
import styles from './token-inspector.module.css';

const CLAIMS: Record<string, string> = {
  user: 'who the token speaks for',
  iat: 'issued at (your local time)',
  exp: 'expires at: from then on the server refuses it',
};

/**
 * The token taken apart in the browser, unverified, with its lifetime and a signature check. The
 * step's words come from the server: `empty` until there is a token, `checkHint` for the check.
 */
export function TokenInspector({ empty, checkHint }: { empty: ReactNode; checkHint: ReactNode }) {
  const [held] = useStoredToken();
  if (held === null) return empty;
  const { token } = held;
  const decoded = decodeUnverified(token);
  if (!decoded) return <p>This token cannot be decoded.</p>;

  const [header, payload, signature] = decoded.segments;
  const lifetime = lifetimeOf(decoded);

  return (
    <div>
      <p className={styles.note}>
        <strong>Decoded in your browser, unverified.</strong> Anyone can read a JWT: it is signed, not encrypted.
      </p>
      <p className={styles.token}>
        <span className="jwt-header">{header}</span>.<span className="jwt-payload">{payload}</span>.
        <span className="jwt-signature">{signature}</span>
      </p>
      <p className={styles.actions}>
        <CopyButton text={token} label="Copy token" />
      </p>

      <DecodedParts header={decoded.header} payload={decoded.payload} />

      <dl className={styles.claims}>
        {Object.entries(decoded.payload).map(([claim, value]) => (
          <div key={claim}>
            <dt>
              <code>{claim}</code>: {CLAIMS[claim] ?? 'a claim this server does not use'}
            </dt>
            <dd>{(claim === 'iat' || claim === 'exp') && typeof value === 'number' ? localTime(value) : JSON.stringify(value)}</dd>
          </div>
        ))}
        {lifetime !== null && (
          <div>
            <dt>lifetime: exp − iat</dt>
            <dd>
              {formatLifetime(lifetime)}
              {lifetime >= 60 && ` (${lifetime} s)`}
            </dd>
          </div>
        )}
      </dl>

      {/* Keyed by the token: a new token starts with an empty field and no verdict. */}
      <SignatureCheck key={token} token={token} hint={checkHint} />
    </div>
  );
}

const VERDICTS = {
  matches: '✓ Signature matches: this secret signed the token.',
  differs: '✗ Signature does not match: this secret did not sign the token.',
  'no-webcrypto': 'No WebCrypto here: browsers offer it only over HTTPS or on localhost.',
};
const LONGEST_VERDICT = Object.values(VERDICTS).reduce((a, b) => (b.length > a.length ? b : a));

/** Checks the token's HS256 signature against a secret typed in, in the browser, as jwt.io does. */
function SignatureCheck({ token, hint }: { token: string; hint: ReactNode }) {
  const [verdict, setVerdict] = useState<keyof typeof VERDICTS | null>(null);
  const secret = useRef<HTMLInputElement>(null);

  async function check(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    // Browsers offer crypto.subtle only in a secure context: over plain http to another host, none.
    if (!crypto.subtle) return setVerdict('no-webcrypto');
    setVerdict((await signatureMatches(token, secret.current?.value ?? '')) ? 'matches' : 'differs');
    recordStep('inspect');
  }

  return (
    <form className={styles.signatureCheck} onSubmit={check}>
      <h4 className="jwt-signature">Check the signature</h4>
      {hint}
      <div className={styles.secretRow}>
        <label>
          Secret
          {/* No name attribute: even a submit before the script loads would send nothing. */}
          <input ref={secret} autoComplete="off" spellCheck={false} autoCapitalize="off" required onChange={() => setVerdict(null)} />
        </label>
        <button type="submit">Check signature</button>
      </div>
      <div className={`holds-longest ${styles.verdict} ${verdict === 'matches' ? 'ok' : verdict === 'differs' ? 'fail' : ''}`} data-longest={LONGEST_VERDICT}>
        <p role="status">{verdict && VERDICTS[verdict]}</p>
      </div>
    </form>
  );
}

function localTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
