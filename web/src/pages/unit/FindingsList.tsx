// The validation findings of a request grouped per field, errors before warnings, in the chosen
// language.
import { Empty, List, Tag, Typography } from 'antd';
import type { Finding } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { fieldLabel } from '../../lib/labels';
import { findingText } from '../../lib/validation';
import { groupByField } from './requestDetail';

export function SeverityTag({ severity }: { severity: string }) {
  const { t } = useLang();
  if (severity === 'error') return <Tag color="red">{t('Lỗi', 'Error')}</Tag>;
  if (severity === 'warning') return <Tag color="orange">{t('Cảnh báo', 'Warning')}</Tag>;
  return <Tag>{severity}</Tag>;
}

export function FindingsList({ findings }: { findings: readonly Finding[] }) {
  const { lang, t } = useLang();
  if (findings.length === 0)
    return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('Không có vấn đề nào', 'No findings')} />;
  return (
    <List
      size="small"
      data-testid="findings-list"
      dataSource={groupByField(findings)}
      renderItem={([field, list]) => (
        <List.Item key={field} data-field={field}>
          <div style={{ width: '100%' }}>
            <Typography.Text strong>{fieldLabel(field, lang)}</Typography.Text>
            <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
              {list.map((f, i) => (
                <li key={i}>
                  <SeverityTag severity={f.severity} />
                  {findingText(f, lang)}
                </li>
              ))}
            </ul>
          </div>
        </List.Item>
      )}
    />
  );
}
