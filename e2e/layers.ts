import { parseServerTiming } from '@/lib/contract';

/** Which layers answered, in order, from the Server-Timing header: `['gate refused']`, `['gate verified', 'route verified']`. */
export function layers(headers: Record<string, string | string[] | undefined>): string[] {
  const value = headers['server-timing'];
  return parseServerTiming(typeof value === 'string' ? value : null).map((entry) => `${entry.layer} ${entry.verdict}`);
}
