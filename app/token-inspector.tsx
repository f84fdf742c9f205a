'use client';

import { decodeUnverified, expiresAt } from './jwt-display';
import { formatRemaining } from './format-remaining';
import { CopyButton } from './copy-button';
import { useNow } from './clock';

const CLAIMS: Record<string, string> = {
  user: 'who the token speaks for',
  iat: 'issued at (your local time)',
  exp: 'expires at: from then on the server refuses it',
};

/** The token taken apart in the browser, unverified, with a live countdown to its expiry. */
export function TokenInspector({ token, onForget, onLogInAgain }: { token: string; onForget: () => void; onLogInAgain: () => void }) {
  const decoded = decodeUnverified(token);
  const now = useNow() / 1000;
  if (!decoded) return <p>This token cannot be decoded.</p>;

  const [header, payload, signature] = decoded.segments;
  const exp = expiresAt(decoded);
  const iat = typeof decoded.payload.iat === 'number' ? decoded.payload.iat : null;
  const remaining = exp === null ? 0 : exp - now;
  const expired = remaining <= 0;
  const lifetime = exp !== null && iat !== null ? Math.max(1, exp - iat) : 1;

  return (
    <div className="inspector">
      <p className="note">
        <strong>Decoded in your browser, unverified.</strong> Anyone can read a JWT; only the server, which holds the
        secret, can check its signature. Its verdict comes from calling <code>/protected</code> below.
      </p>

      <div className="token-row">
        <h3>Encoded</h3>
        <p className="token">
          <span className="jwt-header">{header}</span>.<span className="jwt-payload">{payload}</span>.
          <span className="jwt-signature">{signature}</span>
        </p>
        <div className="actions">
          <CopyButton text={token} label="Copy token" />
        </div>
      </div>

      <div className="countdown">
        <p>
          {expired ? (
            <strong className="expired">Expired</strong>
          ) : (
            <>
              Expires in <span role="timer" className="clock">{formatRemaining(remaining)}</span>
            </>
          )}
        </p>
        <progress
          aria-label="Token lifetime left"
          max={lifetime}
          value={Math.min(Math.max(0, Math.ceil(remaining)), lifetime)}
        />
        <p role="status" className="expiry-status">
          {expired ? 'The token has expired: the server now refuses it. Log in again for a fresh one.' : ''}
        </p>
        <div className="actions">
          {expired && (
            <button type="button" onClick={onLogInAgain}>
              Log in again
            </button>
          )}
          <button type="button" className="secondary" onClick={onForget}>
            Forget token
          </button>
        </div>
      </div>

      <div className="decoded">
        <div>
          <h3 className="jwt-header">Header</h3>
          <pre className="code">
            <code>{JSON.stringify(decoded.header, null, 2)}</code>
          </pre>
        </div>
        <div>
          <h3 className="jwt-payload">Payload</h3>
          <pre className="code">
            <code>{JSON.stringify(decoded.payload, null, 2)}</code>
          </pre>
        </div>
      </div>

      <dl className="claims">
        {Object.entries(decoded.payload).map(([claim, value]) => (
          <div key={claim}>
            <dt>
              <code>{claim}</code>: {CLAIMS[claim] ?? 'a claim this server does not use'}
            </dt>
            <dd>{(claim === 'iat' || claim === 'exp') && typeof value === 'number' ? localTime(value) : JSON.stringify(value)}</dd>
          </div>
        ))}
      </dl>
    </div>
  );
}

function localTime(seconds: number): string {
  return new Date(seconds * 1000).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
}
