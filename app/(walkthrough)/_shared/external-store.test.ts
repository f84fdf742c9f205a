import { describe, expect, it, vi } from 'vitest';
import { externalStore } from './external-store';

describe('externalStore', () => {
  it('reads its initial value once, at the first read, and tells every subscriber of each set', () => {
    const initial = vi.fn(() => 1);
    const store = externalStore({ initial, server: 0 });
    expect(initial).not.toHaveBeenCalled();
    expect(store.get()).toBe(1);
    expect(store.get()).toBe(1);
    expect(initial).toHaveBeenCalledOnce();

    const [a, b] = [vi.fn(), vi.fn()];
    store.subscribe(a);
    const leave = store.subscribe(b);
    store.set(2);
    leave();
    store.set(3);
    expect(store.get()).toBe(3);
    expect(a).toHaveBeenCalledTimes(2);
    expect(b).toHaveBeenCalledOnce();
  });

  it('never reads the initial value once a value is set', () => {
    const initial = vi.fn(() => 'stored');
    const store = externalStore({ initial, server: '' });
    store.set('fresh');
    expect(store.get()).toBe('fresh');
    expect(initial).not.toHaveBeenCalled();
  });

  it('watches from the first subscriber until the last has left, and again for the next', () => {
    const stop = vi.fn();
    const watch = vi.fn(() => stop);
    const store = externalStore({ initial: () => 0, server: 0, watch });
    const leaveA = store.subscribe(() => {});
    const leaveB = store.subscribe(() => {});
    expect(watch).toHaveBeenCalledOnce();
    leaveA();
    expect(stop).not.toHaveBeenCalled();
    leaveB();
    expect(stop).toHaveBeenCalledOnce();
    store.subscribe(() => {});
    expect(watch).toHaveBeenCalledTimes(2);
  });
});
