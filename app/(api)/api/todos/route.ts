import { apiRoute } from '@/lib/api-route';
import { MESSAGES, type MessageBody, type TodoList } from '@/lib/contract';
import { invalidField, readJsonObject } from '@/lib/http/json-body';
import { apiMethods } from '@/lib/http/method-not-allowed';
import { addTodo, checkNewTodo, listTodos } from '@/lib/todos/todos';

// The caller's own to-dos: the follow-up video's GET/POST /todo, each filtered by current_user.

export async function GET(request: Request) {
  return apiRoute(request, 'GET /api/todos', 'user', async ({ caller, stores }) =>
    Response.json({ todos: await listTodos(stores, caller) } satisfies TodoList),
  );
}

export async function POST(request: Request) {
  return apiRoute(request, 'POST /api/todos', 'user', async ({ caller, stores }) => {
    const body = await readJsonObject(request);
    if (!body.ok) return body.response;
    const text = checkNewTodo(body.value);
    if (!text.ok) return invalidField(text.field, text.message);
    const todo = await addTodo(stores, caller, text.value);
    if (todo === 'full') return Response.json({ message: MESSAGES.tooManyTodos } satisfies MessageBody, { status: 409 });
    return Response.json(todo, { status: 201, headers: { Location: `/api/todos/${todo.id}` } });
  });
}

export const { DELETE, OPTIONS, PATCH, PUT } = apiMethods('GET, HEAD, POST, OPTIONS');
