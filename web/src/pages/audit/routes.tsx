import { AuditOutlined } from '@ant-design/icons';
import type { PortalRoute } from '../../routes/types';
import { AuditLog } from './AuditLog';

export const auditRoutes: PortalRoute[] = [
  {
    path: '/audit',
    element: <AuditLog />,
    roles: ['auditor'],
    menu: { vi: 'Nhật ký kiểm toán', en: 'Audit log', icon: <AuditOutlined />, order: 70 },
  },
];
