import { CSRF_COOKIE, CSRF_HEADER, DEVICE_COOKIE, PAGE_SESSION_COOKIE, REFRESH_COOKIE, VERDICTS } from '@/lib/contract';
import { CopyButton } from '../_shared/copy-button';
import { Reason } from '../_shared/reason';
import { Part, Step } from '../_shared/step';
import { SESSIONS_PART } from '../_shared/walkthrough-steps';
import { CsrfAction, LogoutAndCompare, SessionTokenAction } from './session-actions';
import { JwksCheck } from './session-jwks';
import { HeldByPage, SessionLoginForm } from './session-login';
import { RefreshLog } from './session-refreshes';
import { ReplayDemo } from './session-replay';
import styles from './session-jwks.module.css';

const CURL_FLASK = 'curl -H "Authorization: Bearer $TOKEN" http://localhost:5000/protected';

/** Part two, sessions that end: the session API's tokens, which a logout or a replay ends at once. */
export function SessionsPart() {
  return (
    <Part
      id={SESSIONS_PART}
      title="Sessions that end"
      intro={
        <p>
          The tutorial’s token cannot be ended: until its <code>exp</code> it works for whoever holds it, and logging
          out only forgets it in the browser. The session API beside it, <code>/auth/*</code>, issues tokens that can
          end: a short access token that this page refreshes by itself, a refresh token that it never sees, and a
          session on the server that a logout or a stolen token ends at once.
        </p>
      }
    >
      <Step id="session-login" number={1} title="Log in for a session">
        <p id="session-login-hint">
          <code>POST /auth/login</code>, as a user the server knows: <code>alice</code> (admin) or <code>bob</code>{' '}
          (user), password <code>password</code> in development. Choose 15 s to watch the access token refresh; the
          server’s <code>ACCESS_TTL_SECONDS</code> (5 min unless set) is the longest it gives.
        </p>
        <SessionLoginForm describedBy="session-login-hint" />
        <HeldByPage />
        <p>
          <strong>Three cookies.</strong> The login’s answer sets <code>{REFRESH_COOKIE}</code> (HttpOnly, sent to{' '}
          <code>/auth</code> only), <code>{CSRF_COOKIE}</code> (readable, so that a reload can send it back) and{' '}
          <code>{PAGE_SESSION_COOKIE}</code> (HttpOnly), which names the same session to the pages: so{' '}
          <a href="/account">/account</a>, part three’s Next.js page, opens signed in as this user, and a logout here
          signs you out there too. It also leaves an HttpOnly <code>{DEVICE_COOKIE}</code> cookie, which names no
          session: it lets this browser log in as this user while guessers lock the name (part three, step 6).
        </p>
        <p>
          <strong>Why memory only.</strong> Any script running in this page, one slipped in through an XSS hole too,
          can read <code>sessionStorage</code>, <code>localStorage</code> and every cookie without{' '}
          <code>HttpOnly</code>, and send a token away to use elsewhere. Held in a variable, the access token lasts
          minutes and is gone with the tab; the refresh token, which lasts a day, no script can read at all. Part one
          kept its token in <code>sessionStorage</code>, so that a reload keeps it; here a reload costs one refresh.
        </p>
      </Step>

      <Step id="refresh" number={2} title="Watch it refresh">
        <p>
          Shortly before the access token expires, the page sends <code>POST /auth/refresh</code> by itself: the
          browser adds the refresh cookie, the page adds <code>{CSRF_HEADER}</code>. The server spends that refresh
          token, sets its successor in the cookie, and answers a new access token, with a new <code>jti</code>.
        </p>
        <RefreshLog />
        <p className="hint">
          One refresh at a time. In this tab, a refresh asked for while one is on its way waits for its answer. Across
          tabs, a Web Lock (<code>navigator.locks</code>) holds a tab back until the one refreshing has its new cookie,
          so no two tabs send the same one; should two ever race, in a browser without Web Locks, the server’s grace
          window (<code>REFRESH_GRACE_SECONDS</code>) gives both the same successor. And reload the page: the CSRF
          token is readable from the <code>{CSRF_COOKIE}</code> cookie and the refresh cookie survives, so one
          refresh brings the session back.
        </p>
      </Step>

      <Step id="session-protected" number={3} title="/protected with the session’s token">
        <p>
          The gate at the edge checks the signature and the claims, but no store is reachable from there: it passes
          the token on, saying <q>{VERDICTS.sessionNotChecked}</q>. The route then asks the store whether the session
          is alive: <q>{VERDICTS.sessionLive}</q>.
        </p>
        <SessionTokenAction />
      </Step>

      <Step id="logout" number={4} title="Log out">
        <p>
          <code>POST /auth/logout</code> ends the session in the store and clears its three cookies; the{' '}
          <code>{DEVICE_COOKIE}</code> cookie stays, as it outlives sessions on purpose. Then send the
          session’s last access token again. It has not expired and its signature is sound, so the gate passes it; the
          route refuses it: 401, reason <Reason name="revoked" />. The gate cannot know about a logout; the route can.
        </p>
        <LogoutAndCompare />
        <p>
          Your tutorial token still gets 200, and will until it expires. It is stateless: nothing on the server
          remembers it, so nothing can end it early, and a stolen copy works as long. The session’s token names its
          session (<code>sid</code>), which the route looks up at every request, so one logout ends every token of the
          session at once. The price is that lookup, in a store that every instance shares.
        </p>
      </Step>

      <Step id="replay" number={5} title="Replay a spent refresh token">
        <p>
          Each refresh spends the refresh token it sends. If a spent one comes back, someone kept a copy: a thief, or
          you after a thief used it first. The server cannot tell which, so it revokes the whole session. This page
          never holds a refresh token, so it asks the server to send the spent one again, as a thief would, once the
          grace window has closed.
        </p>
        <ReplayDemo />
        <p className="hint">
          <code>POST /auth/demo/replay</code> is in production builds too, and harmless there: only the session’s own
          holder can call it (its live cookie, its CSRF token, this site’s Origin), and the worst it can do is end that
          one session, as logging out does. SECURITY.md, in the repository, says more.
        </p>
      </Step>

      <Step id="csrf" number={6} title="A refresh without the CSRF token">
        <p>
          The browser attaches the refresh cookie by itself, whichever page made the request: a cookie shows which
          browser sent it, never which page. So a cookie alone must never be enough. <code>{CSRF_HEADER}</code> shows
          the request came from this site, since only a script here can read the <code>{CSRF_COOKIE}</code> cookie and
          set a header; <code>SameSite=Strict</code> and the Origin check stand behind it. Without the header: 403,
          and the refresh token is not spent.
        </p>
        <CsrfAction />
      </Step>

      <Step id="other-services" number={7} title="Tokens other services trust">
        <p>
          The session’s access tokens are signed with ES256: a private key signs them, and its public half, which
          only verifies, is published at <code>GET /.well-known/jwks.json</code>. So another service, the tutorial’s
          Flask API say, verifies them with no secret at all: nothing it holds could sign a token. Fetch the keys,
          then verify the session’s token here, in your browser, with those keys alone.
        </p>
        <JwksCheck />
        <p className={styles.curl}>
          <code>{CURL_FLASK}</code> <CopyButton text={CURL_FLASK} label="Copy curl" />
        </p>
        <p>
          <strong>What it cannot see.</strong> The Flask API checks the signature and the claims, never the store: a
          logout here does not reach it, and it takes the token until its <code>exp</code>. That is why access tokens
          are short, <code>ACCESS_TTL_SECONDS</code> (5 min unless set). A service that must see a logout at once asks
          the issuer at each request instead: token introspection (RFC 7662), or, here, <code>GET /protected</code>,
          whose route looks the session up.
        </p>
      </Step>
    </Part>
  );
}
