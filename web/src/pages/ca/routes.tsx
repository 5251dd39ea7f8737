import { SettingOutlined } from '@ant-design/icons';
import type { PortalRoute } from '../../routes/types';
import { Operations } from './Operations';

export const caRoutes: PortalRoute[] = [
  {
    path: '/operations',
    element: <Operations />,
    roles: ['ca_operator', 'admin'],
    menu: { vi: 'Vận hành CA', en: 'CA operations', icon: <SettingOutlined />, order: 60 },
  },
];
