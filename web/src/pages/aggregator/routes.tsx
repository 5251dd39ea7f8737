import { CalendarOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

const BATCH_ROLES: PortalRoute['roles'] = ['aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];

export const aggregatorRoutes: PortalRoute[] = [
  {
    path: '/rounds',
    element: lazyPage(() => import('./RoundsPage'), 'RoundsPage'),
    roles: ['unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'],
    menu: { vi: 'Đợt đăng ký', en: 'Rounds', icon: <CalendarOutlined />, order: 50 },
  },
  {
    path: '/batches',
    element: lazyPage(() => import('./BatchesPage'), 'BatchesPage'),
    roles: BATCH_ROLES,
    menu: { vi: 'Danh sách đề nghị', en: 'Batches', icon: <FolderOpenOutlined />, order: 51 },
  },
  { path: '/batches/:id', element: lazyPage(() => import('./BatchDetailPage'), 'BatchDetailPage'), roles: BATCH_ROLES },
  {
    path: '/aggregate',
    element: lazyPage(() => import('./AggregatePage'), 'AggregatePage'),
    roles: ['aggregator'],
    menu: { vi: 'Tổng hợp', en: 'Compile', icon: <InboxOutlined />, order: 12 },
  },
];
