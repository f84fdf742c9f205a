import type { TimingEntry } from '@/lib/contract';
import type { ApiPath } from './route-requests';

const LAYER_NAMES = { gate: 'edge middleware', route: 'route' } as const;

/**
 * The path an answered request took through the app, in words, from its Server-Timing entries:
 * `Edge middleware: refused (0.4 ms), route never ran`.
 */
export function describeLayers(path: ApiPath, layers: TimingEntry[]): string {
  // Only /protected and /api/* have a gate (middleware.ts matches them); the other routes send no entries.
  if (layers.length === 0) {
    return path === '/protected' || path.startsWith('/api/')
      ? 'No Server-Timing came back, so which layer answered cannot be told.'
      : `No gate runs for ${path}: the route answered on its own.`;
  }
  const steps = layers.map(({ layer, verdict, ms }, index) => {
    const again = layer === 'route' && verdict === 'verified' && layers[index - 1]?.verdict === 'verified';
    return `${LAYER_NAMES[layer]}: ${verdict}${again ? ' again' : ''} (${formatMs(ms)})`;
  });
  const last = layers.at(-1)!;
  const text = steps.join(' → ') + (last.layer === 'gate' && last.verdict !== 'verified' ? ', route never ran' : '');
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** A layer's time: one decimal below 10 ms, whole milliseconds above. */
export function formatMs(ms: number): string {
  const tenths = Math.round(ms * 10) / 10;
  if (tenths === 0) return '<0.1 ms';
  return tenths < 10 ? `${tenths.toFixed(1)} ms` : `${Math.round(ms)} ms`;
}
