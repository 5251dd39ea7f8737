import { AuditOutlined } from '@ant-design/icons';
import type { PortalRoute } from '../../routes/types';
import { ReviewQueuePage } from './ReviewQueuePage';

export const raRoutes: PortalRoute[] = [
  {
    path: '/review',
    element: <ReviewQueuePage />,
    roles: ['ra_officer'],
    menu: { vi: 'Hàng đợi thẩm định', en: 'Review queue', icon: <AuditOutlined />, order: 10 },
  },
];
