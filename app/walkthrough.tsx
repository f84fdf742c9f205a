'use client';

import { useRef, useState } from 'react';
import { decodeUnverified } from './jwt-display';
import type { RouteAction } from './route-requests';
import { STEPS, stepCompleted, type StepEvent, type StepId } from './walkthrough-steps';
import { ExchangeView } from './exchange-view';
import { LoginForm } from './login-form';
import { RouteConsole, type ConsoleResults } from './route-console';
import { answerFields, sendRequest, type Exchange } from './send-request';
import { hasExpired, useStoredToken } from './token-store';
import { TokenInspector } from './token-inspector';

/** The interactive page: the tutorial's steps, the login form, the token inspector and the route console. */
export function Walkthrough() {
  const [token, setToken] = useStoredToken();
  const [done, setDone] = useState<ReadonlySet<StepId>>(new Set());
  const [login, setLogin] = useState<Exchange | null>(null);
  const [results, setResults] = useState<ConsoleResults>({});
  const [announcement, setAnnouncement] = useState('');
  const usernameRef = useRef<HTMLInputElement>(null);

  function record(event: StepEvent) {
    setDone((previous) => {
      const step = stepCompleted(event, previous);
      return step === null || previous.has(step) ? previous : new Set(previous).add(step);
    });
  }

  function onLogin(exchange: Exchange) {
    setLogin(exchange);
    record({ kind: 'login', status: exchange.status });
    const fresh = (exchange.body as { token?: unknown } | null)?.token;
    if (exchange.status === 200 && typeof fresh === 'string') {
      setToken(fresh);
      const user = decodeUnverified(fresh)?.payload.user;
      setAnnouncement(`Logged in as ${String(user)}. Your token is shown below.`);
    } else {
      setAnnouncement(`Log in refused: ${exchange.status}, ${answerFields(exchange.body).message ?? 'no token'}`);
    }
  }

  async function onSend(action: RouteAction) {
    const expected = action.expected(token !== null && hasExpired(token));
    // The result's space is taken at the click, so an answer that arrives late moves nothing below it.
    setResults((previous) => ({ ...previous, [action.id]: { expected } }));
    const exchange = await sendRequest(action.request(token ?? ''));
    const { message, reason } = answerFields(exchange.body);
    setResults((previous) => ({ ...previous, [action.id]: { exchange, expected } }));
    record({ kind: 'call', action: action.id, status: exchange.status, reason });
    setAnnouncement(`${action.title}: ${exchange.status}${message ? `, ${message}` : ''}${reason ? `, reason ${reason}` : ''}.`);
  }

  function logInAgain() {
    usernameRef.current?.focus();
  }

  return (
    <div className="layout">
      <aside className="steps" aria-labelledby="steps-heading">
        <h2 id="steps-heading">The tutorial, step by step</h2>
        <p className="muted">
          {done.size} of {STEPS.length} done
        </p>
        <ol>
          {STEPS.map((step) => (
            <li key={step.id} className={done.has(step.id) ? 'step done' : 'step'}>
              <span className="tick" aria-hidden="true">
                {done.has(step.id) ? '✓' : ''}
              </span>
              <span>
                <strong>{step.title}</strong>
                {done.has(step.id) && <span className="visually-hidden"> (done)</span>}
                <br />
                <span className="muted">{step.expect}</span>
              </span>
            </li>
          ))}
        </ol>
      </aside>

      <div className="panels">
        <section aria-labelledby="login-heading">
          <h2 id="login-heading">Log in</h2>
          <LoginForm onAnswer={onLogin} usernameRef={usernameRef} />
          {login && (
            <details className="login-exchange">
              <summary>The request and the answer</summary>
              <ExchangeView exchange={login} />
            </details>
          )}
        </section>

        <section aria-labelledby="token-heading" className="token-section">
          <h2 id="token-heading">Your token</h2>
          {token ? (
            <TokenInspector
              token={token}
              onLogInAgain={logInAgain}
              onForget={() => {
                setToken(null);
                setAnnouncement('Token forgotten.');
              }}
            />
          ) : (
            <div className="empty">
              <p>No token yet. Log in above, and it appears here taken apart.</p>
              <p>
                A JWT is three base64url parts joined by dots: a <span className="jwt-header">header</span> naming the
                algorithm, a <span className="jwt-payload">payload</span> of claims such as the user and the expiry
                time, and a <span className="jwt-signature">signature</span> that only the server can make or check.
              </p>
            </div>
          )}
        </section>

        <section aria-labelledby="console-heading">
          <h2 id="console-heading">Call the routes</h2>
          <RouteConsole hasToken={token !== null} results={results} onSend={onSend} />
        </section>
      </div>

      <p role="status" className="visually-hidden">
        {announcement}
      </p>
    </div>
  );
}
