import type { ReactNode } from 'react';
import type { Role } from '../api/types';

/** One screen of the portal. Each area (src/pages/<area>/routes.tsx) exports a list of these. */
export interface PortalRoute {
  /** react-router path, e.g. "/requests/:id". */
  path: string;
  element: ReactNode;
  /** Who may open it; "public" needs no sign-in. Deny by default: a role not listed gets 403. */
  roles: Role[] | 'public';
  /** Shown in the side menu when set (for the roles above), sorted by order. */
  menu?: { vi: string; en: string; icon?: ReactNode; order: number; group?: 'main' | 'public' };
}
