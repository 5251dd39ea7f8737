// An organization's name from its id (GET /api/v1/organizations/{id}); the id alone for roles
// that may not read organizations (a subscriber) or while it loads.
import type { Organization } from '../../api/types';
import { api } from '../../api/client';
import { useSession } from '../../auth/session';
import { useApi } from '../../lib/useApi';

export function OrgName({ id }: { id: number }) {
  const { user } = useSession();
  const canRead = !!user && user.role !== 'subscriber';
  const org = useApi(() => (canRead ? api.get<Organization>(`/api/v1/organizations/${id}`) : Promise.resolve(undefined)), [id, canRead]);
  return <span data-testid="org-name">{org.data?.name ?? `#${id}`}</span>;
}
