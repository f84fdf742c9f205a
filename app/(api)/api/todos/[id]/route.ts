import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type MessageBody } from '@/lib/contract';
import { invalidField, readJsonObject } from '@/lib/http/json-body';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { checkTodoChange, deleteTodo, getTodo, updateTodo } from '@/lib/todos/todos';

// One of the caller's to-dos. Another user's id answers 404, as an unknown one does, never 403:
// the answer must not tell that it exists.

const notFound = () => Response.json({ message: MESSAGES.notFound } satisfies MessageBody, { status: 404 });

export async function GET(request: Request, { params }: RouteContext<'/api/todos/[id]'>) {
  return apiRoute(request, 'GET /api/todos/:id', 'user', async ({ caller, stores }) => {
    const todo = await getTodo(stores, caller, (await params).id);
    return todo ? Response.json(todo) : notFound();
  });
}

export async function PATCH(request: Request, { params }: RouteContext<'/api/todos/[id]'>) {
  return apiRoute(request, 'PATCH /api/todos/:id', 'user', async ({ caller, stores }) => {
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const change = checkTodoChange(body.value);
    if (!change.ok) return invalidField(change.field, change.message);
    const todo = await updateTodo(stores, caller, (await params).id, change.value);
    return todo ? Response.json(todo) : notFound();
  });
}

export async function DELETE(request: Request, { params }: RouteContext<'/api/todos/[id]'>) {
  return apiRoute(request, 'DELETE /api/todos/:id', 'user', async ({ caller, stores }) =>
    (await deleteTodo(stores, caller, (await params).id)) ? new Response(null, { status: 204 }) : notFound(),
  );
}

export const { OPTIONS, POST, PUT } = apiMethods('GET, HEAD, PATCH, DELETE, OPTIONS');
