'use client';

import { useEffect, useState, type ReactNode } from 'react';
import { useNow } from './clock';
import { formatRemaining } from './format-remaining';
import { decodeUnverified, lifetimeOf, stringClaim } from './jwt-display';
import { logOut, refresh, useSession, type EndReason } from './session-store';
import { useStoredToken } from './token-store';
import { SESSIONS_PART, stepElementId } from './walkthrough-steps';

const ENDED_IN_SHORT: Record<EndReason, string> = {
  'logged-out': 'the session has ended',
  'other-tab': 'in another tab',
  refused: 'the server refused to refresh',
  replayed: 'the replay revoked the session',
  revoked: 'the session was revoked',
};

/**
 * A compact bar that stays in sight: whose token you hold and how long it has left. Over the
 * tutorial it shows the tutorial's token, with a fresh login and a way to forget it; over the
 * second part, the session's access token, with a refresh and a logout. Its height never
 * changes, so it moves nothing when a token arrives or the part in view changes.
 */
export function TokenBar() {
  const overSessions = useSessionPartShown();
  return (
    <section className="token-bar" aria-label="Your token">
      {overSessions ? <SessionBar /> : <TutorialBar />}
    </section>
  );
}

function TutorialBar() {
  const [held, setToken] = useStoredToken();
  if (held === null) {
    return (
      <p className="bar-empty">
        No token yet. <a href={`#${stepElementId('login')}`}>Log in at step 3</a> to get one.
      </p>
    );
  }
  const decoded = decodeUnverified(held.token);
  // To the login form of the step named for it; focus scrolls it into view.
  const logInAgain = () => focusFirstInput(stepElementId('again'));
  return (
    <Countdown
      who={<><span className="wide-only">Token for </span><strong>{stringClaim(decoded, 'user') ?? 'an unknown user'}</strong></>}
      expiresAt={held.expiresAt / 1000}
      lifetime={(decoded && lifetimeOf(decoded)) ?? 1}
      label="Token lifetime left"
      expiredNote="The token has expired: the server now refuses it. Log in again for a fresh one."
    >
      <button type="button" className="small" onClick={logInAgain}>
        Log in again
      </button>
      <button type="button" className="small secondary" onClick={() => setToken(null)}>
        Forget
      </button>
    </Countdown>
  );
}

function SessionBar() {
  const { session } = useSession();
  const logInAgain = () => focusFirstInput(stepElementId('session-login'));
  switch (session.state) {
    case 'none':
      return (
        <p className="bar-empty">
          No session yet. <a href={`#${stepElementId('session-login')}`}>Log in for one at step 1</a>.
        </p>
      );
    case 'recovering':
      return <p className="bar-empty">Your session: refreshing once to get an access token…</p>;
    case 'ended':
      return (
        <>
          <p className="bar-user">
            <strong className="expired">Logged out</strong>
            <span className="wide-only">: {ENDED_IN_SHORT[session.why]}</span>
          </p>
          <p className="bar-actions">
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

/** Whose token, the time it has left and its lifetime line, and the bar's buttons. */
function Countdown({
  who,
  what = 'Expires in',
  expiresAt,
  lifetime,
  label,
  expiredNote,
  children,
}: {
  who: ReactNode;
  what?: string;
  /** Seconds since the epoch. */
  expiresAt: number;
  lifetime: number;
  label: string;
  expiredNote: string;
  children: ReactNode;
}) {
  // The shared clock may be up to a second behind a token that has just arrived: never show more than its life.
  const remaining = Math.min(expiresAt - useNow() / 1000, lifetime);
  const expired = remaining <= 0;
  const max = Math.max(1, lifetime);
  return (
    <>
      <p className="bar-user">{who}</p>
      <p className="bar-clock">
        {expired ? (
          <strong className="expired">Expired</strong>
        ) : (
          <>
            <span className="wide-only">{what} </span>
            <span role="timer" className="clock">
              {formatRemaining(remaining)}
            </span>
          </>
        )}
      </p>
      <progress aria-label={label} max={max} value={Math.min(Math.max(0, Math.ceil(remaining)), max)} />
      <p className="bar-actions">{children}</p>
      <p role="status" className="visually-hidden">
        {expired ? expiredNote : ''}
      </p>
    </>
  );
}

function focusFirstInput(sectionId: string) {
  document.querySelector<HTMLInputElement>(`#${sectionId} input`)?.focus();
}

// Which part the bar speaks for: the one last scrolled to (the session part once its top passes
// the middle of the screen) or last used (focus moving into a part, as a click on its button does),
// whichever happened last.
function useSessionPartShown(): boolean {
  const [shown, setShown] = useState(false);
  useEffect(() => {
    const sessions = document.getElementById(SESSIONS_PART);
    if (!sessions) return;
    const observer = new IntersectionObserver(([entry]) => setShown(entry?.isIntersecting ?? false), { rootMargin: '0px 0px -50% 0px' });
    observer.observe(sessions);
    const onFocus = (event: FocusEvent) => {
      const part = event.target instanceof Element ? event.target.closest('section.part') : null;
      if (part) setShown(part === sessions);
    };
    document.addEventListener('focusin', onFocus);
    return () => {
      observer.disconnect();
      document.removeEventListener('focusin', onFocus);
    };
  }, []);
  return shown;
}
