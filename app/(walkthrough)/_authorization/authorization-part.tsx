import { Reason } from '../_shared/reason';
import { Part, Step } from '../_shared/step';
import { AUTHORIZATION_PART } from '../_shared/walkthrough-steps';
import { AccountLink } from './account-link';
import { THROWAWAY_SECONDS } from './authorization-requests';
import { OwnSessions, OwnTodos, StaleRole, Throttle, UsersThreeWays } from './authorization-steps';
import styles from './authorization.module.css';
import { UserLogins } from './user-login';

/**
 * Part three, who may do what: the follow-up video's users, roles and to-dos, done properly. Each
 * user here is logged in without cookies, so that part two's session is left as it was.
 */
export function AuthorizationPart() {
  return (
    <Part
      id={AUTHORIZATION_PART}
      title="Who may do what"
      intro={
        <p>
          The video ends by promising a more realistic example: users in a database, an admin flag, and to-dos that
          each user sees for themselves. Here it is, on the session API of part two: real users with hashed
          passwords and roles, routes under <code>/api/</code> that take a session’s access token as{' '}
          <code>Authorization: Bearer</code>, and 403 where 403 belongs.
        </p>
      }
    >
      <Step id="two-users" number={1} title="Log in as bob and as alice">
        <p id="two-users-hint">
          <code>bob</code> is a user and <code>alice</code> an admin; in development both have the password{' '}
          <code>password</code>. Each logs in with <code>POST /auth/login</code>, and this page keeps their access
          tokens in memory for this part only: no cookie is kept, so part two’s session stays as it was.
        </p>
        <UserLogins />
        <dl className={styles.claims}>
          <dt>
            <code>sub</code>
          </dt>
          <dd>The user’s public id: opaque, never the name, so a rename changes nothing and the id tells nothing.</dd>
          <dt>
            <code>roles</code>
          </dt>
          <dd>What the user was when the token was signed. A hint for the client; the server asks the directory.</dd>
          <dt>
            <code>iss</code>
          </dt>
          <dd>Who signed it: this app. A token from anywhere else is refused, even with the right key.</dd>
          <dt>
            <code>aud</code>
          </dt>
          <dd>Whom it is for: the API. A token meant for another service is refused here, and ours there.</dd>
        </dl>
      </Step>

      <Step id="forbidden" number={2} title="GET /api/users: 403, 200 and 401">
        <p>
          The list of users is for admins. The same request three times: bob’s token is sound, so he is known but
          not allowed, <strong>403</strong> with <code>WWW-Authenticate: Bearer error=&quot;insufficient_scope&quot;</code>.
          alice’s gets the list, never a password hash. With no token: <strong>401</strong>.
        </p>
        <UsersThreeWays />
        <p>
          401 says “who are you?”: log in, or send a better token. 403 says “I know who you are, and you may not”:
          no other token of yours will help. The tutorial answered 403 for a missing token; this is where 403 belongs.
        </p>
      </Step>

      <Step id="own-data" number={3} title="Bob’s to-dos, and alice’s">
        <p>
          bob adds a to-do and lists his own, newest first. Then alice adds one, and bob asks for it by its id:{' '}
          <strong>404</strong>, as for an id that never existed. A 403 would tell bob that the id is someone’s, and
          every id he tries would say whether it is; to him, another user’s to-do does not exist.
        </p>
        <OwnTodos />
      </Step>

      <Step id="own-sessions" number={4} title="Your sessions">
        <p>
          bob logs in again, as if on another device: two sessions. He lists them, and ends the other device’s. Its
          access token has not expired, but its next call gets 401, reason <Reason name="revoked" />, at once. Then
          “log out everywhere else” ends all of bob’s sessions but this one: the sessions of his in part two or on
          the account page too, if he has any.
        </p>
        <OwnSessions />
      </Step>

      <Step id="stale-role" number={5} title="A role taken away">
        <p>
          alice makes a throwaway admin, carol, with a random password, and carol logs in: her token says{' '}
          <code>{'"roles": ["admin"]'}</code> and she may list the users. alice demotes her. carol’s token has not
          changed and has not expired, but it is refused at once, 401 <Reason name="revoked" />: a change of role
          ends the user’s sessions, and every route judges the role by the directory, never by the token. A stale{' '}
          <code>roles</code> claim buys nothing. Then alice removes carol. Each throwaway is made with{' '}
          <code>{`"expiresIn": ${THROWAWAY_SECONDS}`}</code>: one a walk leaves behind is removed by itself an hour later, with its
          sessions.
        </p>
        <StaleRole />
      </Step>

      <Step id="throttle" number={6} title="Guessing passwords">
        <p>
          alice makes a throwaway user, dave, so that bob and alice, whom everyone here shares, are never locked
          out. Wrong passwords for dave are sent one after another until the throttle answers{' '}
          <strong>429</strong> with <code>Retry-After</code>: 5 failures lock a name for 60 s, twice as long each
          time it locks again (<code>LOGIN_MAX_FAILURES</code>, <code>LOGIN_LOCK_SECONDS</code>).
        </p>
        <Throttle />
        <p>
          The right password during the lock gets 429 too. If it were let in, the lock would tell a guesser the
          moment a guess was right, and guessing would go on at full speed; refused, a right guess looks like a
          wrong one until the lock is over. Each attempt is counted before its password is hashed, so twenty sent
          at once get five checks, not twenty. A browser that logged in as dave before keeps a bucket of its own (a
          signed <code>device</code> cookie), so guessing cannot lock dave out of it. Behind a trusted proxy the
          name is locked per IP first (everywhere at 20), and an IP after 20 failures in 15 minutes, whatever
          names it tries.
        </p>
      </Step>

      <Step id="account-page" number={7} title="The same, as a Next.js page">
        <p>
          An app is mostly pages. <code>/account</code> is a Server Component: it asks the Data Access Layer who
          is signed in (<code>getCurrentUser</code>, once per request), and renders that user’s to-dos, sessions
          and, for an admin, the users. Every change is a form posted to a Server Action that asks the DAL again and
          calls the same functions as the <code>/api</code> routes. It works with JavaScript off.
        </p>
        <AccountLink />
      </Step>
    </Part>
  );
}
