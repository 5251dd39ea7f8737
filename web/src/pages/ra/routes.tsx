import { AuditOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

export const raRoutes: PortalRoute[] = [
  {
    path: '/review',
    element: lazyPage(() => import('./ReviewQueuePage'), 'ReviewQueuePage'),
    roles: ['ra_officer'],
    menu: { vi: 'Hàng đợi thẩm định', en: 'Review queue', icon: <AuditOutlined />, order: 10 },
  },
];
