import { expect, type APIRequestContext } from '@playwright/test';
import type { SessionTokenBody, UserList, UserView } from '@/lib/contract';
import { basicHeader } from '@/test/hostile-cases';
import { COOKIES, cookieValue, setCookies } from './session-client';

// The /api routes as a client sees them: log in for a session, then send its access token.

export interface LoggedIn {
  token: string;
  refreshToken: string;
  csrf: string;
  /** `Authorization: Bearer <token>`, for a request's headers. */
  auth: { Authorization: string };
}

/** POST /auth/login at `base` ('' for the project's own server), from a client named by `userAgent`. */
export async function logIn(request: APIRequestContext, name: string, password = 'password', { base = '', userAgent }: { base?: string; userAgent?: string } = {}): Promise<LoggedIn> {
  const response = await request.post(`${base}/auth/login`, { headers: { Authorization: basicHeader(`${name}:${password}`), ...(userAgent ? { 'User-Agent': userAgent } : {}) } });
  expect(response.status(), `${name} logs in`).toBe(200);
  const body = (await response.json()) as SessionTokenBody;
  return { token: body.access_token, refreshToken: cookieValue(setCookies(response), COOKIES.refresh)!, csrf: body.csrf_token, auth: { Authorization: `Bearer ${body.access_token}` } };
}

/** A fresh user, made by `admin` through POST /api/users, whose name no other test uses. */
export async function newUser(request: APIRequestContext, admin: LoggedIn, role: 'admin' | 'user' = 'user', base = ''): Promise<UserView & { password: string }> {
  const name = `u${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}`;
  const password = `a long password for ${name}`;
  const response = await request.post(`${base}/api/users`, { headers: admin.auth, data: { name, password, role } });
  expect(response.status(), `${name} is created`).toBe(201);
  return { ...((await response.json()) as UserView), password };
}

/** Every user, as `admin` sees them through GET /api/users, following `next_cursor` to the last page. */
export async function allUsers(request: APIRequestContext, admin: LoggedIn, base = ''): Promise<UserView[]> {
  const users: UserView[] = [];
  let cursor: string | null = null;
  do {
    const query: string = cursor === null ? '?limit=100' : `?limit=100&cursor=${cursor}`;
    const response = await request.get(`${base}/api/users${query}`, { headers: admin.auth });
    expect(response.status(), `GET /api/users${query}`).toBe(200);
    const page = (await response.json()) as UserList;
    users.push(...page.users);
    cursor = page.next_cursor;
  } while (cursor !== null);
  return users;
}
