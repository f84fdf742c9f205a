'use client';

import { useNow } from './clock';
import { formatRemaining } from './format-remaining';
import { decodeUnverified, expiresAt, lifetimeOf } from './jwt-display';
import { useStoredToken } from './token-store';
import { stepElementId } from './walkthrough-steps';

/**
 * A compact bar that stays in sight: whose token you hold and how long it has left, with a fresh
 * login and a way to forget it. Its height never changes, so it moves nothing when a token arrives.
 */
export function TokenBar() {
  const [token, setToken] = useStoredToken();
  return (
    <section className="token-bar" aria-label="Your token">
      {token === null ? (
        <p className="bar-empty">
          No token yet. <a href={`#${stepElementId('login')}`}>Log in at step 3</a> to get one.
        </p>
      ) : (
        <Countdown token={token} onForget={() => setToken(null)} />
      )}
    </section>
  );
}

function Countdown({ token, onForget }: { token: string; onForget: () => void }) {
  const now = useNow() / 1000;
  const decoded = decodeUnverified(token);
  const exp = decoded && expiresAt(decoded);
  const lifetime = Math.max(1, (decoded && lifetimeOf(decoded)) ?? 1);
  const remaining = exp === null ? 0 : exp - now;
  const expired = remaining <= 0;
  const user = decoded?.payload.user;

  // To the login form of the step named for it; focus scrolls it into view.
  function logInAgain() {
    document.querySelector<HTMLInputElement>(`#${stepElementId('again')} input`)?.focus();
  }

  return (
    <>
      <p className="bar-user">
        <span className="wide-only">Token for </span>
        <strong>{typeof user === 'string' ? user : 'an unknown user'}</strong>
      </p>
      <p className="bar-clock">
        {expired ? (
          <strong className="expired">Expired</strong>
        ) : (
          <>
            <span className="wide-only">Expires in </span>
            <span role="timer" className="clock">
              {formatRemaining(remaining)}
            </span>
          </>
        )}
      </p>
      <progress aria-label="Token lifetime left" max={lifetime} value={Math.min(Math.max(0, Math.ceil(remaining)), lifetime)} />
      <p className="bar-actions">
        <button type="button" className="small" onClick={logInAgain}>
          Log in again
        </button>
        <button type="button" className="small secondary" onClick={onForget}>
          Forget
        </button>
      </p>
      <p role="status" className="visually-hidden">
        {expired ? 'The token has expired: the server now refuses it. Log in again for a fresh one.' : ''}
      </p>
    </>
  );
}
