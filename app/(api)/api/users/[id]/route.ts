import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type MessageBody } from '@/lib/contract';
import { invalidField, readJsonObject } from '@/lib/http/json-body';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { changeRole, checkRoleChange, getUser, removeUser } from '@/lib/users/accounts';

// One user, for admins only. A change of role or a removal ends that user's sessions at once; the
// last admin is never demoted or removed (409).

const notFound = () => Response.json({ message: MESSAGES.notFound } satisfies MessageBody, { status: 404 });
const lastAdmin = () => Response.json({ message: MESSAGES.lastAdmin } satisfies MessageBody, { status: 409 });

export async function GET(request: Request, { params }: RouteContext<'/api/users/[id]'>) {
  return apiRoute(request, 'GET /api/users/:id', 'admin', async ({ stores }) => {
    const user = await getUser(stores, (await params).id);
    return user ? Response.json(user) : notFound();
  });
}

export async function PATCH(request: Request, { params }: RouteContext<'/api/users/[id]'>) {
  return apiRoute(request, 'PATCH /api/users/:id', 'admin', async ({ stores }) => {
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const role = checkRoleChange(body.value);
    if (!role.ok) return invalidField(role.field, role.message);
    const user = await changeRole(stores, (await params).id, role.value);
    if (user === 'not_found') return notFound();
    if (user === 'last_admin') return lastAdmin();
    return Response.json(user);
  });
}

export async function DELETE(request: Request, { params }: RouteContext<'/api/users/[id]'>) {
  return apiRoute(request, 'DELETE /api/users/:id', 'admin', async ({ stores }) => {
    const outcome = await removeUser(stores, (await params).id);
    if (outcome === 'not_found') return notFound();
    if (outcome === 'last_admin') return lastAdmin();
    return new Response(null, { status: 204 });
  });
}

export const { OPTIONS, POST, PUT } = apiMethods('GET, HEAD, PATCH, DELETE, OPTIONS');
