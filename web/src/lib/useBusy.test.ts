import { beforeEach, describe, expect, it, vi } from 'vitest';
import { useBusy, useBusyKey } from './useBusy';

// The hooks run outside a component: state setters record every value they are given.
const { seen } = vi.hoisted(() => ({ seen: [] as unknown[] }));
vi.mock('react', () => ({
  useCallback: (f: unknown) => f,
  useState: (initial?: unknown) => {
    let value = initial;
    const set = (next: unknown) => {
      value = typeof next === 'function' ? (next as (prev: unknown) => unknown)(value) : next;
      seen.push(value);
    };
    return [value, set];
  },
}));

beforeEach(() => {
  seen.length = 0;
});

describe('useBusyKey', () => {
  it('marks the key busy until the action settles and returns its result', async () => {
    const [, run] = useBusyKey<'xlsx' | 'pdf'>();
    const done = run('pdf', async () => 5);
    expect(seen).toEqual(['pdf']);
    expect(await done).toBe(5);
    expect(seen).toEqual(['pdf', undefined]);
  });
});

describe('useBusy', () => {
  it('hands a failure to onError and returns its answer, or re-throws without one', async () => {
    const [, run] = useBusy();
    const failure = new Error('refused');
    expect(await run(() => Promise.reject(failure), (e) => (e as Error).message)).toBe('refused');
    expect(seen).toEqual([true, undefined]);
    await expect(run(() => Promise.reject(failure))).rejects.toBe(failure);
    expect(seen).toEqual([true, undefined, true, undefined]);
  });
});
