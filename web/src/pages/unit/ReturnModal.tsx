// Returning a request to its submitter: an overall comment and, per field, what to fix.
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Form, Input, Modal, Select, Space, Typography } from 'antd';
import { useState } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalFooter, TextAreaItem } from '../../components/ModalParts';
import { useLang } from '../../lib/i18n';
import { FIELDS, fieldLabel } from '../../lib/labels';
import { buildReturnBody, type ReasonRow } from './requestDetail';

interface Props {
  busy: boolean;
  error: unknown;
  onCancel: () => void;
  onSubmit: (body: { comment: string; field_reasons: Record<string, string> }) => void;
}

export function ReturnModal({ busy, error, onCancel, onSubmit }: Props) {
  const { lang, t } = useLang();
  const [comment, setComment] = useState('');
  const [rows, setRows] = useState<ReasonRow[]>([{}]);
  const body = buildReturnBody(comment, rows);
  const setRow = (i: number, patch: ReasonRow) => setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  const fieldOptions = Object.keys(FIELDS)
    .filter((f) => f !== 'name')
    .map((f) => ({ value: f, label: fieldLabel(f, lang) }));

  return (
    <Modal
      open
      title={t('Trả lại yêu cầu để sửa', 'Return the request for correction')}
      onCancel={onCancel}
      width={640}
      footer={
        <ModalFooter
          onClose={onCancel}
          onConfirm={() => body && onSubmit(body)}
          confirmLabel={t('Trả lại', 'Return')}
          busy={busy}
          disabled={!body}
          confirmTestId="return-confirm"
        />
      }
    >
      <Form layout="vertical">
        <TextAreaItem
          id="return-comment"
          label={t('Ý kiến chung', 'Overall comment')}
          value={comment}
          onChange={setComment}
          minRows={2}
          maxLength={1000}
        />
        <Typography.Text strong>{t('Lý do theo từng trường', 'Reasons per field')}</Typography.Text>
        {rows.map((r, i) => (
          <Space key={i} wrap align="start" style={{ display: 'flex', marginTop: 8 }}>
            <Select
              style={{ minWidth: 200 }}
              value={r.field}
              placeholder={t('Chọn trường', 'Choose a field')}
              aria-label={t(`Trường cần sửa ${i + 1}`, `Field to fix ${i + 1}`)}
              onChange={(v: string) => setRow(i, { field: v })}
              options={fieldOptions}
              data-testid={`return-field-${i}`}
            />
            <Input
              style={{ minWidth: 240 }}
              value={r.reason}
              placeholder={t('Cần sửa gì', 'What to fix')}
              aria-label={t(`Lý do ${i + 1}`, `Reason ${i + 1}`)}
              onChange={(e) => setRow(i, { reason: e.target.value })}
              data-testid={`return-reason-${i}`}
            />
            <Button
              icon={<DeleteOutlined />}
              aria-label={t(`Bỏ dòng ${i + 1}`, `Remove row ${i + 1}`)}
              onClick={() => setRows((rs) => (rs.length > 1 ? rs.filter((_, j) => j !== i) : [{}]))}
            />
          </Space>
        ))}
        <Button type="dashed" icon={<PlusOutlined />} style={{ marginTop: 8 }} onClick={() => setRows((rs) => [...rs, {}])} data-testid="return-add-row">
          {t('Thêm lý do cho trường khác', 'Add a reason for another field')}
        </Button>
        {!body && (
          <div style={{ marginTop: 8 }}>
            <Typography.Text type="secondary">
              {t('Cần ý kiến chung hoặc ít nhất một lý do theo trường.', 'A comment or at least one field reason is needed.')}
            </Typography.Text>
          </div>
        )}
      </Form>
      <ErrorAlert error={error} style={{ marginTop: 12 }} />
    </Modal>
  );
}
