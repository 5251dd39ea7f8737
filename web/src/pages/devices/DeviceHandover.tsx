// "Ghi nhận bàn giao": the registration office (or the CA) records that the token reached its
// holder — who received it and an optional note such as the handover record's number. The
// receiver is prefilled with the holder's name; the server's refusal is shown in the dialog.
import { App, Button, Form, Input, Modal } from 'antd';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Subscriber } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalFooter } from '../../components/ModalParts';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { HANDOVER_NOTE_MAX, RECEIVED_BY_MAX, handoverBody } from './handover';
import type { DeviceDetail } from './types';

interface Props {
  device: DeviceDetail;
  onDone: () => void;
}

/** The button; the dialog is mounted while open, so each opening starts afresh. */
export function DeviceHandover({ device, onDone }: Props) {
  const { t } = useLang();
  const [open, setOpen] = useState(false);
  return (
    <>
      <Button type="primary" onClick={() => setOpen(true)} data-testid="device-handover-open">
        {t('Ghi nhận bàn giao', 'Record the handover')}
      </Button>
      {open && (
        <HandoverModal
          device={device}
          onClose={() => setOpen(false)}
          onDone={() => {
            setOpen(false);
            onDone();
          }}
        />
      )}
    </>
  );
}

interface Values {
  received_by: string;
  note?: string;
}

function HandoverModal({ device, onClose, onDone }: { device: DeviceDetail; onClose: () => void; onDone: () => void }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();
  const id = device.subscriber_id;
  const holder = useApi(() => (id ? api.get<Subscriber>(`/api/v1/subscribers/${id}`) : Promise.resolve(undefined)), [id]);
  const holderName = holder.data?.data.full_name ?? '';

  // The holder's name once known, unless the user has already typed someone else's.
  useEffect(() => {
    if (holderName && !form.isFieldTouched('received_by') && !form.getFieldValue('received_by')) {
      form.setFieldsValue({ received_by: holderName });
    }
  }, [form, holderName]);

  const submit = (v: Values) => {
    setError(undefined);
    return run(
      async () => {
        const path = `/api/v1/devices/${encodeURIComponent(device.serial)}/handover`;
        await api.post<DeviceDetail>(path, handoverBody(v.received_by, v.note ?? ''));
        message.success(t(`Đã ghi nhận bàn giao thiết bị ${device.serial}`, `The handover of ${device.serial} is recorded`));
        onDone();
      },
      (e) => setError(e),
    );
  };

  return (
    <Modal
      open
      title={`${t('Ghi nhận bàn giao', 'Record the handover')} — ${device.serial}`}
      onCancel={onClose}
      footer={
        <ModalFooter
          onClose={onClose}
          onConfirm={() => form.submit()}
          confirmLabel={t('Xác nhận', 'Confirm')}
          busy={busy}
          closeTestId="device-handover-close"
          confirmTestId="device-handover-confirm"
        />
      }
    >
      <Form
        form={form}
        name="device-handover"
        layout="vertical"
        onFinish={submit}
        initialValues={{ received_by: holderName, note: '' }}
      >
        <Form.Item
          name="received_by"
          label={t('Người nhận', 'Received by')}
          rules={[
            { required: true, whitespace: true, message: t('Nhập tên người nhận thiết bị', 'Enter who received the token') },
          ]}
        >
          <Input maxLength={RECEIVED_BY_MAX} autoComplete="off" data-testid="device-handover-received-by" />
        </Form.Item>
        <Form.Item
          name="note"
          label={t('Ghi chú (không bắt buộc)', 'Note (optional)')}
          extra={t('Ví dụ: số biên bản bàn giao', "E.g. the handover record's number")}
        >
          <Input.TextArea autoSize={{ minRows: 2 }} maxLength={HANDOVER_NOTE_MAX} showCount data-testid="device-handover-note" />
        </Form.Item>
      </Form>
      <ErrorAlert error={error} style={{ marginTop: 12 }} data-testid="device-handover-error" />
    </Modal>
  );
}
