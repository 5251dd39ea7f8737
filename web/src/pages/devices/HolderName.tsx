// A device's holder by name (GET /api/v1/subscribers/{id}), linked to the person's page for the
// roles that have one; "#id" while it loads or when it cannot be read, "—" for a token given to nobody.
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Subscriber } from '../../api/types';
import { useSession } from '../../auth/session';
import { useApi } from '../../lib/useApi';

const PEOPLE_ROLES = ['unit_manager', 'aggregator', 'admin', 'subscriber'];

export function HolderName({ id }: { id: number | null }) {
  const { user } = useSession();
  const person = useApi(() => (id ? api.get<Subscriber>(`/api/v1/subscribers/${id}`) : Promise.resolve(undefined)), [id]);
  if (!id) return <span>—</span>;
  const name = person.data?.data.full_name || `#${id}`;
  if (user && PEOPLE_ROLES.includes(user.role)) {
    return (
      <Link to={`/people/${id}`} data-testid={`device-holder-${id}`}>
        {name}
      </Link>
    );
  }
  return <span data-testid={`device-holder-${id}`}>{name}</span>;
}
