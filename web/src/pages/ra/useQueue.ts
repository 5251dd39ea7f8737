// Loads the requests of one state for the review queue (all pages, up to 1000), narrowed on the
// server by a search `q` (name without diacritics, CCCD, e-mail or request number). List items
// carry who approved so far (`approvals`), which the second-approval filter reads.
import { fetchAll } from '../../api/fetchAll';
import { useApi } from '../../lib/useApi';
import type { QueueRequest } from './queueOrder';

export function useQueue(state: string, q = '') {
  return useApi(() => fetchAll<QueueRequest>('/api/v1/requests', { state, q }, 1000), [state, q]);
}
