'use client';

import { useState, type FormEvent } from 'react';
import { CSRF_HEADER, REFRESH_COOKIE } from '@/lib/contract';
import { AnswerView } from '../_shared/answer-view';
import { CredentialFields } from '../_shared/credential-fields';
import { formatLifetime } from '../_shared/format-remaining';
import { useLatestSend } from '../_shared/latest-send';
import { decodeUnverified, shortenToken, stringClaim } from '../_shared/jwt-display';
import { recordAnswer } from '../_shared/progress-store';
import { outcomeOf, type Exchange } from '../_shared/send-request';
import { cookieValue, SESSION_LIFETIMES, sessionLoginRequest } from './session-requests';
import styles from './session-login.module.css';
import { logIn, useDocumentCookie, useSession, type EndReason } from './session-store';
import { DecodedParts } from '../_shared/decoded-parts';
import { useStoredToken } from '../_shared/token-store';

const SERVER_DEFAULT = 'server';

/** Username, password and the access token's life, sent to POST /auth/login; the answer under them. */
export function SessionLoginForm({ describedBy }: { describedBy?: string }) {
  const { session } = useSession();
  const [tutorialToken] = useStoredToken();
  const [typedUser, setTypedUser] = useState<string | null>(null);
  const [lifetime, setLifetime] = useState<string>(String(SESSION_LIFETIMES[0]));
  const [result, begin] = useLatestSend<{ exchange: Exchange<'/auth/login'> | null }>();

  // The user of the session, or else of the tutorial's token, is the likeliest to log in.
  const knownUser = session.state === 'live' ? session.user : stringClaim(decodeUnverified(tutorialToken?.token ?? ''), 'user');
  const username = typedUser ?? knownUser ?? '';

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const password = String(new FormData(event.currentTarget).get('password'));
    const ttl = lifetime === SERVER_DEFAULT ? undefined : Number(lifetime);
    const show = begin({ exchange: null });
    const exchange = await logIn(sessionLoginRequest(username, password, ttl));
    show({ exchange });
    recordAnswer('session-login', outcomeOf(exchange));
    // The server's ACCESS_TTL_SECONDS is shorter than asked (the 400 says so): its own then.
    if (exchange.status === 400 && ttl !== undefined) setLifetime(SERVER_DEFAULT);
  }

  // method="post" so that a submit before the script loads never puts the password in the URL.
  return (
    <>
      <form className={styles.login} method="post" onSubmit={submit}>
        <CredentialFields username={username} onUsername={setTypedUser} describedBy={describedBy} />
        <label>
          Lifetime
          <select value={lifetime} onChange={(event) => setLifetime(event.target.value)}>
            {SESSION_LIFETIMES.map((seconds) => (
              <option key={seconds} value={seconds}>
                {formatLifetime(seconds)}
              </option>
            ))}
            <option value={SERVER_DEFAULT}>as the server says</option>
          </select>
        </label>
        <button type="submit" disabled={result !== null && result.exchange === null}>
          Log in for a session
        </button>
      </form>
      {result && <AnswerView key={result.sent} exchange={result.exchange} />}
    </>
  );
}

// Before a login, the shape of what is to come: an access token's header and claims, in the order
// the server signs them (lib/auth/token.ts): who (sub, user, roles), which session and token, when,
// and by and for whom (iss, aud).
const HEADER_SHAPE = { alg: '…', typ: '…', kid: '…' };
const PAYLOAD_SHAPE = { sub: '…', user: '…', roles: ['…'], sid: '…', jti: '…', iat: '…', exp: '…', iss: '…', aud: '…' };

/** What ended the session, in a sentence. */
export const ENDED: Record<EndReason, string> = {
  'logged-out': 'Logged out: the session has ended on the server, and its cookies are cleared.',
  'other-tab': 'Logged out in another tab: the session has ended on the server, and its cookies are cleared.',
  refused: 'Logged out: the server refused to refresh, so the session has ended.',
  replayed: 'Logged out: after the replay, the server revoked the session and refused this page’s refresh.',
  revoked: 'Logged out: /protected found the session revoked, so it has ended on the server.',
};
const LONGEST_ENDED = Object.values(ENDED).reduce((a, b) => (b.length > a.length ? b : a));

/**
 * What the page holds of the session, and what it cannot see: the access token in memory, decoded,
 * the CSRF token, and document.cookie, which lists the CSRF cookie and never the refresh cookie.
 * Every line keeps its place whatever the state, so a login or a reload's refresh moves nothing.
 */
export function HeldByPage() {
  const { session, lastAccess } = useSession();
  const cookies = useDocumentCookie();
  const token = lastAccess?.token ?? null;
  const decoded = token === null ? null : decodeUnverified(token);
  const refreshReadable = cookieValue(cookies, REFRESH_COOKIE) !== null;

  return (
    <div className={styles.held} role="group" aria-label="Held by this page">
      <div
        className={`holds-longest ${styles.state} ${session.state === 'live' ? styles.live : session.state === 'ended' ? styles.ended : ''}`}
        data-longest={LONGEST_ENDED}
      >
        <p role="status">
          {session.state === 'none' && 'No session yet.'}
          {session.state === 'recovering' && 'Recovering the session after a reload: one refresh…'}
          {/* One span: as two flex items, "Live session" and "for" would lose the space between them. */}
          {session.state === 'live' && (
            <span>
              <strong>Live session</strong> for {session.user}.
            </span>
          )}
          {session.state === 'ended' && <strong className="expired">{ENDED[session.why]}</strong>}
        </p>
      </div>
      <dl className={styles.list}>
        <div>
          <dt>Access token, in this page’s memory</dt>
          <dd>
            <code>{token === null ? '—' : shortenToken(token)}</code>
          </dd>
        </div>
        <div>
          <dt>
            CSRF token, for <code>{CSRF_HEADER}</code>
          </dt>
          <dd>
            <code>{session.state === 'live' ? session.csrfToken : '—'}</code>
          </dd>
        </div>
        <div>
          <dt>
            <code>document.cookie</code>: all a script here can read
          </dt>
          <dd>
            <code>{cookies === '' ? '(empty)' : cookies}</code>
          </dd>
        </div>
        <div>
          <dt>Refresh token</dt>
          <dd className={styles.plain}>
            {refreshReadable
              ? 'Readable by scripts: it never should be!'
              : 'In an HttpOnly cookie, sent by the browser to /auth/* only and read by no script: document.cookie never lists it.'}
          </dd>
        </div>
      </dl>
      <DecodedParts
        header={decoded?.header ?? HEADER_SHAPE}
        payload={decoded?.payload ?? PAYLOAD_SHAPE}
        shape={{ header: HEADER_SHAPE, payload: PAYLOAD_SHAPE }}
        className={styles.decoded}
      />
      <p className="hint">Decoded in your browser, unverified, as in part one.</p>
    </div>
  );
}
