// Small shared pieces: state and status tags, a page title, 403/404 results.
import { Result, Tag, Typography } from 'antd';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { useLang } from '../lib/i18n';
import { CERT_STATUS_COLORS, MAIL_STATE_COLORS, STATE_COLORS, certStatusLabel, mailStateLabel, stateLabel } from '../lib/labels';

export function StateTag({ state }: { state: string }) {
  const { lang } = useLang();
  return (
    <Tag color={STATE_COLORS[state] ?? 'default'} data-state={state}>
      {stateLabel(state, lang)}
    </Tag>
  );
}

export function CertStatusTag({ status }: { status: string }) {
  const { lang } = useLang();
  return (
    <Tag color={CERT_STATUS_COLORS[status] ?? 'default'} data-status={status}>
      {certStatusLabel(status, lang)}
    </Tag>
  );
}

/** A mail's state in the outbox: queued, sent or failed. */
export function MailStateTag({ state }: { state: string }) {
  const { lang } = useLang();
  return (
    <Tag color={MAIL_STATE_COLORS[state] ?? 'default'} data-state={state}>
      {mailStateLabel(state, lang)}
    </Tag>
  );
}

export function PageTitle({ children, extra }: { children: ReactNode; extra?: ReactNode }) {
  return (
    <div style={{ display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: 12, marginBottom: 16 }}>
      <Typography.Title level={2} style={{ margin: 0, flex: '1 1 auto' }}>
        {children}
      </Typography.Title>
      {extra}
    </div>
  );
}

export function Forbidden() {
  const { t } = useLang();
  return (
    <Result
      status="403"
      title="403"
      subTitle={t('Bạn không có quyền xem trang này.', 'You may not open this page.')}
      extra={<Link to="/">{t('Về trang chủ', 'Go to the home page')}</Link>}
    />
  );
}

export function NotFound() {
  const { t } = useLang();
  return (
    <Result
      status="404"
      title="404"
      subTitle={t('Không tìm thấy trang hoặc dữ liệu này.', 'This page or record does not exist.')}
      extra={<Link to="/">{t('Về trang chủ', 'Go to the home page')}</Link>}
    />
  );
}
