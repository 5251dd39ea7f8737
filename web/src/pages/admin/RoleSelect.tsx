// A role picker with the roles' names in the chosen language. Form.Item hands aria-required and
// aria-invalid to its control; a Select would put them on its wrapper div too, where ARIA does not
// allow them (axe: aria-allowed-attr), so only the id (the label's target) goes through.
import { Select } from 'antd';
import type { Role } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { ROLES, roleLabel } from '../../lib/labels';

interface Props {
  id?: string;
  value?: Role;
  onChange?: (v: Role) => void;
  testId: string;
  'aria-required'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

export function RoleSelect({ id, value, onChange, testId, 'aria-describedby': describedBy }: Props) {
  const { lang } = useLang();
  return (
    <Select<Role>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      aria-describedby={describedBy}
      data-testid={testId}
      options={Object.keys(ROLES).map((r) => ({ value: r as Role, label: roleLabel(r, lang) }))}
    />
  );
}
