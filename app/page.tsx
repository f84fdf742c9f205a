import Link from 'next/link';
import { CSRF_COOKIE, CSRF_HEADER, MESSAGES, TOKEN_PARAM, VERDICTS, type InvalidTokenReason } from '@/lib/contract';
import { LoginForm } from './login-form';
import { RequestAction } from './request-action';
import { GARBAGE_TOKEN, SHORT_TTL_SECONDS } from './route-requests';
import { CsrfAction, LogoutAndCompare, SessionTokenAction } from './session-actions';
import { HeldByPage, SessionLoginForm } from './session-login';
import { RefreshLog } from './session-refreshes';
import { ReplayDemo } from './session-replay';
import { Part, Step } from './step';
import { TokenBar } from './token-bar';
import { TokenInspector } from './token-inspector';
import { SESSIONS_PART } from './walkthrough-steps';

// A static page: the steps' words and code are rendered here on the server, at build time; only
// the actions, the answers and the token bar are client components.
export default function Home() {
  return (
    <>
      <header className="intro">
        <h1>JWT API authentication in Next.js</h1>
        <p>The Flask JWT tutorial in your browser: log in, get a token, call the API with it.</p>
      </header>
      <main>
        <TokenBar />

        <Part id="tutorial" title="The tutorial">
          <Step id="open" number={1} title="The open route">
            <p>
              <code>/unprotected</code> answers anyone, token or not.
            </p>
            <RequestAction step="open" action="unprotected" />
          </Step>

          <Step id="challenge" number={2} title="/login asks for credentials">
            <p>
              Without them: 401 and <code>WWW-Authenticate: Basic</code>, which makes a browser ask for a password (
              <a href="/login">try it</a>).
            </p>
            <RequestAction step="challenge" action="login-challenge" />
          </Step>

          <Step id="login" number={3} title="Log in, get a token">
            <p id="login-hint">
              Any username; the password is <code>password</code> unless the server sets <code>DEMO_PASSWORD</code> or{' '}
              <code>DEMO_USERS</code>.
            </p>
            <LoginForm step="login" describedBy="login-hint" />
          </Step>

          <Step id="inspect" number={4} title="Look inside the token">
            <TokenInspector />
          </Step>

          <Step id="missing" number={5} title="/protected with no token">
            <p>
              The edge middleware, a gate in front of <code>/protected</code>, refuses it before the route runs: 401{' '}
              <q>{MESSAGES.tokenMissing}</q>
            </p>
            <RequestAction step="missing" action="no-token" />
          </Step>

          <Step id="invalid" number={6} title="With a made-up token">
            <p>
              The video sends <code>{GARBAGE_TOKEN}</code> as the token. It is not even a well-formed JWT: 401{' '}
              <q>{MESSAGES.tokenInvalid}</q>, reason <Reason name="malformed" />.
            </p>
            <RequestAction step="invalid" action="garbage" />
          </Step>

          <Step id="valid" number={7} title="With your token">
            <p>
              The gate lets it through and the route verifies it again: 200 with your username. The tutorial sends it as{' '}
              <code>?{TOKEN_PARAM}=</code>; <code>Authorization: Bearer</code> keeps it out of browser history and server
              logs. Both need a token from step 3.
            </p>
            <RequestAction step="valid" action="query" />
            <RequestAction step="valid" action="bearer" />
          </Step>

          <Step id="expired" number={8} title="A short token expires">
            <p>
              Log in for a {SHORT_TTL_SECONDS}-second token, wait for the bar above to say Expired, then send it again:
              401 <q>{MESSAGES.tokenInvalid}</q>, reason <Reason name="expired" />.
            </p>
            <LoginForm short />
            <RequestAction step="expired" action="bearer" />
          </Step>

          <Step id="again" number={9} title="Log in again">
            <p>A fresh token, and /protected answers 200 again.</p>
            <LoginForm step="again" />
            <RequestAction step="again" action="bearer" />
          </Step>

          <p className="part-end">
            That is the whole tutorial. <Link href="/from-flask">From Flask to Next.js</Link> maps each part of the
            video’s Flask app to its counterpart here, and says where this app differs, and why.
          </p>
        </Part>

        <Part
          id="beyond"
          title="Beyond the tutorial"
          intro={<p className="part-intro">Two forged tokens the video does not try. Both start from yours.</p>}
        >
          <Step id="tampered" number={1} title="A tampered token">
            <p>
              Your payload, changed to claim another user (<code>admin</code>, or <code>root</code> if you are admin),
              under the old signature. The signature no longer fits: 401, reason <Reason name="bad_signature" />.
            </p>
            <RequestAction step="tampered" action="tampered" />
          </Step>

          <Step id="alg-none" number={2} title="alg: none">
            <p>
              Your payload under a header saying <code>{'"alg": "none"'}</code>, with no signature at all. Only HS256 is
              allowed: 401, reason <Reason name="unsupported_algorithm" />.
            </p>
            <RequestAction step="alg-none" action="alg-none" />
          </Step>
        </Part>

        <Part
          id={SESSIONS_PART}
          title="Sessions that end"
          intro={
            <p className="part-intro">
              The tutorial’s token cannot be ended: until its <code>exp</code> it works for whoever holds it, and logging
              out only forgets it in the browser. The session API beside it, <code>/auth/*</code>, issues tokens that can
              end: a short access token that this page refreshes by itself, a refresh token that it never sees, and a
              session on the server that a logout or a stolen token ends at once.
            </p>
          }
        >
          <Step id="session-login" number={1} title="Log in for a session">
            <p id="session-login-hint">
              <code>POST /auth/login</code>, with the same credentials as step 3. Choose 15 s to watch the access token
              refresh; the server’s <code>ACCESS_TTL_SECONDS</code> (5 min unless set) is the longest it gives.
            </p>
            <SessionLoginForm describedBy="session-login-hint" />
            <HeldByPage />
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
              <code>POST /auth/logout</code> ends the session in the store and clears both cookies. Then send the
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
        </Part>
      </main>
      <footer className="muted">
        <Link href="/from-flask">From Flask to Next.js</Link>. Direct links: <a href="/unprotected">/unprotected</a>,{' '}
        <a href="/login">/login</a> (your browser asks for the username and password), <a href="/protected">/protected</a>.
      </footer>
    </>
  );
}

// A reason named in the text is checked against the contract, so a renamed reason is a type error here.
function Reason({ name }: { name: InvalidTokenReason }) {
  return <code>{name}</code>;
}
