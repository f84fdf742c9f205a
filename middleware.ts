import { NextResponse, type NextRequest } from 'next/server';
import { authenticate, failureResponse } from '@/lib/auth';

// The gate: refuse a request without a valid token before the route runs. It is never the only
// check; app/protected/route.ts verifies again, so a way around middleware is no way in.
export async function middleware(request: NextRequest) {
  const auth = await authenticate(request);
  return auth.ok ? NextResponse.next() : failureResponse(auth.failure);
}

export const config = {
  matcher: '/protected',
  // Node, not the edge sandbox: under `next start` the sandbox cost about a third of protected
  // throughput (see `npm run bench`). lib/auth stays edge-safe, so going back is this one line.
  runtime: 'nodejs',
};
