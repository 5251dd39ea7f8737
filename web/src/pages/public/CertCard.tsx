// One certificate as the public sees it: holder, organization, status, validity, issuer, usages,
// serial and download links (.pem / .der).
import { DownloadOutlined } from '@ant-design/icons';
import { Card, Descriptions, Space, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { formatDate, formatDateTime, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { CERT_STATUS_COLORS, certStatusLabel, revokeReasonLabel } from '../../lib/labels';
import { orgFromSubject, usageLabel } from './lookup';
import type { PublicCertificate } from './types';

export function PublicStatusTag({ c }: { c: PublicCertificate }) {
  const { lang } = useLang();
  const label = lang === 'vi' && c.status_vi ? c.status_vi : certStatusLabel(c.status, lang);
  return (
    <Tag color={CERT_STATUS_COLORS[c.status] ?? 'default'} data-status={c.status}>
      {label}
    </Tag>
  );
}

export function UsageTags({ ku, eku }: { ku?: string[]; eku?: string[] }) {
  const { lang } = useLang();
  return (
    <Space wrap size={[4, 4]}>
      {(ku ?? []).map((u) => (
        <Tag key={u} title={u}>
          {usageLabel(u, lang)}
        </Tag>
      ))}
      {(eku ?? []).map((u) => (
        <Tag key={u} color="blue" title={u}>
          {usageLabel(u, lang)}
        </Tag>
      ))}
    </Space>
  );
}

export function DownloadLinks({ serial }: { serial: string }) {
  const { t } = useLang();
  return (
    <Space wrap>
      <a href={`/api/v1/public/certificates/${serial}.pem`} download={`${serial}.pem`} data-testid={`download-pem-${serial}`}>
        <DownloadOutlined /> {t('Tải .pem', 'Download .pem')}
      </a>
      <a href={`/api/v1/public/certificates/${serial}.der`} download={`${serial}.cer`} data-testid={`download-der-${serial}`}>
        <DownloadOutlined /> {t('Tải .der', 'Download .der')}
      </a>
    </Space>
  );
}

export function CertCard({ c, extra }: { c: PublicCertificate; extra?: ReactNode }) {
  const { lang, t } = useLang();
  const org = orgFromSubject(c.subject);
  return (
    <Card
      size="small"
      data-testid="lookup-result"
      title={
        <Space wrap>
          <Typography.Title level={3} style={{ fontSize: 16, margin: 0 }}>
            {c.common_name}
          </Typography.Title>
          <PublicStatusTag c={c} />
        </Space>
      }
      extra={extra}
    >
      <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 2, xl: 2, xxl: 2 }} size="small">
        {org && <Descriptions.Item label={t('Cơ quan', 'Organization')}>{org}</Descriptions.Item>}
        {c.email && <Descriptions.Item label={t('Thư điện tử', 'E-mail')}>{c.email}</Descriptions.Item>}
        <Descriptions.Item label={t('Số hiệu', 'Serial')}>
          <Typography.Text copyable={{ text: c.serial }} style={{ fontFamily: 'monospace' }}>
            {formatSerial(c.serial)}
          </Typography.Text>
        </Descriptions.Item>
        <Descriptions.Item label={t('Hiệu lực', 'Validity')}>
          {formatDate(c.not_before)} – {formatDate(c.not_after)}
        </Descriptions.Item>
        <Descriptions.Item label={t('CA cấp', 'Issuer')}>{c.issuer?.common_name || c.issuer?.name}</Descriptions.Item>
        {c.revocation && (
          <Descriptions.Item label={t('Thu hồi', 'Revoked')}>
            {formatDateTime(c.revocation.revoked_at)} — {revokeReasonLabel(c.revocation.reason, lang)}
          </Descriptions.Item>
        )}
        <Descriptions.Item label={t('Mục đích sử dụng', 'Usages')} span="filled">
          <UsageTags ku={c.usages?.key_usage} eku={c.usages?.extended_key_usage} />
        </Descriptions.Item>
      </Descriptions>
      <DownloadLinks serial={c.serial} />
    </Card>
  );
}
