// Notes shown under a field: the server's findings with their severity, and the reason a
// reviewer gave when returning the request (highlighted).
import { Typography } from 'antd';
import type { Finding } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { findingText } from '../../lib/validation';
import { SeverityTag } from './FindingsList';

export function ReturnReason({ text }: { text?: string }) {
  const { t } = useLang();
  if (!text) return null;
  return (
    <div
      style={{ background: '#fff7e6', borderInlineStart: '3px solid #fa8c16', padding: '2px 8px', marginTop: 4 }}
      data-testid="return-reason"
    >
      <Typography.Text strong>{t('Lý do trả lại', 'Returned because')}:</Typography.Text> {text}
    </div>
  );
}

export function FieldFindings({ list }: { list: Finding[] }) {
  const { lang } = useLang();
  return (
    <>
      {list.map((f, i) => (
        <div key={i} style={{ fontSize: 12, marginTop: 2 }}>
          <SeverityTag severity={f.severity} />
          {findingText(f, lang)}
        </div>
      ))}
    </>
  );
}
