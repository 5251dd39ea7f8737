// The outcome of an enrolment or a PIN reset: the token, the certificate and the new user PIN,
// shown this once (the server keeps no PIN), with the Mẫu 07 handover record to print. The PIN
// lives only in the page's memory: it is sent back once to draw the record and forgotten when
// the dialog is closed. It is never put in the address, in storage or in a log.
import { PrinterOutlined } from '@ant-design/icons';
import { Alert, Button, Descriptions, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { api, saveBlob } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { letterFileName, pinGroups } from './station';
import type { StationAction, StationOutcome } from './types';

interface Props {
  outcome: StationOutcome;
  action: StationAction;
  holder: string;
  /** Closes the dialog; the caller drops the outcome (and so the PIN). */
  onDismiss: () => void;
}

export function ResultModal({ outcome, action, holder, onDismiss }: Props) {
  const { t } = useLang();
  const [error, setError] = useState<unknown>();
  const [printing, run] = useBusy();
  const [printed, setPrinted] = useState(false);
  const id = outcome.request_id;

  const print = () => {
    setError(undefined);
    return run(
      async () => {
        const pdf = await api.postBlob('/api/v1/token-station/letter', { request_id: id, user_pin: outcome.user_pin });
        saveBlob(pdf, letterFileName(id));
        setPrinted(true);
      },
      (e) => setError(e),
    );
  };

  return (
    <Modal
      open
      // Closed only on purpose: the PIN cannot be shown again.
      closable={false}
      maskClosable={false}
      keyboard={false}
      title={
        action === 'enroll'
          ? t(`Đã khởi tạo thiết bị — yêu cầu số ${id}`, `Token enrolled — request ${id}`)
          : t(`Đã đặt lại PIN — yêu cầu số ${id}`, `PIN reset — request ${id}`)
      }
      footer={
        <Space wrap style={{ justifyContent: 'flex-end' }}>
          <Button icon={<PrinterOutlined />} loading={printing} onClick={print} data-testid="station-letter">
            {t('In biên bản bàn giao (Mẫu 07)', 'Print the handover record (Mẫu 07)')}
          </Button>
          <Button type="primary" onClick={onDismiss} data-testid="station-result-close">
            {t('Đã giao mã PIN, đóng', 'PIN handed over, close')}
          </Button>
        </Space>
      }
    >
      <div data-testid="station-result">
      {outcome.resumed && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('Lần khởi tạo bị gián đoạn trước đó đã được làm tiếp.', 'An interrupted enrolment was taken up again.')}
        />
      )}
      <Descriptions size="small" column={1} style={{ marginBottom: 12 }}>
        <Descriptions.Item label={t('Người giữ', 'Holder')}>{holder}</Descriptions.Item>
        <Descriptions.Item label={t('Số hiệu thiết bị', 'Token serial')}>
          <span style={{ fontFamily: 'monospace' }} data-testid="station-result-device">
            {outcome.device_serial}
          </span>
        </Descriptions.Item>
        <Descriptions.Item label={t('Chứng thư số', 'Certificate')}>
          <span style={{ fontFamily: 'monospace' }} data-testid="station-result-certificate" data-serial={outcome.certificate_serial}>
            {outcome.certificate_serial ? formatSerial(outcome.certificate_serial) : '—'}
          </span>
        </Descriptions.Item>
      </Descriptions>
      <div
        style={{ textAlign: 'center', padding: '12px 8px', marginBottom: 12, border: '2px solid #d48806', borderRadius: 8 }}
        role="group"
        aria-label={t('Mã PIN người dùng mới', 'The new user PIN')}
      >
        <Typography.Text strong>{t('Mã PIN người dùng mới', 'The new user PIN')}</Typography.Text>
        <div
          style={{ fontFamily: 'monospace', fontSize: 32, fontWeight: 700, letterSpacing: 4, userSelect: 'all' }}
          data-testid="station-pin"
        >
          {pinGroups(outcome.user_pin)}
        </div>
      </div>
      <Alert
        type="warning"
        showIcon
        data-testid="station-pin-warning"
        message={t('Mã PIN chỉ hiển thị một lần này', 'The PIN is shown this once only')}
        description={t(
          'Hệ thống không lưu mã PIN. Hãy giao mã PIN cho người giữ thiết bị (in trong biên bản Mẫu 07) trước khi đóng; người giữ phải đổi mã PIN khi dùng lần đầu.',
          'The system keeps no PIN. Give it to the token holder (it is printed on the Mẫu 07 record) before closing; the holder must change it at first use.',
        )}
      />
      {printed && (
        <Typography.Paragraph type="secondary" style={{ marginTop: 12, marginBottom: 0 }} aria-live="polite">
          {t(`Đã tải biên bản ${letterFileName(id)}.`, `The record ${letterFileName(id)} is downloaded.`)}
        </Typography.Paragraph>
      )}
      <ErrorAlert error={error} style={{ marginTop: 12 }} data-testid="station-letter-error" />
      </div>
    </Modal>
  );
}
