// CRLs per CA, the OCSP responder and the CA operation queue from GET /api/v1/pki/status, with
// "publish the next CRL" (POST /api/v1/crls) for CA operators. Every CA and the OCSP signer show
// their days left, with a warning for a CA inside ca.expiry_warning_days and for a signer the
// automatic renewal (ca.ocsp_renew_days) has missed.
import { CloudUploadOutlined, DownloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Col, Descriptions, Row, Space, Statistic, Tag, Typography } from 'antd';
import { ApiError, api } from '../../api/client';
import type { PkiStatus } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useErrorMessage } from '../../components/useErrorMessage';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { caExpiryWarning, crlStale, formatDaysLeft, isExpired, ocspFreshness, ocspSignerWarning } from './revoke';

type CaStatus = PkiStatus['cas'][number];
type OcspStatus = NonNullable<PkiStatus['ocsp']>;

interface CrlPublished {
  ca: string;
  number: number;
  entries: number;
  this_update: string;
  next_update: string;
  href: string;
}

function PublishButton({ ca, onDone }: { ca?: string; onDone: () => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const [busy, run] = useBusy();
  const publish = () =>
    run(async () => {
      const r = await api.post<CrlPublished>('/api/v1/crls', ca ? { ca } : {});
      message.success(
        t(
          `Đã phát hành CRL số ${r.number} của CA "${r.ca}" (${formatNumber(r.entries, lang)} mục)`,
          `Published CRL number ${r.number} of CA "${r.ca}" (${formatNumber(r.entries, lang)} entries)`,
        ),
      );
      onDone();
    }, showError);
  return (
    <Button
      icon={<CloudUploadOutlined />}
      onClick={publish}
      loading={busy}
      data-testid={`publish-crl${ca ? `-${ca}` : ''}`}
      aria-label={ca ? t(`Phát hành CRL của CA ${ca}`, `Publish the CRL of CA ${ca}`) : undefined}
    >
      {t('Phát hành CRL', 'Publish CRL')}
    </Button>
  );
}

/** Days left beside a validity end: red once expired, orange inside the warning threshold; the words say it too. */
function DaysLeftTag({ days, expired, warn, testId }: { days: number; expired: boolean; warn: boolean; testId: string }) {
  const { lang } = useLang();
  return (
    <Tag color={expired ? 'red' : warn ? 'orange' : undefined} data-testid={testId} data-days-left={days}>
      {formatDaysLeft(days, expired, lang)}
    </Tag>
  );
}

function CaCard({
  ca,
  now,
  warningDays,
  canPublish,
  onDone,
}: {
  ca: CaStatus;
  now: Date;
  warningDays: number;
  canPublish: boolean;
  onDone: () => void;
}) {
  const { lang, t } = useLang();
  const crl = ca.crl;
  const stale = crl ? crl.stale || crlStale(crl.next_update, now) : false;
  const expired = isExpired(ca.days_left, ca.not_after, now);
  const warn = expired || ca.expiring;
  const kind = ca.kind === 'root' ? t('CA gốc', 'Root CA') : ca.kind === 'issuing' ? t('CA cấp phát', 'Issuing CA') : ca.kind;
  return (
    <Card
      size="small"
      data-testid={`ca-${ca.name}`}
      title={
        <Space wrap>
          <span>{ca.name}</span>
          {kind && <Tag>{kind}</Tag>}
        </Space>
      }
      extra={canPublish && <PublishButton ca={ca.name} onDone={onDone} />}
      style={{ height: '100%' }}
    >
      <Typography.Paragraph style={{ fontSize: 13, color: '#595959', wordBreak: 'break-word' }}>{ca.subject}</Typography.Paragraph>
      {warn && (
        <Alert
          type={expired ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid={`ca-expiring-${ca.name}`}
          message={caExpiryWarning(ca.name, ca.days_left, expired, warningDays, lang)}
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('CA hết hạn', 'CA expires')}>
          <Space wrap>
            {formatDateTime(ca.not_after)}
            <DaysLeftTag days={ca.days_left} expired={expired} warn={warn} testId={`ca-days-left-${ca.name}`} />
          </Space>
        </Descriptions.Item>
        {crl ? (
          <>
            <Descriptions.Item label={t('Số CRL', 'CRL number')}>
              <Space wrap>
                <b data-testid={`crl-number-${ca.name}`}>{crl.number}</b>
                {stale ? (
                  <Tag color="red" data-testid={`crl-stale-${ca.name}`}>
                    {t('Quá hạn cập nhật', 'Stale')}
                  </Tag>
                ) : (
                  <Tag color="green">{t('Còn hiệu lực', 'Current')}</Tag>
                )}
              </Space>
            </Descriptions.Item>
            <Descriptions.Item label={t('Phát hành lúc', 'This update')}>{formatDateTime(crl.this_update)}</Descriptions.Item>
            <Descriptions.Item label={t('Cập nhật tiếp', 'Next update')}>{formatDateTime(crl.next_update)}</Descriptions.Item>
            <Descriptions.Item label={t('Số chứng thư bị thu hồi', 'Entries')}>{formatNumber(crl.entries, lang)}</Descriptions.Item>
            <Descriptions.Item label={t('Tải về', 'Download')}>
              <a href={crl.href} download aria-label={t(`Tải CRL của CA ${ca.name}`, `Download the CRL of CA ${ca.name}`)}>
                <DownloadOutlined /> {crl.href}
              </a>
            </Descriptions.Item>
          </>
        ) : (
          <Descriptions.Item label="CRL">{t('Chưa phát hành', 'None yet')}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}

function OcspCard({ ocsp, now }: { ocsp: OcspStatus | null; now: Date }) {
  const { lang, t } = useLang();
  if (!ocsp) {
    return (
      <Card size="small" title="OCSP">
        <Alert type="warning" showIcon message={t('Chưa có chứng thư ký OCSP', 'No OCSP signing certificate')} />
      </Card>
    );
  }
  const fresh = ocspFreshness(ocsp.last_produced_at, ocsp.max_age_seconds, now);
  const expired = isExpired(ocsp.signer_days_left, ocsp.signer_not_after, now);
  const warn = expired || ocsp.signer_expiring;
  const renewDays = formatNumber(ocsp.renew_days, lang);
  return (
    <Card size="small" title="OCSP" data-testid="ocsp-status" style={{ height: '100%' }}>
      {warn && (
        <Alert
          type={expired ? 'error' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="ocsp-signer-expiring"
          message={
            <>
              {ocspSignerWarning(ocsp.signer_days_left, expired, lang)} {t('Chạy', 'Run')}{' '}
              <Typography.Text code>chungthu ca renew ocsp</Typography.Text>.
            </>
          }
        />
      )}
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('Chứng thư ký', 'Signer')}>
          <span style={{ wordBreak: 'break-word' }}>{ocsp.signer_subject}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('Chứng thư ký hết hạn', 'Signer expires')}>
          <Space wrap>
            {formatDateTime(ocsp.signer_not_after)}
            <DaysLeftTag days={ocsp.signer_days_left} expired={expired} warn={warn} testId="ocsp-signer-days-left" />
            <span style={{ color: '#595959' }} data-testid="ocsp-renew-days">
              {t(`gia hạn tự động khi còn ${renewDays} ngày`, `renewed automatically when ${renewDays} days are left`)}
            </span>
          </Space>
        </Descriptions.Item>
        {ocsp.enabled === false && (
          <Descriptions.Item label={t('Trả lời OCSP', 'Answers OCSP')}>
            <Tag>{t('Tiến trình này không trả lời OCSP', 'This process does not answer OCSP')}</Tag>
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('Câu trả lời đã ký sẵn', 'Responses cached')}>{formatNumber(ocsp.responses_cached, lang)}</Descriptions.Item>
        <Descriptions.Item label={t('Ký gần nhất', 'Last produced')}>
          <Space wrap>
            {ocsp.last_produced_at ? formatDateTime(ocsp.last_produced_at, true) : t('Chưa có', 'None yet')}
            {fresh === 'fresh' && <Tag color="green">{t('Mới', 'Fresh')}</Tag>}
            {fresh === 'old' && <Tag color="red">{t('Đã cũ', 'Old')}</Tag>}
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('Hiệu lực câu trả lời', 'Response validity')}>
          {formatNumber(Math.round(ocsp.max_age_seconds / 3600), lang)} {t('giờ', 'hours')}
        </Descriptions.Item>
      </Descriptions>
    </Card>
  );
}

interface PanelProps {
  tick: number;
  canPublish: boolean;
  onChanged: () => void;
}

export function PkiStatusPanel({ tick, canPublish, onChanged }: PanelProps) {
  const { lang, t } = useLang();
  const { data, error } = useApi(() => api.get<PkiStatus>('/api/v1/pki/status'), [tick]);
  const done = onChanged;
  const missing = error instanceof ApiError && error.status === 404;
  const now = data ? new Date(data.now) : new Date();
  return (
    <section aria-labelledby="pki-title" style={{ marginBottom: 24 }}>
      <Typography.Title level={3} id="pki-title" style={{ fontSize: 18 }}>
        {t('CRL, OCSP và hàng đợi', 'CRLs, OCSP and the queue')}
      </Typography.Title>
      {missing ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 16 }}
          message={t('Máy chủ chưa cung cấp tình trạng CRL/OCSP (GET /api/v1/pki/status).', 'The server does not report CRL/OCSP status yet (GET /api/v1/pki/status).')}
          action={canPublish ? <PublishButton onDone={done} /> : undefined}
        />
      ) : (
        <ErrorAlert error={error} />
      )}
      {data && (
        <>
          <Row gutter={[12, 12]} style={{ marginBottom: 12 }}>
            <Col xs={8}>
              <Card size="small" data-testid="queue-pending">
                <Statistic title={t('Đang chờ', 'Queued')} value={formatNumber(data.queue.pending, lang)} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small" data-testid="queue-running">
                <Statistic title={t('Đang chạy', 'Running')} value={formatNumber(data.queue.running, lang)} />
              </Card>
            </Col>
            <Col xs={8}>
              <Card size="small" data-testid="queue-failed">
                <Statistic
                  title={t('Lỗi, chờ thực hiện lại', 'Failed, to retry')}
                  value={formatNumber(data.queue.failed, lang)}
                  valueStyle={{ color: data.queue.failed ? '#cf1322' : undefined }}
                />
              </Card>
            </Col>
          </Row>
          <Row gutter={[12, 12]}>
            {data.cas.map((ca) => (
              <Col key={ca.name} xs={24} lg={12} xxl={8}>
                <CaCard ca={ca} now={now} warningDays={data.expiry_warning_days} canPublish={canPublish} onDone={done} />
              </Col>
            ))}
            <Col xs={24} lg={12} xxl={8}>
              <OcspCard ocsp={data.ocsp} now={now} />
            </Col>
          </Row>
        </>
      )}
    </section>
  );
}
