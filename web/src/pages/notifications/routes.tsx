import { MailOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

const SIGNED_IN: Role[] = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];

export const notificationRoutes: PortalRoute[] = [
  {
    path: '/notifications',
    element: lazyPage(() => import('./Notifications'), 'Notifications'),
    roles: SIGNED_IN,
    menu: { vi: 'Thông báo', en: 'Notifications', icon: <MailOutlined />, order: 75 },
  },
];
