// Busy state around an async action (a button's spinner): set when the action starts, cleared when
// it settles, whether it succeeded or failed.
import { useCallback, useState } from 'react';

type OnError<E> = (e: unknown) => E;

/** run(key, action, onError?): a failure goes to `onError` (its result is returned), else is re-thrown. */
export interface RunKeyed<K> {
  <T>(key: K, action: () => Promise<T>): Promise<T>;
  <T, E>(key: K, action: () => Promise<T>, onError: OnError<E>): Promise<T | E>;
}

/** run(action, onError?): as RunKeyed, for a single action. */
export interface Run {
  <T>(action: () => Promise<T>): Promise<T>;
  <T, E>(action: () => Promise<T>, onError: OnError<E>): Promise<T | E>;
}

/** Which of several actions is running (the export format, the attachment), undefined when none. */
export function useBusyKey<K>(): [K | undefined, RunKeyed<K>] {
  const [busy, setBusy] = useState<K>();
  const run = useCallback(async (key: K, action: () => Promise<unknown>, onError?: OnError<unknown>) => {
    setBusy(() => key);
    try {
      return await action();
    } catch (e) {
      if (!onError) throw e;
      return onError(e);
    } finally {
      setBusy(undefined);
    }
  }, []);
  return [busy, run as RunKeyed<K>];
}

/** Whether the action is running. */
export function useBusy(): [boolean, Run] {
  const [busy, runKeyed] = useBusyKey<true>();
  const run = useCallback(
    (action: () => Promise<unknown>, onError?: OnError<unknown>) =>
      onError ? runKeyed(true, action, onError) : runKeyed(true, action),
    [runKeyed],
  );
  return [busy === true, run as Run];
}
