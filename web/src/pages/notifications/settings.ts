// Which optional mails a role may turn off: the daily digest is the registration office's, the
// expiry reminders about a unit's people are its managers'. Other roles have none.
import type { NotificationSettings, Role } from '../../api/types';

export type SettingKey = keyof NotificationSettings;

/** The role each optional mail is sent to. */
export const SETTING_ROLE: Record<SettingKey, Role> = {
  digest: 'ra_officer',
  unit_reminders: 'unit_manager',
};

/** The switches to show to `role`, in a fixed order; none when signed out. */
export function settingsFor(role: Role | undefined): SettingKey[] {
  if (!role) return [];
  return (Object.keys(SETTING_ROLE) as SettingKey[]).filter((k) => SETTING_ROLE[k] === role);
}
