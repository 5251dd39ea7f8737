// "/check" for anyone: drop a certificate file (.cer/.crt/.pem/.der) or paste a PEM block; the
// server (POST /api/v1/public/inspect, raw body) says whether one of our CAs issued it, whether its
// signature verifies, and its status; the file's own contents are shown below the verdict.
import { InboxOutlined, SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Descriptions, Form, Input, Row, Space, Spin, Tag, Typography, Upload } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDateTime, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { revokeReasonLabel } from '../../lib/labels';
import { useBusy } from '../../lib/useBusy';
import { DownloadLinks, PublicStatusTag, UsageTags } from './CertCard';
import { isCertificateFileName, looksLikePem, ocspLikeStatus, orgFromSubject, dnValue, verdictLevel } from './lookup';
import type { InspectResult } from './types';

function Verdict({ r, source }: { r: InspectResult; source: string }) {
  const { lang, t } = useLang();
  const c = r.certificate;
  const rec = r.record;
  const status = ocspLikeStatus(r);
  const yes = (ok: boolean, label?: string) => <Tag color={ok ? 'green' : 'red'}>{label ?? (ok ? t('Có', 'Yes') : t('Không', 'No'))}</Tag>;
  return (
    <Space direction="vertical" size={16} style={{ width: '100%' }} data-testid="check-result">
      <Alert
        type={verdictLevel(r)}
        showIcon
        data-testid="check-verdict"
        data-level={verdictLevel(r)}
        message={<b style={{ fontSize: 16 }}>{lang === 'vi' ? r.verdict : r.verdict_en}</b>}
        description={t(`Tệp đã kiểm tra: ${source}`, `File checked: ${source}`)}
      />
      <Card size="small" title={t('Kết luận', 'Findings')}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('Do CA của hệ thống cấp', 'Issued by one of our CAs')}>
            <Space wrap>
              {yes(!!r.issued_by)}
              {r.issued_by && <span>{r.issued_by.common_name}</span>}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('Chữ ký của CA (chuỗi chứng thư)', "CA signature (chain)")}>
            {r.issued_by
              ? yes(true, t('Hợp lệ', 'Verifies'))
              : yes(false, t('Không xác minh được bằng CA của hệ thống', 'Not verifiable with our CAs'))}
          </Descriptions.Item>
          <Descriptions.Item label={t('Có trong sổ đăng ký', 'In our registry')}>{yes(r.ours)}</Descriptions.Item>
          <Descriptions.Item label={t('Trạng thái (OCSP)', 'Status (OCSP)')}>
            <Space wrap>
              <Tag color={status === 'good' ? 'green' : status === 'revoked' ? 'red' : 'default'} data-testid="check-status">
                {status === 'good' ? t('Tốt (good)', 'good') : status === 'revoked' ? t('Đã thu hồi (revoked)', 'revoked') : t('Không rõ (unknown)', 'unknown')}
              </Tag>
              {rec && <PublicStatusTag c={rec} />}
              {rec?.revocation && (
                <span>
                  {revokeReasonLabel(rec.revocation.reason, lang)} — {formatDateTime(rec.revocation.revoked_at)}
                </span>
              )}
            </Space>
          </Descriptions.Item>
          <Descriptions.Item label={t('Trong thời hạn hiệu lực', 'Within its validity')}>{yes(c.within_validity)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card size="small" title={t('Nội dung chứng thư', 'Certificate contents')}>
        <Descriptions column={1} size="small" bordered>
          <Descriptions.Item label={t('Chủ thể', 'Subject')}>
            <b>{dnValue(c.subject, 'CN')}</b>
            {orgFromSubject(c.subject) && <div>{orgFromSubject(c.subject)}</div>}
            <div style={{ color: '#595959', fontSize: 12, wordBreak: 'break-word' }}>{c.subject}</div>
          </Descriptions.Item>
          <Descriptions.Item label={t('Số hiệu', 'Serial')}>
            <Typography.Text copyable={{ text: c.serial }} style={{ fontFamily: 'monospace' }} data-testid="check-serial">
              {formatSerial(c.serial)}
            </Typography.Text>
          </Descriptions.Item>
          <Descriptions.Item label={t('Bên cấp', 'Issuer')}>
            <span style={{ wordBreak: 'break-word' }}>{c.issuer}</span>
          </Descriptions.Item>
          <Descriptions.Item label={t('Hiệu lực', 'Validity')}>
            {formatDateTime(c.not_before)} – {formatDateTime(c.not_after)}
          </Descriptions.Item>
          <Descriptions.Item label={t('Khóa công khai', 'Public key')}>
            {c.key_algorithm} · {t('chữ ký', 'signature')} {c.signature_algorithm}
            {c.is_ca && <Tag style={{ marginInlineStart: 8 }}>CA</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('Mục đích sử dụng', 'Usages')}>
            <UsageTags ku={c.key_usage} eku={c.extended_key_usage} />
          </Descriptions.Item>
          {c.san_emails?.length > 0 && <Descriptions.Item label={t('Thư điện tử', 'E-mail')}>{c.san_emails.join(', ')}</Descriptions.Item>}
          {c.san_dns?.length > 0 && <Descriptions.Item label="DNS">{c.san_dns.join(', ')}</Descriptions.Item>}
          {c.policy_oids?.length > 0 && <Descriptions.Item label={t('Chính sách', 'Policies')}>{c.policy_oids.join(', ')}</Descriptions.Item>}
          <Descriptions.Item label="SHA-256">
            <span style={{ fontFamily: 'monospace', fontSize: 12, wordBreak: 'break-all' }}>{c.sha256_fingerprint}</span>
          </Descriptions.Item>
        </Descriptions>
        {r.ours && rec && (
          <div style={{ marginTop: 12 }}>
            <DownloadLinks serial={rec.serial} />
          </div>
        )}
      </Card>
    </Space>
  );
}

