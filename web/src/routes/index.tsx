// All screens, gathered from the areas. The router, the side menu and the role checks are
// derived from this one list; each page's code is loaded on first use (./lazyPage).
import { aggregatorRoutes } from '../pages/aggregator/routes';
import { adminRoutes } from '../pages/admin/routes';
import { auditRoutes } from '../pages/audit/routes';
import { caRoutes } from '../pages/ca/routes';
import { dashboardRoutes } from '../pages/dashboard/routes';
import { deviceRoutes } from '../pages/devices/routes';
import { importRoutes } from '../pages/import/routes';
import { notificationRoutes } from '../pages/notifications/routes';
import { publicRoutes } from '../pages/public/routes';
import { raRoutes } from '../pages/ra/routes';
import { tokenStationRoutes } from '../pages/token-station/routes';
import { unitRoutes } from '../pages/unit/routes';
import type { PortalRoute } from './types';

export const ROUTES: PortalRoute[] = [
  ...dashboardRoutes,
  ...unitRoutes,
  ...importRoutes,
  ...deviceRoutes,
  ...aggregatorRoutes,
  ...raRoutes,
  ...caRoutes,
  ...tokenStationRoutes,
  ...auditRoutes,
  ...notificationRoutes,
  ...adminRoutes,
  ...publicRoutes,
];
