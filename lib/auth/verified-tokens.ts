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
export class VerifiedTokens<Entry extends object> {
  private ring: KeyRing | undefined;
  private entries = new Map<string, Entry>();

  constructor(private readonly capacity = VERIFIED_CACHE_SIZE) {}

  /** What was learnt verifying a token with this ring before, if it is still remembered. */
  get(ring: KeyRing, token: string): Entry | undefined {
    return ring === this.ring ? this.entries.get(token) : undefined;
  }

  /** Remembers a verified token; a new ring (new secrets) starts afresh, and the oldest entry goes when full. */
  remember(ring: KeyRing, token: string, entry: Entry): void {
    if (ring !== this.ring) {
      this.ring = ring;
      this.entries = new Map();
    }
    if (this.entries.size >= this.capacity) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(token, Object.freeze(entry));
  }
}
