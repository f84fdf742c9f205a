'use client';

import { AnswerView } from '../_shared/answer-view';
import { useNow } from '../_shared/clock';
import { formatRemaining } from '../_shared/format-remaining';
import { hasExpired, type HeldToken } from '../_shared/held-token';
import { LoginForm } from '../_shared/login-form';
import { recordAnswer } from '../_shared/progress-store';
import { SendAction } from '../_shared/send-action';
import action from '../_shared/send-action.module.css';
import { ROUTE_ACTIONS, type Outcome } from '../_shared/route-requests';
import { outcomeOf, sendRequest } from '../_shared/send-request';
import { refreshRequest } from './session-requests';
import styles from './session-actions.module.css';
import { logOut, sessionRevoked, useSession } from './session-store';
import { useStoredToken } from '../_shared/token-store';

const bearer = ROUTE_ACTIONS.bearer.request;
// Until a login the buttons that send the session's token are disabled: this is never sent.
const NO_TOKEN: HeldToken = { token: '', expiresAt: 0 };

// What /protected should answer to a session's access token: 200 while its session lives, 401
// `revoked` once it has ended, 401 `expired` past its exp whatever its session.
function expectedFor(access: HeldToken, sessionEnded: boolean): Outcome {
  if (hasExpired(access)) return { status: 401, reason: 'expired' };
  return sessionEnded ? { status: 401, reason: 'revoked' } : { status: 200 };
}

// A 401 `revoked` says the session has ended on the server, however the page missed it (a logout
// by curl with the same cookies, say): the page ends it too.
async function sendToken(token: string, step: 'session-protected' | 'logout') {
  const exchange = await sendRequest(bearer(token));
  const outcome = outcomeOf(exchange);
  recordAnswer(step, outcome);
  if (outcome.reason === 'revoked') sessionRevoked(token);
  return exchange;
}

/** Step 3: GET /protected with the session's access token: its latest, once the session has ended. */
export function SessionTokenAction() {
  const { session, replayed, lastAccess } = useSession();
  const access = lastAccess ?? NO_TOKEN;
  return (
    <SendAction
      title="GET /protected with the session’s access token"
      disabled={lastAccess === null}
      expected={() => expectedFor(access, replayed || session.state === 'ended')}
      send={() => sendToken(access.token, 'session-protected')}
    />
  );
}

/**
 * Step 4: log out, then send the session's last access token and the tutorial's token to
 * /protected, side by side: the first is refused, the second still passes.
 */
export function LogoutAndCompare() {
  const { session, logout, lastAccess } = useSession();
  const access = lastAccess ?? NO_TOKEN;
  const [tutorialToken] = useStoredToken();
  return (
    <>
      <div className={action.action}>
        <p className={action.sendRow}>
          <button type="button" disabled={session.state !== 'live' || logout === 'sending'} onClick={() => void logOut()}>
            Log out
          </button>
          <code>POST /auth/logout</code>
        </p>
        {/* From the click on, whether here or in the bar. */}
        {logout && <AnswerView exchange={logout === 'sending' ? null : logout} expected={{ status: 204 }} />}
      </div>
      <div className={styles.compare}>
        <section aria-labelledby="compare-session">
          <h4 id="compare-session">The session’s last access token</h4>
          <p className="hint">Can end: the route looks its session up in the store at every request.</p>
          <SendAction
            title="GET /protected with the session’s last access token"
            disabled={lastAccess === null}
            expected={() => expectedFor(access, session.state === 'ended')}
            send={() => sendToken(access.token, 'logout')}
            className={styles.side}
          />
        </section>
        <section aria-labelledby="compare-tutorial">
          <h4 id="compare-tutorial">Your tutorial token</h4>
          {tutorialToken === null ? (
            <>
              <p className="hint">No token from part one: get one here. It is not part of any session.</p>
              <LoginForm />
            </>
          ) : (
            <>
              <p className="hint">
                Cannot end: valid for whoever holds it until its exp, <TimeLeft held={tutorialToken} />.
              </p>
              <SendAction
                title="GET /protected with your tutorial token"
                disabled={false}
                expected={() => ROUTE_ACTIONS.bearer.expected(hasExpired(tutorialToken))}
                send={() => sendRequest(bearer(tutorialToken.token))}
                className={styles.side}
              />
            </>
          )}
        </section>
      </div>
    </>
  );
}

function TimeLeft({ held }: { held: HeldToken }) {
  const remaining = (held.expiresAt - useNow()) / 1000;
  return <>{remaining > 0 ? <>in {formatRemaining(remaining)}</> : 'which has passed'}</>;
}

/** Step 6: POST /auth/refresh with the cookie and without X-CSRF-Token. */
export function CsrfAction() {
  const { session } = useSession();
  return (
    <SendAction
      title="POST /auth/refresh without X-CSRF-Token"
      disabled={session.state !== 'live'}
      expected={() => ({ status: 403 })}
      send={async () => {
        const exchange = await sendRequest(refreshRequest(null));
        recordAnswer('csrf', outcomeOf(exchange));
        return exchange;
      }}
    />
  );
}
