// The pieces a confirmation dialog repeats: the footer (close, then confirm with its pending
// spinner) and a multi-line text field (note, comment) whose id doubles as its test id.
import { Button, Form, Input, Space } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../lib/i18n';

interface FooterProps {
  onClose: () => void;
  onConfirm: () => void;
  confirmLabel: ReactNode;
  /** The confirm button's spinner while the action runs. */
  busy: boolean;
  danger?: boolean;
  disabled?: boolean;
  closeTestId?: string;
  confirmTestId: string;
}

/** "Đóng / Close" and the primary confirm button, right-aligned. */
export function ModalFooter({ onClose, onConfirm, confirmLabel, busy, danger, disabled, closeTestId, confirmTestId }: FooterProps) {
  const { t } = useLang();
  return (
    <Space wrap style={{ justifyContent: 'flex-end' }}>
      <Button onClick={onClose} data-testid={closeTestId}>
        {t('Đóng', 'Close')}
      </Button>
      <Button type="primary" danger={danger} disabled={disabled} loading={busy} onClick={() => onConfirm()} data-testid={confirmTestId}>
        {confirmLabel}
      </Button>
    </Space>
  );
}

interface TextAreaProps {
  /** The field's id, its label's target and its test id. */
  id: string;
  label: ReactNode;
  value: string;
  onChange: (value: string) => void;
  maxLength: number;
  minRows: number;
  showCount?: boolean;
  required?: boolean;
}

/** A labelled, growing text area inside a vertical form. */
export function TextAreaItem({ id, label, value, onChange, maxLength, minRows, showCount, required }: TextAreaProps) {
  return (
    <Form.Item label={label} htmlFor={id} required={required}>
      <Input.TextArea
        id={id}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        autoSize={{ minRows }}
        maxLength={maxLength}
        showCount={showCount}
        data-testid={id}
      />
    </Form.Item>
  );
}

/** A confirmation's optional note ("Ghi chú (không bắt buộc)") with its count, as its own form. */
export function NoteForm({ id, value, onChange, maxLength }: Pick<TextAreaProps, 'id' | 'value' | 'onChange' | 'maxLength'>) {
  const { t } = useLang();
  return (
    <Form layout="vertical">
      <TextAreaItem
        id={id}
        label={t('Ghi chú (không bắt buộc)', 'Note (optional)')}
        value={value}
        onChange={onChange}
        minRows={3}
        maxLength={maxLength}
        showCount
      />
    </Form>
  );
}
