'use client';

import { useEffect, useRef } from 'react';
import type { ReplayDemoBody } from '@/lib/contract';
import { AnswerView } from '../_shared/answer-view';
import { useNow } from '../_shared/clock';
import { formatRemaining } from '../_shared/format-remaining';
import { decodeUnverified, stringClaim } from '../_shared/jwt-display';
import { useLatestSend } from '../_shared/latest-send';
import { recordAnswer } from '../_shared/progress-store';
import { matches } from '../_shared/route-requests';
import action from '../_shared/send-action.module.css';
import { sendRequest, type Exchange } from '../_shared/send-request';
import { replayRequest } from './session-requests';
import styles from './session-replay.module.css';
import { csrfToken, sessionReplayed, useSession } from './session-store';

interface Replay {
  /** The demonstration's latest answer: a 409 while the grace window is open, then the replay. */
  exchange: Exchange<'/auth/demo/replay'> | null;
  /** While the grace window is open: when it closes, by the page's clock (ms). */
  waitUntil: number | null;
}

const NONE_SPENT = 'none yet (the first refresh spends one)';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Step 5: the fate of the refresh token the last refresh spent, and a button that has the server
 * send it again, as a thief holding a copy would. The page cannot send it itself: it never held it.
 * Each session starts it afresh: what it showed of the last one is no longer true of this one.
 */
export function ReplayDemo() {
  const { lastAccess } = useSession();
  return <SessionReplay key={stringClaim(decodeUnverified(lastAccess?.token ?? ''), 'sid')} />;
}

function SessionReplay() {
  const { session, spentAt, replayed } = useSession();
  const now = useNow();
  const [replay, begin] = useLatestSend<Replay>();
  const live = session.state === 'live';
  // A demonstration still waiting when its session is replaced must not replay the new one's token.
  const mounted = useRef(true);
  useEffect(() => {
    mounted.current = true;
    return () => {
      mounted.current = false;
    };
  }, []);

  async function onReplay() {
    const show = begin({ exchange: null, waitUntil: null });
    while (mounted.current) {
      const exchange = await sendRequest(replayRequest(csrfToken()));
      // 409 with Retry-After: the grace window is open, and a replay now would pass as a second
      // tab. A thief's replay comes later: wait it out, then ask again.
      const wait = exchange.status === 409 ? Number(exchange.retryAfter) : NaN;
      if (!(wait > 0)) {
        show({ exchange, waitUntil: null });
        if (exchange.answer.ok) {
          recordAnswer('replay', { status: exchange.answer.body.status });
          if (exchange.answer.body.status === 401) sessionReplayed();
        }
        return;
      }
      show({ exchange, waitUntil: Date.now() + wait * 1000 });
      await sleep(wait * 1000 + 200);
    }
  }

  const ago = spentAt && Math.max(0, Math.round((now - spentAt) / 1000));
  const thief = replay?.exchange?.answer.ok ? replay.exchange.answer.body : null;
  const waitUntil = replay?.waitUntil ?? null;
  // One demonstration at a time: the button waits with it.
  const busy = replay !== null && (replay.exchange === null || waitUntil !== null);

  return (
    <>
      {/* Held at the height of its longer sentence, so that the first refresh moves nothing. */}
      <div className={`holds-longest ${styles.fate}`} data-longest={`Last spent refresh token: ${NONE_SPENT}`}>
        <p>
          Last spent refresh token:{' '}
          {spentAt === null ? NONE_SPENT : `spent at ${new Date(spentAt).toLocaleTimeString()}, ${ago} s ago`}
        </p>
      </div>
      <div className={action.action}>
        <p className={action.sendRow}>
          <button type="button" disabled={!live || spentAt === null || replayed || busy} onClick={onReplay}>
            Replay it
          </button>
          <code>POST /auth/demo/replay</code>
        </p>
        {/* While the grace window is open, its 409 is the wait the demonstration expects. */}
        {replay && <AnswerView key={replay.sent} exchange={replay.exchange} waiting={waitUntil !== null} longBody />}
      </div>
      {/* Three rows that keep their height, whatever they say: the answer comes seconds after the click. */}
      <dl className={styles.thief}>
        <div>
          <dt>The thief sends</dt>
          <dd>
            {waitUntil !== null ? (
              <>
                nothing yet: within the grace window a replay gets the same successor, as a second tab does. It closes in{' '}
                {/* Not announced each second. */}
                <span className="clock" aria-hidden="true">
                  {formatRemaining((waitUntil - now) / 1000)}
                </span>
              </>
            ) : thief ? (
              <>
                <code>POST {thief.replayed.path}</code> with the spent refresh token, <code>jti {thief.replayed.jti.slice(0, 8)}</code>
              </>
            ) : (
              '—'
            )}
          </dd>
        </div>
        <div>
          <dt>and gets</dt>
          <dd>{thief ? <ThiefAnswer thief={thief} /> : '—'}</dd>
        </div>
        <div>
          <dt>and then</dt>
          <dd>
            <span role="status">
              {thief?.status === 401
                ? session.state === 'ended'
                  ? '✓ This page’s next refresh was refused: it is logged out.'
                  : 'The session is revoked; this page learns it at its next refresh.'
                : '—'}
            </span>
          </dd>
        </div>
      </dl>
    </>
  );
}

function ThiefAnswer({ thief }: { thief: ReplayDemoBody }) {
  const verdict = matches({ status: 401 }, { status: thief.status });
  const message = typeof thief.body === 'object' && thief.body !== null && 'message' in thief.body ? String(thief.body.message) : '';
  return (
    <>
      <span className={thief.status < 300 ? 'status ok' : 'status fail'}>{thief.status}</span>{' '}
      <span className={verdict ? 'verdict ok' : 'verdict fail'}>{verdict ? '✓ As expected' : '✗ Expected 401'}</span> {message}
    </>
  );
}
