// Reasons per field for a return ("trả lại kèm lý do"): rows of field + what to fix, sent as
// field_reasons {field: reason}.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Input, Select, Space } from 'antd';
import { useLang } from '../../lib/i18n';
import { FIELDS, fieldLabel } from '../../lib/labels';
import type { ReasonRow } from '../../lib/reasons';

export function FieldReasons({ value, onChange }: { value: ReasonRow[]; onChange: (rows: ReasonRow[]) => void }) {
  const { lang, t } = useLang();
  const options = Object.keys(FIELDS)
    .filter((f) => f !== 'name')
    .map((f) => ({ value: f, label: fieldLabel(f, lang) }));
  const set = (i: number, patch: Partial<ReasonRow>) => onChange(value.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  return (
    <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
      <legend style={{ fontSize: 14, marginBottom: 8 }}>{t('Lý do theo từng trường (không bắt buộc)', 'Reasons per field (optional)')}</legend>
      {value.map((r, i) => (
        <Space key={i} align="start" wrap style={{ display: 'flex', marginBottom: 8 }}>
          <Select
            aria-label={t(`Trường ${i + 1}`, `Field ${i + 1}`)}
            data-testid={`reason-field-${i}`}
            style={{ width: 190 }}
            value={r.field || undefined}
            placeholder={t('Chọn trường', 'Pick a field')}
            options={options}
            showSearch
            optionFilterProp="label"
            onChange={(v: string) => set(i, { field: v })}
          />
          <Input
            aria-label={t(`Cần sửa gì ở trường ${i + 1}`, `What to fix in field ${i + 1}`)}
            data-testid={`reason-text-${i}`}
            style={{ width: 300, maxWidth: '70vw' }}
            value={r.reason}
            onChange={(e) => set(i, { reason: e.target.value })}
          />
          <Button
            icon={<DeleteOutlined />}
            aria-label={t(`Bỏ lý do ${i + 1}`, `Remove reason ${i + 1}`)}
            onClick={() => onChange(value.filter((_, j) => j !== i))}
          />
        </Space>
      ))}
      <Button icon={<PlusOutlined />} onClick={() => onChange([...value, { field: '', reason: '' }])} data-testid="reason-add">
        {t('Thêm lý do theo trường', 'Add a reason for a field')}
      </Button>
    </fieldset>
  );
}
