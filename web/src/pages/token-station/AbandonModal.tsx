// "Bỏ dở": confirms abandoning an enrolment not yet issued, with an optional note. The token is
// kept in the register as a blank (formatted) one and may be enrolled again; the request keeps
// waiting for a device. The server's refusal is shown in the dialog.
import { Alert, App, Modal } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalFooter, NoteForm } from '../../components/ModalParts';
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
        <ModalFooter
          onClose={onClose}
          onConfirm={confirm}
          confirmLabel={t('Xác nhận bỏ dở', 'Abandon it')}
          busy={busy}
          danger
          closeTestId="station-abandon-close"
          confirmTestId="station-abandon-confirm"
        />
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
      <NoteForm id="station-abandon-note" value={note} onChange={setNote} maxLength={ABANDON_NOTE_MAX} />
      <ErrorAlert error={error} style={{ marginTop: 12 }} data-testid="station-abandon-error" />
    </Modal>
  );
}
