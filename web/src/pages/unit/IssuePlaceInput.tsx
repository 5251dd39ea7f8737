// The ID issue place: a code from the list (C06, DKQLCT, BCA, CA001…CA096) or typed freely.
// Form.Item hands aria-required/aria-describedby to its control; an AutoComplete would put them
// on its wrapper div too, where they are not allowed, so they are kept for the input only.
import { AutoComplete } from 'antd';
import { fold } from '../../lib/format';
import { ISSUE_PLACES } from './personForm';

interface Props {
  id?: string;
  value?: string;
  onChange?: (v: string) => void;
  label: string;
  'aria-required'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

export function IssuePlaceInput({ id, value, onChange, label }: Props) {
  return (
    <AutoComplete
      id={id}
      value={value}
      onChange={onChange}
      data-testid="person-cccd-place"
      aria-label={label}
      options={ISSUE_PLACES.map((p) => ({ value: p.code, label: `${p.code} — ${p.name}` }))}
      filterOption={(typed, option) => !!option && fold(String(option.label)).includes(fold(typed))}
      placeholder="C06"
    />
  );
}
