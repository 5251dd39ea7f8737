// A user's state in the list: disabled by an administrator, awaiting activation (no password set
// yet through the mailed link), or activated. A server that does not say (no `activated`) is
// taken as activated, like `active`.
import type { User } from '../../api/types';

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
