// "/": a welcome for visitors, the subscriber's own summary, or the statistics dashboard.
import { Spin } from 'antd';
import { useSession } from '../../auth/session';
import { StaffDashboard } from './StaffDashboard';
import { SubscriberHome } from './SubscriberHome';
import { Welcome } from './Welcome';

export function Dashboard() {
  const { user, loading } = useSession();
  if (loading) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (!user) return <Welcome />;
  if (user.role === 'subscriber') return <SubscriberHome />;
  return <StaffDashboard key={user.id} user={user} />;
}
