// A request type as officials name it, with its form (Mẫu): "Cấp mới · Mẫu 01".
import { Typography } from 'antd';
import type { RequestType } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { typeLabel } from '../../lib/labels';

export function RequestTypeLabel({ type, form }: { type: RequestType | string; form?: string }) {
  const { lang } = useLang();
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {typeLabel(type, lang)}
      {form && (
        <Typography.Text type="secondary" style={{ marginInlineStart: 6 }}>
          · {lang === 'vi' ? form : form.replace('Mẫu', 'Form')}
        </Typography.Text>
      )}
    </span>
  );
}
