// One certificate in a drawer: subject, validity with days left, revocation, the PEM to copy or
// download (.pem text, .crt DER).
import { CopyOutlined, DownloadOutlined } from '@ant-design/icons';
import { App, Button, Descriptions, Drawer, Grid, Space, Spin, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api, saveBlob } from '../../api/client';
import type { Certificate } from '../../api/types';
import { useSession } from '../../auth/session';
import { CertStatusTag } from '../../components/Status';
import { formatDateTime, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { certFileName, pemToDer } from './certs';
import { ExpiryText } from './ExpiryText';
import { LoadFailure } from './LoadFailure';

const PEOPLE_ROLES = ['unit_manager', 'aggregator', 'admin', 'subscriber'];

export function CertificateDrawer({ serial, onClose }: { serial: string; onClose: () => void }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const { user } = useSession();
  const screens = Grid.useBreakpoint();
  const { data: c, error, loading } = useApi(() => api.get<Certificate>(`/api/v1/certificates/${encodeURIComponent(serial)}`), [serial]);

  async function copy(pem: string) {
    try {
      await navigator.clipboard.writeText(pem);
      message.success(t('Đã sao chép PEM', 'PEM copied'));
    } catch {
      message.error(t('Trình duyệt không cho sao chép; hãy chọn và sao chép thủ công', 'The browser refused; select and copy by hand'));
    }
  }

  function download(cert: Certificate, ext: 'pem' | 'crt') {
    if (!cert.pem) return;
    if (ext === 'pem') {
      saveBlob(new Blob([cert.pem], { type: 'application/x-pem-file' }), certFileName(cert.serial, 'pem'));
      return;
    }
    const der = pemToDer(cert.pem);
    if (!der) {
      message.error(t('PEM không đọc được', 'The PEM cannot be read'));
      return;
    }
    saveBlob(new Blob([der as BlobPart], { type: 'application/pkix-cert' }), certFileName(cert.serial, 'crt'));
  }

  return (
    <Drawer
      open
      onClose={onClose}
      width={screens.md ? 640 : '100%'}
      title={c ? c.common_name || formatSerial(c.serial) : t('Chứng thư số', 'Certificate')}
      data-testid="cert-drawer"
    >
      {loading && !c && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {error !== undefined && !c && <LoadFailure error={error} />}
      {c && (
        <>
          <Descriptions size="small" column={1} bordered styles={{ label: { whiteSpace: "nowrap" } }}>
            <Descriptions.Item label={t('Số hiệu', 'Serial')}>
              <Typography.Text copyable={{ text: c.serial }} style={{ fontFamily: 'monospace' }}>
                {formatSerial(c.serial)}
              </Typography.Text>
            </Descriptions.Item>
            <Descriptions.Item label={t('Chủ thể', 'Subject')}>
              <span style={{ wordBreak: 'break-word' }}>{c.subject}</span>
            </Descriptions.Item>
            <Descriptions.Item label={t('Thư điện tử', 'E-mail')}>{c.email}</Descriptions.Item>
            <Descriptions.Item label={t('Trạng thái', 'Status')}>
              <CertStatusTag status={c.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('Hiệu lực từ', 'Valid from')}>{formatDateTime(c.not_before)}</Descriptions.Item>
            <Descriptions.Item label={t('Hiệu lực đến', 'Valid until')}>
              <ExpiryText notAfter={c.not_after} status={c.status} />
            </Descriptions.Item>
            <Descriptions.Item label={t('Hồ sơ', 'Profile')}>{c.profile}</Descriptions.Item>
            {c.revoked_at && <Descriptions.Item label={t('Thu hồi lúc', 'Revoked at')}>{formatDateTime(c.revoked_at)}</Descriptions.Item>}
            {c.revocation_reason && (
              <Descriptions.Item label={t('Lý do thu hồi', 'Revocation reason')}>{c.revocation_reason}</Descriptions.Item>
            )}
            {c.request_id ? (
              <Descriptions.Item label={t('Theo yêu cầu', 'From request')}>
                <Link to={`/requests/${c.request_id}`}>#{c.request_id}</Link>
              </Descriptions.Item>
            ) : null}
            {c.subscriber_id && user && PEOPLE_ROLES.includes(user.role) ? (
              <Descriptions.Item label={t('Thuê bao', 'Subscriber')}>
                <Link to={`/people/${c.subscriber_id}`}>{t('Xem người này', 'Open the person')}</Link>
              </Descriptions.Item>
            ) : null}
          </Descriptions>
          {c.pem && (
            <>
              <Space wrap style={{ margin: '16px 0 8px' }}>
                <Button icon={<CopyOutlined />} onClick={() => copy(c.pem!)} data-testid="cert-copy-pem">
                  {t('Sao chép PEM', 'Copy PEM')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => download(c, 'pem')} data-testid="cert-download-pem">
                  {t('Tải .pem', 'Download .pem')}
                </Button>
                <Button icon={<DownloadOutlined />} onClick={() => download(c, 'crt')} data-testid="cert-download-crt">
                  {t('Tải .crt (DER)', 'Download .crt (DER)')}
                </Button>
              </Space>
              <pre
                aria-label="PEM"
                tabIndex={0}
                style={{ fontSize: 11, background: '#fafafa', padding: 8, overflowX: 'auto', border: '1px solid #f0f0f0', borderRadius: 4 }}
              >
                {c.pem}
              </pre>
            </>
          )}
        </>
      )}
    </Drawer>
  );
}
