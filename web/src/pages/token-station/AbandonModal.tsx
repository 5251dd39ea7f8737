// "Bỏ dở": confirms abandoning an enrolment not yet issued, with an optional note. The token is
// kept in the register as a blank (formatted) one and may be enrolled again; the request keeps
// waiting for a device. The server's refusal is shown in the dialog.
import { Alert, App, Button, Form, Input, Modal, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { ABANDON_NOTE_MAX, abandonBody } from './station';
import type { WaitingRequest } from './types';

interface Props {
  request: WaitingRequest;
  onClose: () => void;
  onDone: () => void;
}

export function AbandonModal({ request, onClose, onDone }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();
  const id = request.request_id;
  const serial = request.enrolment?.device_serial ?? '';

  const confirm = () => {
    setError(undefined);
    return run(
      async () => {
        await api.post<{ request_id: number; device_serial: string }>('/api/v1/token-station/abandon', abandonBody(id, note));
        message.success(t(`Đã bỏ dở lần khởi tạo cho yêu cầu số ${id}`, `The enrolment for request ${id} is abandoned`));
        onDone();
      },
      (e) => setError(e),
    );
  };

  return (
    <Modal
      open
      title={t(`Bỏ dở lần khởi tạo — yêu cầu số ${id}`, `Abandon the enrolment — request ${id}`)}
      onCancel={onClose}
      footer={
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          <Button onClick={onClose} data-testid="station-abandon-close">
            {t('Đóng', 'Close')}
          </Button>
          <Button type="primary" danger loading={busy} onClick={confirm} data-testid="station-abandon-confirm">
            {t('Xác nhận bỏ dở', 'Abandon it')}
          </Button>
        </Space>
      }
    >
      <Alert
        type="warning"
        showIcon
        style={{ marginBottom: 16 }}
        message={t(
          `Thiết bị ${serial} được giữ lại như thiết bị trắng và có thể khởi tạo lại; yêu cầu vẫn chờ thiết bị.`,
          `Token ${serial} is kept as a blank one and may be enrolled again; the request keeps waiting for a device.`,
        )}
      />
      <Form layout="vertical">
        <Form.Item label={t('Ghi chú (không bắt buộc)', 'Note (optional)')} htmlFor="station-abandon-note">
          <Input.TextArea
            id="station-abandon-note"
            value={note}
            onChange={(e) => setNote(e.target.value)}
            autoSize={{ minRows: 3 }}
            maxLength={ABANDON_NOTE_MAX}
            showCount
            data-testid="station-abandon-note"
          />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} style={{ marginTop: 12 }} data-testid="station-abandon-error" />
    </Modal>
  );
}
