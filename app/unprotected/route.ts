import { MESSAGES } from '@/lib/auth/messages';

export function GET() {
  return Response.json({ message: MESSAGES.unprotected });
}
