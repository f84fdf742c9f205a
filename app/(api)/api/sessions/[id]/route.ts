import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type MessageBody } from '@/lib/contract';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { endSession } from '@/lib/session/my-sessions';

// Ends one of the caller's own sessions; another user's is 404, as an unknown one is.

export async function DELETE(request: Request, { params }: RouteContext<'/api/sessions/[id]'>) {
  return apiRoute(request, 'DELETE /api/sessions/:id', 'user', async ({ caller, stores }) =>
    (await endSession(stores, caller, (await params).id))
      ? new Response(null, { status: 204 })
      : Response.json({ message: MESSAGES.notFound } satisfies MessageBody, { status: 404 }),
  );
}

export const { GET, OPTIONS, PATCH, POST, PUT } = apiMethods('DELETE, OPTIONS');
