'use client';

import { useState } from 'react';
import type { Role } from '@/lib/contract';
import { useNow } from '../_shared/clock';
import { formatRemaining } from '../_shared/format-remaining';
import { recordStep } from '../_shared/progress-store';
import type { Outcome } from '../_shared/route-requests';
import { SendAction } from '../_shared/send-action';
import { RequestSend } from '../_shared/request-send';
import { sendRequest, type Exchange } from '../_shared/send-request';
import { apiRequest, createdId, createUserRequest, throwawayUser, userLoginRequest } from './authorization-requests';
import styles from './authorization.module.css';
import { logIn, usePeople } from './people';
import { UserLogin } from './user-login';

const OK: Outcome = { status: 200 };
const CREATED: Outcome = { status: 201 };
const NO_CONTENT: Outcome = { status: 204 };
const REVOKED: Outcome = { status: 401, reason: 'revoked' };

// The sends whose answers later ones depend on: those wait for them (SendAction's `after`).
const END_OTHER = 'DELETE /api/sessions/<the other device’s> as bob';
const DEMOTE = 'PATCH /api/users/<carol> as alice: role user';
const GUESSES = 'POST /auth/login as dave, wrong passwords until 429';

/** Step 2: GET /api/users as bob, as alice, and with no token. */
export function UsersThreeWays() {
  const { bob, alice } = usePeople();
  return (
    <div className={styles.sends}>
      <RequestSend step="forbidden" title="GET /api/users as bob" expected={{ status: 403 }} request={bob && apiRequest('/api/users', bob.token)} />
      <RequestSend title="GET /api/users as alice" expected={OK} request={alice && apiRequest('/api/users', alice.token)} />
      <RequestSend title="GET /api/users with no token" expected={{ status: 401 }} request={apiRequest('/api/users', null)} />
    </div>
  );
}

/** Step 3: bob's to-dos, and alice's to-do asked for by bob. */
export function OwnTodos() {
  const { bob, alice } = usePeople();
  const [aliceTodo, setAliceTodo] = useState<string | null>(null);
  return (
    <div className={styles.sends}>
      <RequestSend
        title="POST /api/todos as bob"
        expected={CREATED}
        request={bob && apiRequest('/api/todos', bob.token, { method: 'POST', body: { text: 'Watch the follow-up video' } })}
      />
      <RequestSend title="GET /api/todos as bob" expected={OK} request={bob && apiRequest('/api/todos', bob.token)} />
      <RequestSend
        title="POST /api/todos as alice"
        expected={CREATED}
        request={alice && apiRequest('/api/todos', alice.token, { method: 'POST', body: { text: 'Alice’s own' } })}
        onAnswer={(exchange) => setAliceTodo(createdId(exchange) ?? aliceTodo)}
      />
      <RequestSend
        step="own-data"
        title="GET /api/todos/<alice’s to-do> as bob"
        expected={{ status: 404 }}
        request={bob && aliceTodo ? apiRequest('/api/todos/:id', bob.token, { id: aliceTodo }) : null}
      />
    </div>
  );
}

/** Step 4: a second session of bob's, ended from this one; then log out everywhere else. */
export function OwnSessions() {
  const { bob, 'other-device': other } = usePeople();
  return (
    <div className={styles.sends}>
      <UserLogin holder="other-device" name="bob" title="Log in as bob on another device" payload={false} />
      <RequestSend title="GET /api/sessions as bob" expected={OK} request={bob && apiRequest('/api/sessions', bob.token)} />
      <RequestSend
        title={END_OTHER}
        expected={NO_CONTENT}
        request={bob && other && apiRequest('/api/sessions/:id', bob.token, { method: 'DELETE', id: other.sid })}
      />
      <RequestSend
        step="own-sessions"
        title="GET /api/todos on the other device"
        expected={REVOKED}
        request={other && apiRequest('/api/todos', other.token)}
        after={[END_OTHER]}
      />
      <RequestSend
        title="DELETE /api/sessions as bob: log out everywhere else"
        expected={OK}
        after={[END_OTHER]}
        request={bob && apiRequest('/api/sessions', bob.token, { method: 'DELETE' })}
      />
    </div>
  );
}

/**
 * A user made here, by alice, for a step that changes or locks out a user: never bob or alice,
 * whom everyone trying this page shares. Named when the step creates it, in the browser; one at a
 * time, so that none is lost track of before the step removes it.
 */
