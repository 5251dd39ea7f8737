// Loading helpers shared by the aggregator's and the registration office's screens.
import { useMemo } from 'react';
import { api } from '../../api/client';
import type { Organization, Page, Round } from '../../api/types';
import { useApi } from '../../lib/useApi';

type Query = Record<string, string | number | boolean | undefined | null>;

/** Every item of a paginated list, page by page (1000 each), up to `max`. */
export async function fetchAll<T>(path: string, query: Query = {}, max = 1000): Promise<T[]> {
  const out: T[] = [];
  const limit = Math.min(1000, max);
  for (let offset = 0; out.length < max; offset += limit) {
    const page = await api.get<Page<T>>(path, { ...query, limit, offset });
    out.push(...page.items);
    if (page.items.length < limit) break;
  }
  return out.slice(0, max);
}

/** Organization names in the caller's scope, by id (empty while loading or on error). */
export function useOrgNames(): ReadonlyMap<number, string> {
  const { data } = useApi(() => fetchAll<Organization>('/api/v1/organizations', {}, 5000), []);
  return useMemo(() => new Map((data ?? []).map((o) => [o.id, o.name])), [data]);
}

/** The rounds the caller sees (rounds are few: one request, newest deadlines handled by the caller). */
export function useRounds() {
  return useApi(() => fetchAll<Round>('/api/v1/rounds', {}, 1000), []);
}
