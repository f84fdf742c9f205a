'use client';

import { useState, type FormEvent } from 'react';
import { AnswerView } from './answer-view';
import { CredentialFields } from './credential-fields';
import { formatLifetime } from './format-remaining';
import { decodeUnverified, lifetimeOf, stringClaim } from './jwt-display';
import { useLatestSend } from './latest-send';
import { recordAnswer } from './progress-store';
import styles from './login-form.module.css';
import { loginRequest, SHORT_TTL_SECONDS } from './route-requests';
import action from './send-action.module.css';
import { outcomeOf, sendRequest, type Exchange } from './send-request';
import { rememberServerLifetime, useServerLifetime, useStoredToken } from './token-store';
import type { RequestStep } from './walkthrough-steps';

/**
 * Username and password, sent to /login as HTTP Basic credentials, and the answer under them. By
 * default it asks for no lifetime and gets the server's own; `short` asks for a 15-second token.
 * `step` is the step a login here does, if any: step 8's short login is only a means to its end.
 */
export function LoginForm({ short = false, step, describedBy }: { short?: boolean; step?: RequestStep; describedBy?: string }) {
  const [held, setToken] = useStoredToken();
  const serverLifetime = useServerLifetime();
  const [typedUser, setTypedUser] = useState<string | null>(null);
  const [ttlRefused, setTtlRefused] = useState(false);
  const [result, begin] = useLatestSend<{ exchange: Exchange<'/login'> | null }>();

  // Never ask for what the server will refuse: once its own tokens are known to be this short, or
  // it has refused the ask (the 400 says why), a short login takes the server's own lifetime.
  const ttl = short && !ttlRefused && (serverLifetime ?? Infinity) > SHORT_TTL_SECONDS ? SHORT_TTL_SECONDS : undefined;
  const submitLabel = !short
    ? 'Log in'
    : ttl !== undefined
      ? `Log in for ${ttl} s`
      : `Log in for ${serverLifetime === null ? 'as long as the server allows' : formatLifetime(serverLifetime)}`;
  // The user of the token you have is the likeliest to log in again.
  const username = typedUser ?? stringClaim(held && decodeUnverified(held.token), 'user') ?? '';

  async function logIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    const show = begin({ exchange: null });
    const exchange = await sendRequest(loginRequest(username, password, ttl));
    show({ exchange });
    if (step) recordAnswer(step, outcomeOf(exchange));
    if (exchange.answer.ok) {
      const fresh = exchange.answer.body.token;
      const decoded = decodeUnverified(fresh);
      const lifetime = ttl === undefined && decoded ? lifetimeOf(decoded) : null;
      if (lifetime !== null) rememberServerLifetime(lifetime);
      setToken(fresh);
    } else if (exchange.status === 400 && ttl !== undefined) {
      setTtlRefused(true);
    }
  }

  // method="post" so that a submit before the script loads never puts the password in the URL.
  return (
    <div className={action.action}>
      <form className={short ? `${styles.login} ${styles.wideButton}` : styles.login} method="post" onSubmit={logIn}>
        <CredentialFields username={username} onUsername={setTypedUser} describedBy={describedBy} />
        <button type="submit" disabled={result !== null && result.exchange === null}>
          {submitLabel}
        </button>
      </form>
      {result && <AnswerView key={result.sent} exchange={result.exchange} />}
    </div>
  );
}
