import { MESSAGES } from '@/lib/auth/messages';

export function GET() {
  return Response.json({ message: MESSAGES.unprotected });
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/method-not-allowed';
