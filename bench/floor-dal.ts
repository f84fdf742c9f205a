import 'server-only';
import { redirect } from 'next/navigation';
import { connection } from 'next/server';
import { cache } from 'react';
import type { Caller } from '@/lib/caller';
import type { Role } from '@/lib/contract';
import { getStores, type Stores } from '@/lib/stores';
import { getUsersConfig } from '@/lib/users/config';

// The bench's floor for the account page: copied over lib/dal.ts in bench/.floor, with the same
// exports as the real Data Access Layer, but its user is a constant, the bench's admin, found once.
// The page renders the same data; what the real DAL's cookie check and store reads cost is measured
// against this.

export async function stores(): Promise<Stores> {
  const found = await getStores(getUsersConfig().seeds);
  if (!found) throw new Error('No store is configured.');
  return found;
}

let constant: Promise<Caller> | undefined;

export const getCurrentUser = cache(async (): Promise<Caller | null> => {
  // Rendered at each request, as the real DAL's cookies() makes it: else the build prerenders the page.
  await connection();
  constant ??= stores()
    .then((s) => s.users.byName('bench'))
    .then((user) => ({ id: user!.id, name: user!.name, role: user!.role, sid: 'floor' }));
  return constant;
});

export async function requireUser(): Promise<Caller> {
  const user = await getCurrentUser();
  if (!user) redirect('/sign-in');
  return user;
}

export async function requireRole(role: Role): Promise<Caller | null> {
  const user = await requireUser();
  return user.role === role ? user : null;
}
