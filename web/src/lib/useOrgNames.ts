// Organization names in the caller's scope, for tables that show an org_id.
import { useMemo } from 'react';
import { fetchAll } from '../api/fetchAll';
import type { Organization } from '../api/types';
import { useApi } from './useApi';

/** Organization names in the caller's scope, by id (empty while loading or on error). */
export function useOrgNames(): ReadonlyMap<number, string> {
  const { data } = useApi(() => fetchAll<Organization>('/api/v1/organizations', {}, 5000), []);
  return useMemo(() => new Map((data ?? []).map((o) => [o.id, o.name])), [data]);
}
