'use client';

import { Countdown, focusFirstInput } from '../_shared/token-bar';
import bar from '../_shared/token-bar.module.css';
import { stepElementId } from '../_shared/walkthrough-steps';
import { usePeople } from './people';

const NAMES = ['bob', 'alice'] as const;

/**
 * The token bar over the third part: whom this part holds tokens for, and the first of them to
 * expire. Both names stay in place, the one not logged in yet greyed, so that a second login
 * moves nothing in the bar.
 */
export function AuthorizationBar() {
  const people = usePeople();
  const held = NAMES.flatMap((name) => people[name] ?? []);
  const first = [...held].sort((a, b) => a.expiresAt - b.expiresAt)[0];
  if (!first) {
    return (
      <p className={bar.empty}>
        No users yet. <a href={`#${stepElementId('two-users')}`}>Log in as bob and alice at step 1</a>.
      </p>
    );
  }
  return (
    <Countdown
      who={NAMES.map((name, i) => (
        <span key={name}>
          {i > 0 && ' · '}
          <strong className={people[name] ? undefined : 'muted'}>{name}</strong>
          {!people[name] && <span className="visually-hidden"> (not logged in)</span>}
        </span>
      ))}
      what="First to expire:"
      whose={`${first.name}’s`}
      expiresAt={first.expiresAt / 1000}
      lifetime={first.lifetime}
      label={`${first.name}’s access token lifetime left`}
      expiredNote={`${first.name}’s access token has expired: log in again at step 1.`}
    >
      <button type="button" className="small" onClick={() => focusFirstInput(stepElementId('two-users'))}>
        Log in again
      </button>
    </Countdown>
  );
}
