'use client';

import { decodeUnverified, lifetimeOf, stringClaim } from '../_shared/jwt-display';
import { Countdown, focusFirstInput } from '../_shared/token-bar';
import bar from '../_shared/token-bar.module.css';
import { useStoredToken } from '../_shared/token-store';
import { stepElementId } from '../_shared/walkthrough-steps';

/** The token bar over the tutorial: the tutorial's token, with a fresh login and a way to forget it. */
export function TutorialBar() {
  const [held, setToken] = useStoredToken();
  if (held === null) {
    return (
      <p className={bar.empty}>
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

