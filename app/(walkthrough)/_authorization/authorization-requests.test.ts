import { describe, expect, it } from 'vitest';
import { curlCommand, displayRequest } from '../_shared/route-requests';
import { apiRequest, createUserRequest, throwawayUser, userLoginRequest } from './authorization-requests';

describe('the third part’s requests', () => {
  it('log a user in without cookies, so that part two’s session stays as it was', () => {
    const request = userLoginRequest('bob', 'password');
    expect(request).toMatchObject({ path: '/auth/login', method: 'POST', url: '/auth/login', username: 'bob' });
    expect(request.withCookies).toBeUndefined();
  });

  it('send the token as Bearer, or none, and put an id into its path', () => {
    expect(apiRequest('/api/users', 'abc')).toEqual({ path: '/api/users', url: '/api/users', headers: { Authorization: 'Bearer abc' }, token: 'abc' });
    expect(apiRequest('/api/users', null)).toEqual({ path: '/api/users', url: '/api/users', headers: {} });
    expect(apiRequest('/api/todos/:id', 't', { id: 'a/b' }).url).toBe('/api/todos/a%2Fb');
    expect(apiRequest('/api/sessions/:id', 't', { method: 'DELETE', id: 's1' })).toMatchObject({ method: 'DELETE', url: '/api/sessions/s1' });
  });

  it('send a body as JSON, shown with the request and repeated by curl as written', () => {
    const request = createUserRequest('tok', 'carol-1a2b3c', 'a'.repeat(20), 'admin');
    expect(request.headers).toEqual({ Authorization: 'Bearer tok', 'Content-Type': 'application/json' });
    const body = '{"name":"carol-1a2b3c","password":"aaaaaaaaaaaaaaaaaaaa","role":"admin","expiresIn":3600}';
    expect(displayRequest(request).body).toBe(body);
    expect(curlCommand('http://localhost:3000', request)).toBe(
      `curl -i -X POST -H 'Authorization: Bearer tok' -H 'Content-Type: application/json' -d '${body}' 'http://localhost:3000/api/users'`,
    );
  });

  it('make throwaway users the directory takes: a valid name, a password of 20 characters, new each time', () => {
    const one = throwawayUser('carol');
    expect(one.name).toMatch(/^carol-[0-9a-f]{6}$/);
    expect(one.password).toMatch(/^[0-9a-f]{20}$/);
    expect(throwawayUser('carol').name).not.toBe(one.name);
  });
});
