import 'server-only';
import { afterFailure, EMPTY_BUCKET, forgetAt, type Bucket, type BucketState, type LoginThrottle } from './throttle';

/** How many buckets memory holds before it sweeps out the forgotten ones. */
const SWEEP_AT = 10_000;

/** The login throttle's buckets in this process's memory: development, and AUTH_STORE=memory. */
export class MemoryThrottle implements LoginThrottle {
  private readonly buckets = new Map<string, BucketState>();

  async lockedFor(buckets: Bucket[], now: number): Promise<number> {
    return Math.max(0, ...buckets.map(({ key }) => (this.buckets.get(key)?.lockedUntil ?? 0) - now));
  }

  async fail(buckets: Bucket[], lockSeconds: number, now: number): Promise<number> {
    if (this.buckets.size >= SWEEP_AT) this.sweep(now);
    for (const { key, limit } of buckets) {
      const state = this.buckets.get(key);
      this.buckets.set(key, afterFailure(state && forgetAt(state) > now ? state : EMPTY_BUCKET, limit, lockSeconds, now));
    }
    return this.lockedFor(buckets, now);
  }

  async clear(key: string): Promise<void> {
    this.buckets.delete(key);
  }

  private sweep(now: number): void {
    for (const [key, state] of this.buckets) if (forgetAt(state) <= now) this.buckets.delete(key);
  }
}
