import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type MessageBody, type ResetLinkView } from '@/lib/contract';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { createResetLink } from '@/lib/users/resets';

// A one-time link for a user to set a new password, for admins only: made here, answered once,
// kept only as a hash, with the records. Any link the user had before ends.

export async function POST(request: Request, { params }: RouteContext<'/api/users/[id]/reset'>) {
  return apiRoute(request, 'POST /api/users/:id/reset', 'admin', async ({ stores }) => {
    const link = await createResetLink(stores, (await params).id);
    if (!link) return Response.json({ message: MESSAGES.notFound } satisfies MessageBody, { status: 404 });
    return Response.json({ path: `/reset/${link.token}`, expiresAt: new Date(link.expiresAt).toISOString() } satisfies ResetLinkView, { status: 201 });
  });
}

export const { DELETE, GET, OPTIONS, PATCH, PUT } = apiMethods('POST, OPTIONS');
