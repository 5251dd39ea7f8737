import { CalendarOutlined, FolderOpenOutlined, InboxOutlined } from '@ant-design/icons';
import type { PortalRoute } from '../../routes/types';
import { AggregatePage } from './AggregatePage';
import { BatchDetailPage } from './BatchDetailPage';
import { BatchesPage } from './BatchesPage';
import { RoundsPage } from './RoundsPage';

const BATCH_ROLES: PortalRoute['roles'] = ['aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];

export const aggregatorRoutes: PortalRoute[] = [
  {
    path: '/rounds',
    element: <RoundsPage />,
    roles: ['unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'],
    menu: { vi: 'Đợt đăng ký', en: 'Rounds', icon: <CalendarOutlined />, order: 50 },
  },
  {
    path: '/batches',
    element: <BatchesPage />,
    roles: BATCH_ROLES,
    menu: { vi: 'Danh sách đề nghị', en: 'Batches', icon: <FolderOpenOutlined />, order: 51 },
  },
  { path: '/batches/:id', element: <BatchDetailPage />, roles: BATCH_ROLES },
  {
    path: '/aggregate',
    element: <AggregatePage />,
    roles: ['aggregator'],
    menu: { vi: 'Tổng hợp', en: 'Compile', icon: <InboxOutlined />, order: 12 },
  },
];
