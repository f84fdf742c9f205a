import 'server-only';
import { afterRelease, afterReserve, EMPTY_BUCKET, forgetAt, type Bucket, type BucketState, type LoginThrottle } from './throttle';

/** How many buckets memory holds before it sweeps out the forgotten ones. */
const SWEEP_AT = 10_000;

/** The login throttle's buckets in this process's memory: development, AUTH_STORE=memory, and the tutorial login's fallback. */
export class MemoryThrottle implements LoginThrottle {
  private readonly buckets = new Map<string, BucketState>();

  // No await between the check and the count: one reservation runs to its end before the next begins.
  async reserve(buckets: Bucket[], lockSeconds: number, now: number, id: string): Promise<number> {
    const states = buckets.map(({ key }) => this.live(key, now));
    const locked = Math.max(0, ...states.map((state) => state.lockedUntil - now));
    if (locked > 0) return locked;
    if (this.buckets.size >= SWEEP_AT) this.sweep(now);
    buckets.forEach(({ key, limit }, i) => this.buckets.set(key, afterReserve(states[i]!, limit, lockSeconds, now, id)));
    return 0;
  }

  async release(buckets: Bucket[], id: string, now: number): Promise<void> {
    for (const { key } of buckets) {
      const state = this.buckets.get(key);
      if (state) this.buckets.set(key, afterRelease(state, id, now));
    }
  }

  private live(key: string, now: number): BucketState {
    const state = this.buckets.get(key);
    return state && forgetAt(state) > now ? state : EMPTY_BUCKET;
  }

  private sweep(now: number): void {
    for (const [key, state] of this.buckets) if (forgetAt(state) <= now) this.buckets.delete(key);
  }
}
