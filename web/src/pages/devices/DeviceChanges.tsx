// The state changes the user may make on the device now (the server's `changes`, already
// filtered by role), one button each. Each opens a confirmation saying what happens to the
// certificates on the device, with an optional note; the server's refusal is shown in it.
import { Alert, App, Button, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalFooter, NoteForm } from '../../components/ModalParts';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { DeviceStateTag } from './DeviceStateTag';
import { NOTE_MAX, changeLabel, effectSeverity, effectText, stateChangeBody } from './deviceStates';
import type { DeviceChange, DeviceDetail } from './types';

interface Props {
  device: DeviceDetail;
  onDone: () => void;
}

export function DeviceChanges({ device, onDone }: Props) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [open, setOpen] = useState<DeviceChange>();
  const [note, setNote] = useState('');
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();

  if (device.changes.length === 0) return null;

  const close = () => {
    setOpen(undefined);
    setNote('');
    setError(undefined);
  };

  const confirm = (c: DeviceChange) => {
    setError(undefined);
    return run(
      async () => {
        const path = `/api/v1/devices/${encodeURIComponent(device.serial)}/state`;
        await api.post<DeviceDetail>(path, stateChangeBody(c.to, note));
        message.success(t('Đã ghi nhận thay đổi trạng thái thiết bị', 'The device state change is recorded'));
        close();
        onDone();
      },
      (e) => setError(e),
    );
  };

  return (
    <div data-testid="device-changes">
      <Space wrap>
        {device.changes.map((c) => (
          <Button
            key={`${c.from}-${c.to}`}
            danger={c.effect === 'revoke'}
            type={c.to === 'active' ? 'primary' : 'default'}
            onClick={() => setOpen(c)}
            data-testid={`device-change-${c.to}`}
          >
            {changeLabel(c, lang)}
          </Button>
        ))}
      </Space>
      {open && (
        <Modal
          open
          title={`${changeLabel(open, lang)} — ${device.serial}`}
          onCancel={close}
          footer={
            <ModalFooter
              onClose={close}
              onConfirm={() => confirm(open)}
              confirmLabel={t('Xác nhận', 'Confirm')}
              busy={busy}
              danger={open.effect === 'revoke'}
              closeTestId="device-change-close"
              confirmTestId="device-change-confirm"
            />
          }
        >
          <div style={{ marginBottom: 12 }}>
            <Typography.Text>{t('Trạng thái thiết bị', 'Device state')}: </Typography.Text>
            <DeviceStateTag state={open.from} /> → <DeviceStateTag state={open.to} />
          </div>
          <Alert
            type={effectSeverity(open)}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="device-change-effect"
            message={effectText(open, lang)}
            description={
              open.effect !== 'none' && device.certificates.length === 0
                ? t('Hiện không có chứng thư số nào được tạo khóa trên thiết bị này.', 'No certificate has its key on this device now.')
                : undefined
            }
          />
          <NoteForm id="device-change-note" value={note} onChange={setNote} maxLength={NOTE_MAX} />
          <ErrorAlert error={error} style={{ marginTop: 12 }} data-testid="device-change-error" />
        </Modal>
      )}
    </div>
  );
}
