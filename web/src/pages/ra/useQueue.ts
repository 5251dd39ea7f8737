// Loads the requests of one state for the review queue (all pages, up to 1000). The list does
// not carry who approved a two-person request yet, so for forwarded requests without
// `approvals` the request itself is read (a few at a time, at most ENRICH of them).
import { api } from '../../api/client';
import type { CertRequest } from '../../api/types';
import { useApi } from '../../lib/useApi';
import { fetchAll } from '../aggregator/data';
import type { QueueRequest } from './queueOrder';

const ENRICH = 200;
const PARALLEL = 4;

async function withApprovals(items: QueueRequest[]): Promise<QueueRequest[]> {
  const todo = items.filter((r) => r.state === 'forwarded' && r.approvals === undefined).slice(0, ENRICH);
  const found = new Map<number, string[]>();
  let next = 0;
  const worker = async () => {
    while (next < todo.length) {
      const r = todo[next++];
      try {
        const full = await api.get<CertRequest>(`/api/v1/requests/${r.id}`);
        found.set(r.id, full.approvals ?? []);
      } catch {
        /* leave it unknown */
      }
    }
  };
  await Promise.all(Array.from({ length: PARALLEL }, worker));
  return items.map((r) => (found.has(r.id) ? { ...r, approvals: found.get(r.id) } : r));
}

export function useQueue(state: string, enrich = false) {
  return useApi(async () => {
    const items = await fetchAll<QueueRequest>('/api/v1/requests', { state }, 1000);
    return enrich ? withApprovals(items) : items;
  }, [state, enrich]);
}
