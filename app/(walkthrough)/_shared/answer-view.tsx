import type { ReactNode } from 'react';
import { parseServerTiming } from '@/lib/contract';
import styles from './answer-view.module.css';
import { CopyButton } from './copy-button';
import { shortenToken } from './jwt-display';
import { describeLayers } from './layer-path';
import { curlCommand, describeOutcome, displayRequest, matches, type Outcome } from './route-requests';
import { outcomeOf, type Exchange } from './send-request';

const STATUS_TEXT: Record<number, string> = {
  0: 'No answer',
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  409: 'Conflict',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

// Each exchange's summary lines are new nodes that replace the last one's in place: a box that shows
// one answer after another (the page's refreshes) never moves an old line aside, which would count
// as a layout shift. The status region itself stays, so that each new answer is announced.
const serials = new WeakMap<Exchange, number>();
let lastSerial = 0;
function serialOf(exchange: Exchange): number {
  let serial = serials.get(exchange);
  if (serial === undefined) serials.set(exchange, (serial = ++lastSerial));
  return serial;
}

/**
 * One answer, in a box whose height is fixed from the click on: the status, the body and the layers
 * that answered, each in lines of fixed count, then the full exchange behind a disclosure. An answer
 * that arrives late fills the box and moves nothing on the page; one held until another's answer is
 * in says whose (`waitingFor`). One that only says "not yet"
 * (`waiting`) is shown as the neutral wait it is, not as a refusal; `longBody` gives the body room
 * for a whole sentence on a phone.
 */
export function AnswerView({
  exchange,
  expected,
  waiting = false,
  waitingFor,
  longBody = false,
}: {
  exchange: Exchange | null;
  expected?: Outcome;
  waiting?: boolean;
  /** Before it is sent: the send whose answer it waits for. */
  waitingFor?: string;
  longBody?: boolean;
}) {
  // Without a verdict the status fits one line: a login's answer box needs less room.
  const className = [styles.answer, !expected && styles.withoutVerdict, longBody && styles.longBody].filter(Boolean).join(' ');
  if (!exchange) {
    return (
      <div className={className}>
        <div className={styles.summary} role="status">
          <Room />
          <div className={styles.shown}>
            <p className={styles.statusLine}>{waitingFor ? 'Waiting…' : 'Sending…'}</p>
            {waitingFor && (
              <p className={styles.body}>
                Waiting for the answer to <code>{waitingFor}</code>: this one depends on it.
              </p>
            )}
          </div>
        </div>
        <p className={styles.detailLine} />
      </div>
    );
  }

  const { request, status, answer, serverTiming, milliseconds } = exchange;
  const verdict = expected && matches(expected, outcomeOf(exchange));
  const body = oneLine(shortened(answer.body));

  return (
    <div className={className}>
      <div className={styles.summary} role="status">
        <Room />
        <div key={serialOf(exchange)} className={styles.shown}>
          <p className={styles.statusLine}>
            <span className={`status ${waiting ? 'wait' : answer.ok ? 'ok' : 'fail'}`}>
              {status} {STATUS_TEXT[status] ?? ''}
            </span>
            <span className="muted">{milliseconds} ms</span>
            {expected && (
              <span className={verdict ? 'verdict ok' : 'verdict fail'}>
                {verdict ? '✓ As expected' : `✗ Expected ${describeOutcome(expected)}`}
              </span>
            )}
          </p>
          <p className={styles.body}>
            <code>{body}</code>
          </p>
          <p className={styles.layers}>
            {status === 0 ? 'No answer, so no layer to show.' : describeLayers(request.path, parseServerTiming(serverTiming))}
          </p>
        </div>
      </div>
      <details className={styles.detail}>
        <summary>The full exchange, with curl</summary>
        <ExchangeDetail exchange={exchange} />
      </details>
    </div>
  );
}

// The summary's lines at their full counts, empty and hidden, under the lines shown: they hold the
// box's height whatever the answer says, and before it comes.
function Room() {
  return (
    <div className={styles.room} aria-hidden="true">
      <p className={styles.statusLine} />
      <p className={styles.body} />
      <p className={styles.layers} />
    </div>
  );
}

/** Where answers will show, before the first: a sentence in a box of an answer's size. */
export function AnswerPlaceholder({ children }: { children: ReactNode }) {
  return (
    <div className={`${styles.answer} ${styles.placeholder}`}>
      <div aria-hidden="true">
        <div className={styles.summary}>
          <Room />
        </div>
        <p className={styles.detailLine} />
      </div>
      <p className="muted">{children}</p>
    </div>
  );
}

/** The exchange in full: the request as sent, the status, headers and body, and curl to repeat it. */
function ExchangeDetail({ exchange }: { exchange: Exchange }) {
  const { request, status, answer, wwwAuthenticate, retryAfter, serverTiming } = exchange;
  const shown = displayRequest(request);
  const curl = curlCommand(window.location.origin, request);
  const headers = [
    ['WWW-Authenticate', wwwAuthenticate],
    ['Retry-After', retryAfter],
    ['Server-Timing', serverTiming],
  ].filter((header): header is [string, string] => header[1] !== null);
  return (
    <div className={styles.exchange}>
      <p className="label">Request</p>
      <pre className="code">
        <code>
          {`${shown.method} ${shown.url}`}
          {shown.headers.map(([name, value]) => `\n${name}: ${value}`).join('')}
          {shown.body !== undefined && `\n\n${shown.body}`}
        </code>
      </pre>
      <p className="label">Response</p>
      <pre className="code">
        <code>
          {`${status} ${STATUS_TEXT[status] ?? ''}`}
          {headers.map(([name, value]) => `\n${name}: ${value}`).join('')}
          {answer.body !== null && `\n\n${JSON.stringify(shortened(answer.body), null, 2)}`}
        </code>
      </pre>
      {request.withCookies && (
        <p className="hint">
          Set-Cookie is hidden from scripts: the browser keeps the cookies itself. In curl, the file <code>jar</code> plays
          the browser’s part, so log in with curl first.
        </p>
      )}
      <p className="label">Try it with curl</p>
      <div className={styles.curlRow}>
        {/* One line that scrolls, so the detail's height does not depend on the token's length. */}
        <pre className={`code ${styles.curl}`} tabIndex={0}>
          <code>{curl}</code>
        </pre>
        <CopyButton text={curl} label="Copy curl command" />
      </div>
    </div>
  );
}

// The token from a login is shown whole in step 4; here a short form keeps the answer readable.
function shortened(body: object | null): object | null {
  if (body === null) return null;
  if ('token' in body && typeof body.token === 'string') return { ...body, token: shortenToken(body.token) };
  if ('access_token' in body && typeof body.access_token === 'string') return { ...body, access_token: shortenToken(body.access_token) };
  return body;
}

// `{ "message": "Token is invalid!", "reason": "malformed" }`: the JSON as sent, on one line.
function oneLine(body: object | null): string {
  return body === null ? '(no body)' : JSON.stringify(body, null, 1).replace(/\n\s*/g, ' ');
}
