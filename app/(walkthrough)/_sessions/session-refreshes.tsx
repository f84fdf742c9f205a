'use client';

import { useEffect } from 'react';
import { AnswerPlaceholder, AnswerView } from '../_shared/answer-view';
import { useNow } from '../_shared/clock';
import { formatLifetime, formatRemaining } from '../_shared/format-remaining';
import { recordAnswer } from '../_shared/progress-store';
import action from '../_shared/send-action.module.css';
import { outcomeOf } from '../_shared/send-request';
import { refreshDelaySeconds } from './session-requests';
import styles from './session-refreshes.module.css';
import { refresh, useSession, type Refresh, type RefreshTrigger } from './session-store';

// The longest the line above the log may say: refreshes come at most 30 s early.
const LONGEST_NEXT = 'Next refresh in 00:00, 30 s before the access token expires.';
const TRIGGERS: Record<RefreshTrigger, string> = { automatic: 'by itself', you: 'by you', reload: 'after a reload' };

/**
 * The page's refreshes as they happen: when the next one is due, the latest three (old jti → new
 * jti), and the latest request and answer. Every part keeps its size from the start, so a refresh
 * that comes by itself moves nothing on the page.
 */
export function RefreshLog() {
  const { session, refreshes } = useSession();
  const now = useNow();
  const latest = refreshes[0];
  const live = session.state === 'live';
  // Watching is this step's action: a refresh in the log that came back 200, whoever asked, does it.
  useEffect(() => {
    if (latest) recordAnswer('refresh', outcomeOf(latest.exchange));
  }, [latest]);
  const early = live ? session.lifetime - refreshDelaySeconds(session.lifetime) : 0;
  return (
    <div className={styles.refreshes}>
      <div className={`holds-longest ${styles.next}`} data-longest={LONGEST_NEXT}>
        <p>
          {live ? (
            <>
              {/* The shared clock may be up to a second behind a refresh that has just come. */}
              Next refresh in{' '}
              <span className="clock">{formatRemaining(Math.min(session.refreshAt - now, (session.lifetime - early) * 1000) / 1000)}</span>,{' '}
              {formatLifetime(Math.round(early))} before the access token expires.
            </>
          ) : session.state === 'recovering' ? (
            'Refreshing once, after the reload…'
          ) : (
            'No live session: nothing to refresh.'
          )}
        </p>
      </div>
      <p className="label" id="refresh-log-label">
        Refreshes, newest first: the access token’s jti, old → new
      </p>
      <ol className={styles.log} aria-labelledby="refresh-log-label">
        {/* Keyed by place, each row's content by its refresh: a new refresh rewrites the rows where
            they stand rather than pushing them down, which would count as a layout shift. */}
        {refreshes.length === 0 ? (
          <li className="muted">No refresh yet.</li>
        ) : (
          refreshes.map((row, place) => (
            <li key={place}>
              <RefreshRow key={row.at} refresh={row} />
            </li>
          ))
        )}
      </ol>
      <div className={action.action}>
        <p className={action.sendRow}>
          <button type="button" disabled={!live} onClick={() => void refresh('you')}>
            Refresh now
          </button>
          <code>POST /auth/refresh</code>
        </p>
        {/* Not keyed: a refresh that comes by itself leaves the detail open or closed, as it was. */}
        {latest ? (
          <AnswerView exchange={latest.exchange} expected={latest.expected} />
        ) : (
          <AnswerPlaceholder>
            Each refresh’s request and answer show here, as it happens: a new access token, and a new refresh cookie that
            the page never sees.
          </AnswerPlaceholder>
        )}
      </div>
    </div>
  );
}

function RefreshRow({ refresh: { at, trigger, from, to, exchange } }: { refresh: Refresh }) {
  return (
    <>
      <time dateTime={new Date(at).toISOString()}>{new Date(at).toLocaleTimeString()}</time> {TRIGGERS[trigger]}:{' '}
      <Jti value={from} /> → {to === null ? <span className="status fail">{exchange.status}</span> : <Jti value={to} />}
    </>
  );
}

// The first 8 characters of a jti: enough to tell tokens apart at a glance.
function Jti({ value }: { value: string | null }) {
  return value === null ? <span className="muted">none</span> : <code title={value}>{value.slice(0, 8)}</code>;
}
