'use client';

import { useState, type FormEvent, type Ref } from 'react';
import { loginRequest } from './route-requests';
import { answerFields, sendRequest, type Exchange } from './send-request';

const LIFETIMES = [
  { seconds: 15, label: '15 s' },
  { seconds: 60, label: '1 min' },
  { seconds: 1800, label: '30 min' },
];

/** Username, password and token lifetime; sends them to /login as HTTP Basic credentials. */
export function LoginForm({ onAnswer, usernameRef }: { onAnswer: (exchange: Exchange) => void; usernameRef: Ref<HTMLInputElement> }) {
  const [ttl, setTtl] = useState(1800);
  const [pending, setPending] = useState(false);
  const [error, setError] = useState('');

  async function logIn(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    const exchange = await sendRequest(loginRequest(String(form.get('username')), String(form.get('password')), ttl));
    setPending(false);
    setError(exchange.status === 200 ? '' : `${exchange.status}: ${answerFields(exchange.body).message ?? 'no token'}`);
    onAnswer(exchange);
  }

  // method="post" so that a submit before the script loads never puts the password in the URL.
  return (
    <form className="login" method="post" onSubmit={logIn}>
      <p id="login-rule" className="hint">
        Any username works. The password is <code>password</code>, unless the server sets{' '}
        <code>DEMO_PASSWORD</code> or <code>DEMO_USERS</code>.
      </p>
      <div className="fields">
        <label>
          Username
          <input ref={usernameRef} name="username" autoComplete="username" required aria-describedby="login-rule" />
        </label>
        <label>
          Password
          <input name="password" type="password" autoComplete="current-password" required aria-describedby="login-rule" />
        </label>
      </div>
      <fieldset>
        <legend>Token lifetime</legend>
        {LIFETIMES.map(({ seconds, label }) => (
          <label key={seconds} className="choice">
            <input type="radio" name="ttl" value={seconds} checked={ttl === seconds} onChange={() => setTtl(seconds)} />
            {label}
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={pending}>
          Log in
        </button>
        <span className="form-error">{error}</span>
      </div>
    </form>
  );
}
