import 'server-only';
import type { ResetRecord, ResetStore } from './resets';

/** How many live links one process keeps at most: a link is made by an admin, so this is never reached in use. */
export const MAX_RESETS = 1000;

/** Reset links in this process's memory: development, and AUTH_STORE=memory. Each method runs without yielding, so each is atomic. */
export class MemoryResets implements ResetStore {
  private readonly links = new Map<string, ResetRecord>();

  async create(tokenHash: string, reset: ResetRecord): Promise<void> {
    const now = Date.now();
    for (const [hash, link] of this.links) if (link.userId === reset.userId || link.expiresAt <= now) this.links.delete(hash);
    // Oldest first: the map keeps the order links were made in.
    if (this.links.size >= MAX_RESETS) this.links.delete(this.links.keys().next().value!);
    this.links.set(tokenHash, { ...reset });
  }

  async peek(tokenHash: string, now: number): Promise<string | null> {
    return this.live(tokenHash, now);
  }

  async consume(tokenHash: string, now: number): Promise<string | null> {
    // No await between the look and the delete: another use cannot come in between.
    const userId = this.live(tokenHash, now);
    this.links.delete(tokenHash);
    return userId;
  }

  private live(tokenHash: string, now: number): string | null {
    const link = this.links.get(tokenHash);
    return link && link.expiresAt > now ? link.userId : null;
  }
}