export function CheckFile() {
  const { t } = useLang();
  const [result, setResult] = useState<{ r: InspectResult; source: string }>();
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();
  const [pem, setPem] = useState('');

  const inspect = (body: Blob, source: string) => {
    setError(undefined);
    setResult(undefined);
    return run(
      async () => {
        // The server takes PEM or DER as application/octet-stream whatever the file's own type.
        const r = await api.upload<InspectResult>('/api/v1/public/inspect', new Blob([body], { type: 'application/octet-stream' }));
        setResult({ r, source });
      },
      (e) => {
        // "file" is the only field here: the message alone says it all.
        setError(e instanceof ApiError && e.field === 'file' ? new ApiError(e.status, { ...e.problem, field: undefined, detail: undefined, detail_en: undefined }) : e);
      },
    );
  };

  return (
    <>
      <PageTitle>{t('Kiểm tra tệp chứng thư số', 'Check a certificate file')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('Tải tệp lên', 'Upload a file')} style={{ height: '100%' }}>
            <Upload.Dragger
              accept=".cer,.crt,.pem,.der"
              multiple={false}
              showUploadList={false}
              disabled={busy}
              data-testid="check-upload"
              beforeUpload={(file) => {
                if (!isCertificateFileName(file.name)) {
                  setResult(undefined);
                  setError(
                    new Error(t(`Tệp "${file.name}" không phải .cer, .crt, .pem hoặc .der`, `"${file.name}" is not a .cer, .crt, .pem or .der file`)),
                  );
                  return Upload.LIST_IGNORE;
                }
                void inspect(file, file.name);
                return false;
              }}
            >
              <p className="ant-upload-drag-icon">
                <InboxOutlined aria-hidden />
              </p>
              <p className="ant-upload-text">{t('Kéo tệp vào đây hoặc bấm để chọn tệp', 'Drop a file here or click to choose one')}</p>
              <p className="ant-upload-hint">{t('Chứng thư dạng .cer, .crt, .pem hoặc .der; tệp chỉ được kiểm tra, không được lưu lại.', 'A .cer, .crt, .pem or .der certificate; the file is checked, not kept.')}</p>
            </Upload.Dragger>
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card size="small" title={t('Hoặc dán nội dung PEM', 'Or paste PEM text')} style={{ height: '100%' }}>
            <Form
              layout="vertical"
              onFinish={() => {
                if (!looksLikePem(pem)) {
                  setResult(undefined);
                  setError(new Error(t('Nội dung phải là một khối -----BEGIN CERTIFICATE-----', 'The text must be a -----BEGIN CERTIFICATE----- block')));
                  return;
                }
                void inspect(new Blob([pem]), t('nội dung dán vào', 'pasted text'));
              }}
            >
              <Form.Item label={t('Nội dung PEM', 'PEM text')} htmlFor="check-pem">
                <Input.TextArea
                  id="check-pem"
                  data-testid="check-pem"
                  value={pem}
                  onChange={(e) => setPem(e.target.value)}
                  rows={6}
                  style={{ fontFamily: 'monospace', fontSize: 12 }}
                  placeholder={'-----BEGIN CERTIFICATE-----\nMII…\n-----END CERTIFICATE-----'}
                />
              </Form.Item>
              <Button type="primary" htmlType="submit" icon={<SafetyCertificateOutlined />} loading={busy} disabled={!pem.trim()} data-testid="check-pem-submit">
                {t('Kiểm tra', 'Check')}
              </Button>
            </Form>
          </Card>
        </Col>
      </Row>
      <div style={{ marginTop: 16 }} aria-live="polite">
        {busy && <Spin style={{ display: 'block', margin: '24px auto' }} />}
        <ErrorAlert error={error} />
        {result && <Verdict r={result.r} source={result.source} />}
      </div>
    </>
  );
}
