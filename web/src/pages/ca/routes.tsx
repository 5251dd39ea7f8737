import { SettingOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

export const caRoutes: PortalRoute[] = [
  {
    path: '/operations',
    element: lazyPage(() => import('./Operations'), 'Operations'),
    roles: ['ca_operator', 'admin'],
    menu: { vi: 'Vận hành CA', en: 'CA operations', icon: <SettingOutlined />, order: 60 },
  },
];
