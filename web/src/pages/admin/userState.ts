// A user's state in the list: disabled by an administrator, awaiting activation (no password set
// yet through the mailed link), or activated. A server that does not say (no `activated`) is
// taken as activated, like `active`. Also what a role change sends (PUT /api/v1/users/{id}/role).
import type { Role, User } from '../../api/types';

export type UserState = 'disabled' | 'awaiting' | 'activated';

export const USER_STATES: Record<UserState, { vi: string; en: string; color: string }> = {
  disabled: { vi: 'Đã khóa', en: 'Disabled', color: 'red' },
  awaiting: { vi: 'Chờ kích hoạt', en: 'Awaiting activation', color: 'gold' },
  activated: { vi: 'Đã kích hoạt', en: 'Activated', color: 'green' },
};

export function userState(u: Pick<User, 'active' | 'activated'>): UserState {
  if (u.active === false) return 'disabled';
  return u.activated === false ? 'awaiting' : 'activated';
}

/** The roles the server refuses without an organization. */
export const ORG_ROLES: readonly string[] = ['unit_manager', 'aggregator'];

/** The role and organization chosen in the role dialog. */
export interface RoleChoice {
  role: Role;
  org_id?: number | null;
}

/**
 * The body of PUT /api/v1/users/{id}/role, or undefined when nothing would change. The organization
 * goes only for a role bound to one and only when it differs: left out, the server keeps the
 * current one (and a subscriber's account, which follows its subscriber, is refused any org_id).
 */
export function roleChangeBody(user: Pick<User, 'role' | 'org_id'>, v: RoleChoice): { role: Role; org_id?: number } | undefined {
  const org = ORG_ROLES.includes(v.role) && typeof v.org_id === 'number' && v.org_id !== user.org_id ? v.org_id : undefined;
  if (v.role === user.role && org === undefined) return undefined;
  return org === undefined ? { role: v.role } : { role: v.role, org_id: org };
}