function useThrowaway(prefix: string, role: Role) {
  const { alice } = usePeople();
  const [user, setUser] = useState<{ name: string; password: string; id: string } | null>(null);
  const create = (
    <SendAction
      title={`POST /api/users as alice: ${prefix}, a new ${role}`}
      disabled={!alice || user !== null}
      expected={() => CREATED}
      send={async () => {
        const { name, password } = throwawayUser(prefix);
        const exchange = await sendRequest(createUserRequest(alice!.token, name, password, role));
        const id = createdId(exchange);
        if (id) setUser({ name, password, id });
        return exchange;
      }}
    />
  );
  const remove = (
    <RequestSend
      title={`DELETE /api/users/<${prefix}> as alice`}
      expected={NO_CONTENT}
      request={alice && user ? apiRequest('/api/users/:id', alice.token, { method: 'DELETE', id: user.id }) : null}
      onAnswer={(exchange) => exchange.status === 204 && setUser(null)}
    />
  );
  return { alice, user, create, remove };
}

/** Step 5: a throwaway admin, demoted while it holds an admin's token; then removed. */
export function StaleRole() {
  const { alice, user, create, remove } = useThrowaway('carol', 'admin');
  const { stale } = usePeople();
  return (
    <div className={styles.sends}>
      {create}
      <SendAction title="POST /auth/login as carol" disabled={!user} expected={() => OK} send={() => logIn('stale', user!.name, user!.password)} />
      <RequestSend title="GET /api/users as carol" expected={OK} request={stale && apiRequest('/api/users', stale.token)} />
      <RequestSend
        title={DEMOTE}
        expected={OK}
        request={alice && user && apiRequest('/api/users/:id', alice.token, { method: 'PATCH', id: user.id, body: { role: 'user' } })}
      />
      <RequestSend
        step="stale-role"
        title="GET /api/users as carol, the same token"
        expected={REVOKED}
        request={stale && apiRequest('/api/users', stale.token)}
        after={[DEMOTE]}
      />
      {remove}
    </div>
  );
}

/**
 * Step 6: wrong passwords for a throwaway user until the login throttle answers 429; the right
 * password refused while the lock lasts, and let in once it is over.
 */
export function Throttle() {
  const { user, create, remove } = useThrowaway('dave', 'user');
  const [lockedUntil, setLockedUntil] = useState<number | null>(null);
  const [failures, setFailures] = useState<number | null>(null);
  const locked = () => lockedUntil !== null && Date.now() < lockedUntil;
  const login = (password: string) => sendRequest(userLoginRequest(user!.name, password));
  // Retry-After, from the moment it arrives.
  const lockFrom = (exchange: Exchange) => {
    if (exchange.status === 429) setLockedUntil(Date.now() + Number(exchange.retryAfter ?? 0) * 1000);
  };

  return (
    <div className={styles.sends}>
      {create}
      <SendAction
        title={GUESSES}
        disabled={!user}
        expected={() => ({ status: 429 })}
        send={async () => {
          // One wrong password after another, as a guesser would, until the throttle answers.
          for (let tries = 1; ; tries++) {
            const exchange = await login('not-the-password');
            if (exchange.status !== 401 || tries === MAX_TRIES) {
              setFailures(exchange.status === 429 ? tries - 1 : tries);
              lockFrom(exchange);
              return exchange;
            }
          }
        }}
      />
      {/* As tall as its longest words from the start, so that the lock's arrival moves nothing. */}
      <p className={`holds-longest ${styles.lock}`} data-longest={`${MAX_TRIES} wrong passwords, then 429. ${LOCK_OVER}`}>
        <span>
          {failures === null ? 'No wrong password sent yet.' : `${failures} wrong passwords, then 429.`}{' '}
          {lockedUntil !== null && <LockLeft until={lockedUntil} />}
        </span>
      </p>
      <SendAction
        title="POST /auth/login as dave, the right password"
        disabled={!user}
        after={[GUESSES]}
        expected={() => (locked() ? { status: 429 } : OK)}
        send={async () => {
          const exchange = await login(user!.password);
          lockFrom(exchange);
          // Done once the right password is let in after the lock: the throttle let go by itself.
          if (exchange.status === 200 && lockedUntil !== null) recordStep('throttle');
          return exchange;
        }}
      />
      {remove}
    </div>
  );
}

/** The lock's time left, counted down from Retry-After. */
function LockLeft({ until }: { until: number }) {
  const left = Math.max(0, Math.ceil((until - useNow()) / 1000));
  return <span role="timer">{left > 0 ? `Locked: ${formatRemaining(left)} left.` : LOCK_OVER}</span>;
}

const LOCK_OVER = 'The lock is over: send the right password.';

// More than any limit a deployment would set (5 by default, LOGIN_MAX_FAILURES).
const MAX_TRIES = 30;
