// The outbox as the admin pages through it: the first page for a filter, "load more" after the
// last id, a retry that updates its row and the counts in place. A page that arrives after the
// filter changed is dropped.
import { useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { OutboxMessage, OutboxPage } from '../../api/types';
import { useSession } from '../../auth/session';
import {
  OUTBOX_PAGE_SIZE,
  appendPage,
  countsAfterRetry,
  nextAfter,
  outboxQuery,
  replaceRow,
  type Counts,
  type OutboxFilter,
  type OutboxRows,
} from './outbox';

export function useOutbox(filter: OutboxFilter) {
  const { expired } = useSession();
  const [rows, setRows] = useState<OutboxRows>();
  const [counts, setCounts] = useState<Counts>();
  const [error, setError] = useState<unknown>();
  const [loading, setLoading] = useState(false);
  const generation = useRef(0);
  const { state, recipient } = filter;

  const load = useCallback(
    async (from: OutboxRows | undefined) => {
      const gen = generation.current;
      setLoading(true);
      try {
        const page = await api.get<OutboxPage>('/api/v1/outbox', outboxQuery({ state, recipient }, nextAfter(from?.items ?? [])));
        if (gen !== generation.current) return;
        setRows(appendPage(from, page.items, OUTBOX_PAGE_SIZE));
        setCounts(page.counts);
        setError(undefined);
      } catch (e) {
        if (gen !== generation.current) return;
        if (e instanceof ApiError && e.status === 401) expired();
        setError(e);
      } finally {
        if (gen === generation.current) setLoading(false);
      }
    },
    [state, recipient, expired],
  );

  useEffect(() => {
    generation.current += 1;
    setRows(undefined);
    void load(undefined);
  }, [load]);

  const loadMore = useCallback(() => load(rows), [load, rows]);

  /** Queues a failed mail again (POST /api/v1/outbox/{id}/retry); throws the API's refusal. */
  const retry = useCallback(async (id: number) => {
    const m = await api.post<OutboxMessage>(`/api/v1/outbox/${id}/retry`);
    setRows((r) => (r ? replaceRow(r, m) : r));
    setCounts((c) => (c ? countsAfterRetry(c) : c));
  }, []);

  return { rows, counts, error, loading, loadMore, retry };
}
