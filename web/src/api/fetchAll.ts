// Every item of a list the API pages ({items, limit, offset}), for screens that show them all.
import { api, type Query } from './client';
import type { Page } from './types';

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
