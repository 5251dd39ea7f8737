// Direct revocation by serial for CA operators (POST /api/v1/certificates/{serial}/revoke): the
// certificate is looked up first and shown in a confirmation; the server's errors go to the field.
// Under the two-person rule the first operator's call is a proposal (202): the page says so, and a
// second operator confirms it by revoking the same serial with the same reason.
import { StopOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, DatePicker, Descriptions, Form, Input, Select } from 'antd';
import type { Dayjs } from 'dayjs';
import dayjs from 'dayjs';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { Certificate } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CertStatusTag } from '../../components/Status';
import { formatDate, formatDateTime, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { showInFields } from '../../lib/formErrors';
import { REVOKE_REASONS, revokeReasonLabel } from '../../lib/labels';
import { useBusy } from '../../lib/useBusy';
import { normalizeSerial, revokeBody } from './revoke';

interface Values {
  serial: string;
  reason: string;
  invalidity_date?: Dayjs | null;
}

const FORM_FIELDS = ['serial', 'reason', 'invalidity_date'] as const;

/** The 202 answer of a revocation that waits for a second CA operator. */
interface Proposal {
  state: 'proposed';
  serial: string;
  proposed_by: string;
  proposed_at: string;
  expires_at: string;
}

export function RevokeForm({ onDone }: { onDone: () => void }) {
  const { lang, t } = useLang();
  const [form] = Form.useForm<Values>();
  const { modal } = App.useApp();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [result, setResult] = useState<Certificate>();
  const [proposal, setProposal] = useState<Proposal>();
  const reason = Form.useWatch('reason', form);

  const showError = (e: unknown) => {
    if (!showInFields(form, e, FORM_FIELDS, lang)) setError(e);
  };

  const submit = async (v: Values) => {
    setError(undefined);
    setResult(undefined);
    setProposal(undefined);
    const serial = normalizeSerial(v.serial);
    if (!serial) return;
    const cert = await run(
      () => api.get<Certificate>(`/api/v1/certificates/${serial}`),
      (e) => {
        showError(e instanceof ApiError && e.status === 404 ? new ApiError(404, { ...e.problem, field: 'serial' }) : e);
        return null;
      },
    );
    if (!cert) return;
    const date = v.invalidity_date ? v.invalidity_date.format('DD/MM/YYYY') : undefined;
    const ok = await modal.confirm({
      title: t('Xác nhận thu hồi chứng thư', 'Confirm the revocation'),
      okText: v.reason === 'removeFromCRL' ? t('Hủy tạm dừng', 'Release') : t('Thu hồi', 'Revoke'),
      okButtonProps: { danger: true, 'data-testid': 'revoke-confirm' },
      cancelText: t('Không', 'No'),
      content: (
        <Descriptions column={1} size="small">
          <Descriptions.Item label={t('Chủ thể', 'Subject')}>{cert.common_name}</Descriptions.Item>
          <Descriptions.Item label={t('Số hiệu', 'Serial')}>
            <span style={{ fontFamily: 'monospace' }}>{formatSerial(cert.serial)}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('Trạng thái', 'Status')}>
            <CertStatusTag status={cert.status} />
          </Descriptions.Item>
          <Descriptions.Item label={t('Lý do', 'Reason')}>{revokeReasonLabel(v.reason, lang)}</Descriptions.Item>
          {date && v.reason !== 'removeFromCRL' && <Descriptions.Item label={t('Ngày mất hiệu lực', 'Invalidity date')}>{date}</Descriptions.Item>}
        </Descriptions>
      ),
    });
    if (!ok) return;
    await run(async () => {
      const r = await api.post<Certificate | Proposal>(`/api/v1/certificates/${serial}/revoke`, revokeBody(v.reason, date));
      if ('state' in r && r.state === 'proposed') setProposal(r);
      else setResult(r as Certificate);
      form.resetFields();
      onDone();
    }, showError);
  };

  return (
    <Card title={t('Thu hồi trực tiếp theo số hiệu', 'Revoke directly by serial')} style={{ maxWidth: 720 }} data-testid="revoke-card">
      <ErrorAlert error={error} />
      {proposal && (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="revoke-proposed"
          message={t(
            `Đã ghi đề nghị thu hồi chứng thư ${formatSerial(proposal.serial)}; chưa thu hồi.`,
            `The revocation of certificate ${formatSerial(proposal.serial)} is proposed, not yet done.`,
          )}
          description={t(
            `Quy tắc hai người: một người vận hành CA khác nhập cùng số hiệu và lý do để xác nhận, trước ${formatDateTime(proposal.expires_at)}.`,
            `Two-person rule: another CA operator confirms by entering the same serial and reason, before ${formatDateTime(proposal.expires_at)}.`,
          )}
        />
      )}
      {result && (
        <Alert
          type="success"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="revoke-result"
          message={
            <>
              {t('Chứng thư', 'Certificate')} <span style={{ fontFamily: 'monospace' }}>{formatSerial(result.serial)}</span> (
              {result.common_name}): <CertStatusTag status={result.status} />
              {result.revoked_at && ` ${formatDate(result.revoked_at)}`}
            </>
          }
          description={t(
            'CRL mới sẽ được phát hành tự động sau ít phút, hoặc bấm "Phát hành CRL" để phát hành ngay.',
            'A new CRL follows automatically within minutes, or press "Publish CRL" to publish one now.',
          )}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={{ reason: 'keyCompromise' }}>
        <Form.Item
          name="serial"
          label={t('Số hiệu chứng thư (hex)', 'Certificate serial (hex)')}
          rules={[
            { required: true, message: t('Nhập số hiệu chứng thư', 'Enter the serial') },
            {
              validator: (_, v: string) =>
                !v || normalizeSerial(v)
                  ? Promise.resolve()
                  : Promise.reject(new Error(t('Số hiệu gồm các chữ số hex (0-9, A-F)', 'A serial is hex digits (0-9, A-F)'))),
            },
          ]}
        >
          <Input data-testid="revoke-serial" style={{ fontFamily: 'monospace' }} autoComplete="off" placeholder="E2BE15258D4B24CE…" />
        </Form.Item>
        <Form.Item name="reason" label={t('Lý do (RFC 5280)', 'Reason (RFC 5280)')} rules={[{ required: true }]}>
          <Select
            data-testid="revoke-reason"
            options={Object.keys(REVOKE_REASONS).map((k) => ({ value: k, label: revokeReasonLabel(k, lang) }))}
          />
        </Form.Item>
        {reason !== 'removeFromCRL' && (
          <Form.Item
            name="invalidity_date"
            label={t('Ngày khóa bị lộ / mất hiệu lực', 'Invalidity date')}
            extra={t('Ngày được biết hoặc nghi ngờ khóa bị lộ.', 'When the key is known or suspected to have been compromised.')}
          >
            <DatePicker
              format="DD/MM/YYYY"
              data-testid="revoke-invalidity-date"
              disabledDate={(d) => d.isAfter(dayjs().endOf('day'))}
              style={{ width: '100%', maxWidth: 240 }}
            />
          </Form.Item>
        )}
        <Button type="primary" danger htmlType="submit" icon={<StopOutlined />} loading={busy} data-testid="revoke-submit">
          {reason === 'removeFromCRL' ? t('Hủy tạm dừng', 'Release the hold') : t('Thu hồi', 'Revoke')}
        </Button>
      </Form>
    </Card>
  );
}
