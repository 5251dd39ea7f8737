// The key devices (USB tokens) in reach, for every role that reads subscribers; the changes a
// role may make on one (report lost, found…) are decided by the server per device.
import { UsbOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

/** The roles with subscriber.read (src/registry/access_policy.cpp): every signed-in role. */
export const DEVICE_READERS: Role[] = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];

export const deviceRoutes: PortalRoute[] = [
  {
    path: '/devices',
    element: lazyPage(() => import('./DeviceList'), 'DeviceList'),
    roles: DEVICE_READERS,
    menu: { vi: 'Thiết bị', en: 'Devices', icon: <UsbOutlined />, order: 45 },
  },
  { path: '/devices/:serial', element: lazyPage(() => import('./DeviceDetail'), 'DeviceDetail'), roles: DEVICE_READERS },
];
