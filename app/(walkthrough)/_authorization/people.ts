import { externalStore } from '../_shared/external-store';
import { decodeUnverified, lifetimeOf, stringClaim } from '../_shared/jwt-display';
import { sendRequest, type Exchange } from '../_shared/send-request';
import { userLoginRequest } from './authorization-requests';

/** Someone this part has logged in: their access token, and what it says of them. */
export interface Person {
  name: string;
  token: string;
  /** The token's session. */
  sid: string;
  /** Milliseconds since the epoch, from `expires_in` as received, whatever the computer's clock says. */
  expiresAt: number;
  lifetime: number;
}

/**
 * Who holds a token in this part: bob and alice (step 1), bob on "another device" (step 4) and the
 * throwaway admin of step 5. In memory only, as part two's access token is: a reload forgets
 * them, and their sessions end when their tokens do.
 */
export type Holder = 'bob' | 'alice' | 'other-device' | 'stale';

const people = externalStore<Partial<Record<Holder, Person>>>({ initial: () => ({}), server: {} });

/** Everyone held, by who they are here; nobody on the server. */
export function usePeople(): Partial<Record<Holder, Person>> {
  return people.useValue();
}

/** Everyone held now, outside a render. */
export function heldPeople(): Partial<Record<Holder, Person>> {
  return people.get();
}

/** Logs `name` in as `holder` with POST /auth/login; a 200 replaces whoever held that place. */
export async function logIn(holder: Holder, name: string, password: string): Promise<Exchange<'/auth/login'>> {
  const exchange = await sendRequest(userLoginRequest(name, password));
  if (exchange.answer.ok) {
    const { access_token: token, expires_in: expiresIn } = exchange.answer.body;
    const decoded = decodeUnverified(token);
    const person: Person = {
      name: stringClaim(decoded, 'user') ?? name,
      token,
      sid: stringClaim(decoded, 'sid') ?? '',
      expiresAt: Date.now() + expiresIn * 1000,
      lifetime: (decoded && lifetimeOf(decoded)) ?? expiresIn,
    };
    people.set({ ...people.get(), [holder]: person });
  }
  return exchange;
}
