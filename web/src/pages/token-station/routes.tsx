// The token station, for the CA operator whose token reader is on the server's host: the only
// role with worker_run (src/registry/access_policy.cpp), which the station's routes require.
import { ToolOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

export const STATION_OPERATORS: Role[] = ['ca_operator'];

export const tokenStationRoutes: PortalRoute[] = [
  {
    path: '/token-station',
    element: lazyPage(() => import('./TokenStation'), 'TokenStation'),
    roles: STATION_OPERATORS,
    menu: { vi: 'Trạm thiết bị', en: 'Token station', icon: <ToolOutlined />, order: 61 },
  },
];
