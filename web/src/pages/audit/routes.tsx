import { AuditOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

export const auditRoutes: PortalRoute[] = [
  {
    path: '/audit',
    element: lazyPage(() => import('./AuditLog'), 'AuditLog'),
    roles: ['auditor'],
    menu: { vi: 'Nhật ký kiểm toán', en: 'Audit log', icon: <AuditOutlined />, order: 70 },
  },
];
