// "/": a welcome for visitors, the subscriber's own summary, or the statistics dashboard.
import { Suspense } from 'react';
import { useSession } from '../../auth/session';
import { PageLoading, lazyNamed } from '../../routes/lazyPage';
import { SubscriberHome } from './SubscriberHome';
import { Welcome } from './Welcome';

// Loaded only for staff: its charts bring recharts.
const StaffDashboard = lazyNamed(() => import('./StaffDashboard'), 'StaffDashboard');

export function Dashboard() {
  const { user, loading } = useSession();
  if (loading) return <PageLoading />;
  if (!user) return <Welcome />;
  if (user.role === 'subscriber') return <SubscriberHome />;
  return (
    <Suspense fallback={<PageLoading />}>
      <StaffDashboard key={user.id} user={user} />
    </Suspense>
  );
}
