import { MESSAGES, type UnprotectedBody } from '@/lib/contract';

export function GET() {
  const body: UnprotectedBody = { message: MESSAGES.unprotected };
  return Response.json(body);
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/http/method-not-allowed';
