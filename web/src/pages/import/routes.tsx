// The import of a list of people and requests. It creates people as well as requests, so it is
// for the roles with both request.create and subscriber.create (src/registry/access_policy.cpp),
// which is also what POST /api/v1/imports requires: the unit manager and the aggregator.
import { ImportOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';
import { CREATOR_ROLES } from '../unit/requestForm';

/** The roles with subscriber.create (the same as those that see /people). */
const SUBSCRIBER_CREATORS: readonly Role[] = ['unit_manager', 'aggregator', 'admin'];

export const IMPORT_ROLES: Role[] = CREATOR_ROLES.filter((r) => SUBSCRIBER_CREATORS.includes(r));

export const importRoutes: PortalRoute[] = [
  {
    path: '/import',
    element: lazyPage(() => import('./ImportList'), 'ImportList'),
    roles: IMPORT_ROLES,
    menu: { vi: 'Nhập danh sách', en: 'Import a list', icon: <ImportOutlined />, order: 32 },
  },
];
