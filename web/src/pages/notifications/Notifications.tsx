// "/notifications" for every signed-in role: the mails sent to the user (GET
// /api/v1/notifications, newest first), a row opening to the mail's text; above them, the
// optional mails the user's role may turn off.
import { Table, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { api } from '../../api/client';
import type { Page, UserNotification } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { MailStateTag, PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { mailKindLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { usePager } from '../../lib/usePager';
import { MailSettingsCard } from './MailSettingsCard';
import { settingsFor } from './settings';

function MailText({ text }: { text: string }) {
  return (
    <pre
      data-testid="notification-body"
      style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-word', fontFamily: 'inherit', margin: 0, maxWidth: 'calc(100vw - 80px)' }}
    >
      {text}
    </pre>
  );
}

export function Notifications() {
  const { lang, t } = useLang();
  const { user } = useSession();
  const pager = usePager();
  const { limit, offset } = pager;
  const { data, error, loading } = useApi(
    () => api.get<Page<UserNotification>>('/api/v1/notifications', { limit, offset }),
    [limit, offset],
  );
  const settings = settingsFor(user?.role);

  const columns: ColumnsType<UserNotification> = [
    {
      title: t('Thời điểm', 'Time'),
      dataIndex: 'created_at',
      render: (v: string) => <span style={{ whiteSpace: 'nowrap' }}>{formatDateTime(v)}</span>,
    },
    { title: t('Tiêu đề', 'Subject'), dataIndex: 'subject', render: (v: string) => <b>{v}</b> },
    { title: t('Loại', 'Kind'), dataIndex: 'kind', responsive: ['md'], render: (v: string) => mailKindLabel(v, lang) },
    {
      title: t('Trạng thái', 'State'),
      dataIndex: 'state',
      render: (v: string, m) => (
        <>
          <MailStateTag state={v} />
          {m.sent_at && (
            <Typography.Text type="secondary" style={{ whiteSpace: 'nowrap', fontSize: 12 }}>
              {formatDateTime(m.sent_at)}
            </Typography.Text>
          )}
        </>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('Thông báo', 'Notifications')}</PageTitle>
      {settings.length > 0 && <MailSettingsCard keys={settings} />}
      <Typography.Title level={3} style={{ fontSize: 18 }} id="notifications-title">
        {t('Thư đã gửi cho bạn, mới nhất trước', 'Mails sent to you, newest first')}
      </Typography.Title>
      <ErrorAlert error={error} />
      <Table<UserNotification>
        aria-labelledby="notifications-title"
        data-testid="notifications-table"
        rowKey="id"
        size="small"
        loading={loading}
        columns={columns}
        dataSource={data?.items ?? []}
        scroll={{ x: true }}
        expandable={{
          expandedRowRender: (m) => <MailText text={m.body_text} />,
          rowExpandable: (m) => !!m.body_text,
        }}
        locale={{ emptyText: t('Chưa có thư nào gửi cho bạn', 'No mail has been sent to you yet') }}
        pagination={pager.pagination(data?.items.length ?? 0)}
      />
    </>
  );
}
