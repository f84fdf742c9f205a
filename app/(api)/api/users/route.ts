import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type InvalidBody, type MessageBody, type UserList } from '@/lib/contract';
import { invalidField, readJsonObject } from '@/lib/http/json-body';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { checkNewUser, checkUserListQuery, createUser, listUsers } from '@/lib/users/accounts';

// The users, for admins only: the follow-up video's GET/POST /user, with 403 where it answered 200,
// and never a password hash.

// A page at a time, `?limit=&cursor=`: the directory is not capped everywhere (PostgreSQL's is not).
export async function GET(request: Request) {
  return apiRoute(request, 'GET /api/users', 'admin', async ({ stores }) => {
    const query = checkUserListQuery(new URL(request.url).searchParams);
    if (!query.ok) return Response.json({ message: query.message, field: query.field } satisfies InvalidBody, { status: 400 });
    return Response.json((await listUsers(stores, query.value)) satisfies UserList);
  });
}

export async function POST(request: Request) {
  return apiRoute(request, 'POST /api/users', 'admin', async ({ stores }) => {
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const input = await checkNewUser(body.value);
    if (!input.ok) return invalidField(input.field, input.message);
    const user = await createUser(stores, input.value);
    if (user === 'name_taken') return Response.json({ message: MESSAGES.nameTaken } satisfies MessageBody, { status: 409 });
    if (user === 'full') return Response.json({ message: MESSAGES.tooManyUsers } satisfies MessageBody, { status: 409 });
    return Response.json(user, { status: 201, headers: { Location: `/api/users/${user.id}` } });
  });
}

export const { DELETE, OPTIONS, PATCH, PUT } = apiMethods('GET, HEAD, POST, OPTIONS');
