import { useSyncExternalStore } from 'react';

/** A value kept outside React and shared by every component that reads it. */
export interface ExternalStore<T> {
  /** The value now; `initial` runs at the first read, in the browser. */
  get(): T;
  /** Replaces the value, and re-renders every component that reads it. */
  set(value: T): void;
  subscribe(listener: () => void): () => void;
  /** The value in a component: `server` on the server and while hydrating, then the value. */
  useValue(): T;
}

/**
 * A store for `useSyncExternalStore`. `watch`, if given, starts what keeps the value current (a
 * timer, a listener) when the first component subscribes, and returns what stops it once the last
 * one has gone.
 */
export function externalStore<T>({ initial, server, watch }: { initial: () => T; server: T; watch?: () => () => void }): ExternalStore<T> {
  const listeners = new Set<() => void>();
  let value: { current: T } | undefined;
  let stopWatching: (() => void) | undefined;

  const get = () => (value ??= { current: initial() }).current;
  function set(next: T) {
    value = { current: next };
    listeners.forEach((listener) => listener());
  }
  function subscribe(listener: () => void) {
    listeners.add(listener);
    if (listeners.size === 1) stopWatching = watch?.();
    return () => {
      listeners.delete(listener);
      if (listeners.size === 0) {
        stopWatching?.();
        stopWatching = undefined;
      }
    };
  }
  return { get, set, subscribe, useValue: () => useSyncExternalStore(subscribe, get, () => server) };
}
