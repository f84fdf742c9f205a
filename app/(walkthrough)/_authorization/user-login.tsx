'use client';

import type { FormEvent } from 'react';
import { AnswerView } from '../_shared/answer-view';
import { useLatestSend } from '../_shared/latest-send';
import { decodeUnverified } from '../_shared/jwt-display';
import { recordStep } from '../_shared/progress-store';
import type { Exchange } from '../_shared/send-request';
import styles from './authorization.module.css';
import { heldPeople, logIn, usePeople, type Holder } from './people';

// The claims to come, in the order the server signs them (lib/auth/token.ts), as long as theirs
// are, so that a token's arrival moves nothing.
const UUID = '00000000-0000-0000-0000-000000000000';
const PAYLOAD_SHAPE = { sub: UUID, user: 'alice', roles: ['admin'], sid: UUID, jti: UUID, iat: 1800000000, exp: 1800000000, iss: 'nextjs-jwt-auth', aud: 'nextjs-jwt-auth/api' };
// Before a login, the claims to come, their values not known yet.
const PAYLOAD_TO_COME = Object.fromEntries(Object.entries(PAYLOAD_SHAPE).map(([claim, value]) => [claim, Array.isArray(value) ? ['…'] : '…']));

/** Step 1: bob and alice, logged in side by side, each token's payload under its answer. */
export function UserLogins() {
  return (
    <div className={styles.pair}>
      <UserLogin holder="bob" name="bob" />
      <UserLogin holder="alice" name="alice" />
    </div>
  );
}

/**
 * A password field and a login as `name`, for `holder`'s place in this part, then the answer.
 * With `payload`, the token's payload under it.
 */
export function UserLogin({ holder, name, title = `Log in as ${name}`, payload = true }: { holder: Holder; name: string; title?: string; payload?: boolean }) {
  const person = usePeople()[holder];
  const [result, begin] = useLatestSend<{ exchange: Exchange | null }>();

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    const show = begin({ exchange: null });
    show({ exchange: await logIn(holder, name, password) });
    const { bob, alice } = heldPeople();
    if (bob && alice) recordStep('two-users');
  }

  // method="post" so that a submit before the script loads never puts the password in the URL.
  return (
    <div className={styles.person}>
      <form className={styles.login} method="post" onSubmit={submit}>
        {/* For the browser's password manager: whose password this is. */}
        <input type="text" name="username" value={name} autoComplete="username" readOnly hidden />
        <label>
          Password for {name}
          <input name="password" type="password" autoComplete="current-password" required />
        </label>
        <button type="submit" disabled={result !== null && result.exchange === null}>
          {title}
        </button>
      </form>
      {/* Opened at the click, so that the answer's arrival moves nothing. */}
      {result && <AnswerView key={result.sent} exchange={result.exchange} />}
      {payload && (
        <pre className={`code holds-longest ${styles.payload}`} data-longest={JSON.stringify(PAYLOAD_SHAPE, null, 2)} tabIndex={0} aria-label={`${name}’s token’s payload`}>
          <code className={person ? undefined : 'muted'}>{JSON.stringify(person ? decodeUnverified(person.token)?.payload : PAYLOAD_TO_COME, null, 2)}</code>
        </pre>
      )}
    </div>
  );
}
