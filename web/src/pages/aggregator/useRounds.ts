// The registration rounds of the aggregator's and the batch screens.
import { fetchAll } from '../../api/fetchAll';
import type { Round } from '../../api/types';
import { useApi } from '../../lib/useApi';

/** The rounds the caller sees (rounds are few: one request, newest deadlines handled by the caller). */
export function useRounds() {
  return useApi(() => fetchAll<Round>('/api/v1/rounds', {}, 1000), []);
}
