import { apiRoute } from '@/lib/api-route';
import type { SessionList, SessionsEnded } from '@/lib/contract';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { endOtherSessions, listSessions } from '@/lib/session/my-sessions';

// The caller's own sessions, and "log out everywhere else".

export async function GET(request: Request) {
  return apiRoute(request, 'GET /api/sessions', 'user', async ({ caller, stores }) =>
    Response.json({ sessions: await listSessions(stores, caller) } satisfies SessionList),
  );
}

export async function DELETE(request: Request) {
  return apiRoute(request, 'DELETE /api/sessions', 'user', async ({ caller, stores }) =>
    Response.json({ ended: await endOtherSessions(stores, caller) } satisfies SessionsEnded),
  );
}

export const { OPTIONS, PATCH, POST, PUT } = apiMethods('GET, HEAD, DELETE, OPTIONS');
