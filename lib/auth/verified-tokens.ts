import type { JWTPayload } from 'jose';
import type { KeyRing } from './keys';

/** How many verified tokens are remembered; the oldest is forgotten first. */
export const VERIFIED_CACHE_SIZE = 1000;

/**
 * Tokens that passed jose's checks (form, algorithm, signature, `typ`, `nbf`), remembered by their
 * exact text for the key ring that verified them, so that a client sending the same token on every
 * call pays for one WebCrypto verify, not one per call. Keying on the text is safe for a list of
 * tokens that *passed*: each spelling of a token gets in only by verifying itself. (A deny-list is
 * the opposite case, and must never key on the text.) Claims that change with time are checked
 * again by the caller on every hit.
 */
export class VerifiedTokens {
  private ring: KeyRing | undefined;
  private payloads = new Map<string, JWTPayload>();

  constructor(private readonly capacity = VERIFIED_CACHE_SIZE) {}

  /** The payload of a token this ring verified before, if it is still remembered. */
  get(ring: KeyRing, token: string): JWTPayload | undefined {
    return ring === this.ring ? this.payloads.get(token) : undefined;
  }

  /** Remembers a verified token; a new ring (new secrets) starts afresh, and the oldest entry goes when full. */
  remember(ring: KeyRing, token: string, payload: JWTPayload): void {
    if (ring !== this.ring) {
      this.ring = ring;
      this.payloads = new Map();
    }
    if (this.payloads.size >= this.capacity) this.payloads.delete(this.payloads.keys().next().value!);
    this.payloads.set(token, Object.freeze(payload));
  }
}
