import { DashboardOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

// "/" is open to everyone and branches on the session itself (welcome when signed out); its menu
// entry belongs to the main group (AppShell sorts entries into sections by menu.group).
export const dashboardRoutes: PortalRoute[] = [
  {
    path: '/',
    element: lazyPage(() => import('./Dashboard'), 'Dashboard'),
    roles: 'public',
    menu: { vi: 'Tổng quan', en: 'Overview', icon: <DashboardOutlined />, order: 0, group: 'main' },
  },
];
