// The seven request types with the official form each follows, as one radio group. Form.Item's
// aria-required/aria-describedby go on an element with the radiogroup role, where ARIA allows
// them (Ant Design's Radio.Group would put them on a plain div).
import { Radio, Typography } from 'antd';
import type { RequestType } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { typeLabel } from '../../lib/labels';
import { REQUEST_TYPE_ORDER, formHint } from './requestForm';

interface Props {
  id?: string;
  value?: RequestType;
  onChange?: (v: RequestType) => void;
  label: string;
  'aria-required'?: boolean | 'true' | 'false';
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

export function RequestTypePicker({ id, value, onChange, label, ...aria }: Props) {
  const { lang } = useLang();
  return (
    <div id={id} role="radiogroup" aria-label={label} {...aria}>
      <Radio.Group
        data-testid="request-type"
        value={value}
        onChange={(e) => onChange?.(e.target.value as RequestType)}
        style={{ display: 'grid', gap: 8 }}
      >
        {REQUEST_TYPE_ORDER.map((ty) => {
          const hint = formHint(ty);
          return (
            <Radio key={ty} value={ty} data-testid={`request-type-${ty}`}>
              <b>{typeLabel(ty, lang)}</b>{' '}
              <Typography.Text type="secondary">— {lang === 'vi' ? hint.vi : hint.en}</Typography.Text>
            </Radio>
          );
        })}
      </Radio.Group>
    </div>
  );
}
