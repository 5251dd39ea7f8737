import { ClusterOutlined, TeamOutlined } from '@ant-design/icons';
import type { PortalRoute } from '../../routes/types';
import { Organizations } from './Organizations';
import { Users } from './Users';

export const adminRoutes: PortalRoute[] = [
  {
    path: '/admin/users',
    element: <Users />,
    roles: ['admin'],
    menu: { vi: 'Người dùng', en: 'Users', icon: <TeamOutlined />, order: 80 },
  },
  {
    path: '/admin/organizations',
    element: <Organizations />,
    roles: ['admin'],
    menu: { vi: 'Cơ quan', en: 'Organizations', icon: <ClusterOutlined />, order: 81 },
  },
];
