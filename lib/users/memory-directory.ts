import 'server-only';
import type { Role } from '../contract';
import { byAge, pageOf } from './cursor';
import { hasExpired, MAX_USERS, type ChangeOutcome, type CreateOutcome, type SeedOutcome, type UserDirectory, type UserPage, type UserRecord } from './directory';
import { nameKey } from './names';

/** Users in this process's memory: development, and AUTH_STORE=memory. Each method runs without yielding, so each is atomic. */
export class MemoryDirectory implements UserDirectory {
  private readonly users = new Map<string, UserRecord>();
  private readonly ids = new Map<string, string>();
  private readonly seeded = new Set<string>();

  async create(user: UserRecord): Promise<CreateOutcome> {
    if (this.ids.has(nameKey(user.name))) return 'name_taken';
    if (this.users.size >= MAX_USERS) return 'full';
    this.users.set(user.id, { ...user });
    this.ids.set(nameKey(user.name), user.id);
    return 'created';
  }

  async seed(user: UserRecord): Promise<SeedOutcome> {
    const key = nameKey(user.name);
    if (this.seeded.has(key)) return 'applied_before';
    const outcome = await this.create(user);
    if (outcome !== 'full') this.seeded.add(key);
    return outcome;
  }

  async wasSeeded(name: string): Promise<boolean> {
    return this.seeded.has(nameKey(name));
  }

  async byId(id: string): Promise<UserRecord | null> {
    const user = this.users.get(id);
    return user && !hasExpired(user) ? { ...user } : null;
  }

  async byName(name: string): Promise<UserRecord | null> {
    const id = this.ids.get(nameKey(name));
    return id === undefined ? null : this.byId(id);
  }

  async list(): Promise<UserRecord[]> {
    const now = Date.now();
    return [...this.users.values()].filter((user) => !hasExpired(user, now)).map((user) => ({ ...user })).sort(byAge);
  }

  async page(options: { after?: string; limit: number }): Promise<UserPage> {
    return pageOf(await this.list(), options);
  }

  async expired(now: number): Promise<string[]> {
    return [...this.users.values()].filter((user) => hasExpired(user, now)).map((user) => user.id);
  }

  async setRole(id: string, role: Role): Promise<ChangeOutcome> {
    const user = this.users.get(id);
    if (!user) return 'not_found';
    if (this.isLastAdmin(user) && role !== 'admin') return 'last_admin';
    user.role = role;
    return 'changed';
  }

  async setPasswordHash(id: string, passwordHash: string, expected: string | null): Promise<boolean> {
    const user = this.users.get(id);
    if (!user || (expected !== null && user.passwordHash !== expected)) return false;
    user.passwordHash = passwordHash;
    return true;
  }

  async remove(id: string): Promise<ChangeOutcome> {
    const user = this.users.get(id);
    if (!user) return 'not_found';
    if (this.isLastAdmin(user)) return 'last_admin';
    this.users.delete(id);
    this.ids.delete(nameKey(user.name));
    return 'changed';
  }

  // An admin whose time is up is no longer one: the last admin is the last live one.
  private isLastAdmin(user: UserRecord): boolean {
    const live = (other: UserRecord) => other.role === 'admin' && !hasExpired(other);
    return live(user) && [...this.users.values()].filter(live).length === 1;
  }
}
