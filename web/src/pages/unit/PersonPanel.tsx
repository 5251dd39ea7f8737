// "Thông tin người đề nghị": the chosen person's data as the form will carry it, the server's
// findings about it beside each field, and a link to the person to correct them.
import { Alert, Card, Descriptions, Typography } from 'antd';
import { Link } from 'react-router-dom';
import type { Finding, Subscriber } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { deviceLabel, fieldLabel } from '../../lib/labels';
import { findingText } from '../../lib/validation';
import { SeverityTag } from './FindingsList';
import { FindingLines } from '../../components/FindingLines';

const INDIVIDUAL = ['full_name', 'dob', 'cccd', 'cccd_date', 'cccd_place', 'position', 'email', 'phone', 'device'] as const;
const ORGANIZATION = ['full_name', 'manager_name', 'email', 'phone', 'device'] as const;

export function PersonPanel({ person, findings }: { person: Subscriber; findings: readonly Finding[] }) {
  const { lang, t } = useLang();
  const d = person.data;
  const fields: readonly string[] = d.kind === 'organization' ? ORGANIZATION : INDIVIDUAL;
  const value = (f: string): string => {
    const v = (d as unknown as Record<string, string>)[f] ?? '';
    return f === 'device' && v ? deviceLabel(v, lang) : v;
  };
  const elsewhere = findings.filter((f) => !fields.includes(f.field === 'name' ? 'full_name' : f.field));
  return (
    <Card
      size="small"
      title={t('Thông tin người đề nghị', 'The person')}
      extra={
        <Link to={`/people/${person.id}`} data-testid="request-person-link">
          {t('Xem, sửa thông tin người này', 'Open this person')}
        </Link>
      }
      style={{ marginBottom: 16 }}
      data-testid="person-panel"
      styles={{ title: { whiteSpace: 'normal' } }}
    >
      <Descriptions size="small" column={{ xs: 1, sm: 1, md: 2 }}>
        {fields.map((f) => {
          const mine = findings.filter((x) => x.field === f || (f === 'full_name' && x.field === 'name'));
          const bad = mine.some((x) => x.severity === 'error');
          return (
            <Descriptions.Item key={f} label={fieldLabel(f, lang)}>
              <div data-field={f}>
                <Typography.Text type={bad ? 'danger' : mine.length ? 'warning' : undefined}>{value(f) || '—'}</Typography.Text>
                {mine.map((x, i) => (
                  <div key={i} style={{ fontSize: 12 }}>
                    <SeverityTag severity={x.severity} />
                    {findingText(x, lang)}
                  </div>
                ))}
              </div>
            </Descriptions.Item>
          );
        })}
      </Descriptions>
      {elsewhere.length > 0 && (
        <Alert
          type="warning"
          showIcon
          message={
            <FindingLines findings={elsewhere} />
          }
        />
      )}
    </Card>
  );
}
