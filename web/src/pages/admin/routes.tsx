import { ClusterOutlined, SendOutlined, TeamOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

export const adminRoutes: PortalRoute[] = [
  {
    path: '/admin/users',
    element: lazyPage(() => import('./Users'), 'Users'),
    roles: ['admin'],
    menu: { vi: 'Người dùng', en: 'Users', icon: <TeamOutlined />, order: 80 },
  },
  {
    path: '/admin/outbox',
    element: lazyPage(() => import('./Outbox'), 'Outbox'),
    roles: ['admin'],
    menu: { vi: 'Hộp thư đi', en: 'Outbox', icon: <SendOutlined />, order: 81 },
  },
  {
    path: '/admin/organizations',
    element: lazyPage(() => import('./Organizations'), 'Organizations'),
    roles: ['admin'],
    menu: { vi: 'Cơ quan', en: 'Organizations', icon: <ClusterOutlined />, order: 82 },
  },
];
