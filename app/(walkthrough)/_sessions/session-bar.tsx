'use client';

import { Countdown, focusFirstInput } from '../_shared/token-bar';
import bar from '../_shared/token-bar.module.css';
import { stepElementId } from '../_shared/walkthrough-steps';
import { logOut, refresh, useSession, type EndReason } from './session-store';

const ENDED_IN_SHORT: Record<EndReason, string> = {
  'logged-out': 'the session has ended',
  'other-tab': 'in another tab',
  refused: 'the server refused to refresh',
  replayed: 'the replay revoked the session',
  revoked: 'the session was revoked',
};

/** The token bar over the second part: the session's access token, with a refresh and a logout. */
export function SessionBar() {
  const { session } = useSession();
  const logInAgain = () => focusFirstInput(stepElementId('session-login'));
  switch (session.state) {
    case 'none':
      return (
        <p className={bar.empty}>
          No session yet. <a href={`#${stepElementId('session-login')}`}>Log in for one at step 1</a>.
        </p>
      );
    case 'recovering':
      return <p className={bar.empty}>Your session: refreshing once to get an access token…</p>;
    case 'ended':
      return (
        <>
          <p className={bar.user}>
            <strong className="expired">Logged out</strong>
            <span className="wide-only">: {ENDED_IN_SHORT[session.why]}</span>
          </p>
          <p className={bar.actions}>
            <button type="button" className="small" onClick={logInAgain}>
              Log in again
            </button>
          </p>
          <p role="status" className="visually-hidden">
            Logged out: {ENDED_IN_SHORT[session.why]}.
          </p>
        </>
      );
    case 'live':
      return (
        <Countdown
          who={<><span className="wide-only">Session for </span><strong>{session.user}</strong></>}
          what="Access token expires in"
          expiresAt={session.access.expiresAt / 1000}
          lifetime={session.lifetime}
          label="Access token lifetime left"
          expiredNote="The access token has expired, and the page could not refresh it yet."
        >
          <button type="button" className="small" onClick={() => void refresh('you')}>
            Refresh<span className="wide-only"> now</span>
          </button>
          <button type="button" className="small secondary" onClick={() => void logOut()}>
            Log out
          </button>
        </Countdown>
      );
  }
}

