import { jwksResponse } from '@/lib/auth';

// Not behind the gate (middleware.ts's matcher): a resource server fetches it with no token.
export function GET() {
  return jwksResponse();
}

export { DELETE, OPTIONS, PATCH, POST, PUT } from '@/lib/http/method-not-allowed';
