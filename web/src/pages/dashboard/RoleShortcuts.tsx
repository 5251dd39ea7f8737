// What each role does next, on top of the dashboard: the review queue for the registration office,
// rounds and their deadlines for aggregators, new requests and certificates ending soon for unit
// managers, operations for the CA, the log for auditors, users and organizations for admins.
import {
  AuditOutlined,
  ClusterOutlined,
  FileAddOutlined,
  FileSearchOutlined,
  SettingOutlined,
  TeamOutlined,
  UnorderedListOutlined,
} from '@ant-design/icons';
import { Alert, Card, List, Space, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Certificate, Page, Round, SessionUser, Statistics } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { daysUntil, formatDate, formatNumber, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { LinkButton } from './LinkButton';
import { expiringSoon, roundCountdown } from './stats';

function Countdown({ deadline }: { deadline: string }) {
  const { t } = useLang();
  const c = roundCountdown(deadline);
  if (!c) return null;
  if (c.past) return <Tag color="default">{t('Đã hết hạn', 'Closed')}</Tag>;
  const color = c.days < 3 ? 'red' : c.days < 7 ? 'orange' : 'green';
  return (
    <Tag color={color} data-testid="round-countdown">
      {t(`Còn ${c.days} ngày ${c.hours} giờ`, `${c.days} d ${c.hours} h left`)}
    </Tag>
  );
}

function Rounds() {
  const { t } = useLang();
  const { data, error, loading } = useApi(() => api.get<Page<Round>>('/api/v1/rounds', { limit: 100 }), []);
  const open = (data?.items ?? [])
    .filter((r) => !roundCountdown(r.deadline)?.past)
    .sort((a, b) => (roundCountdown(a.deadline)?.days ?? 0) - (roundCountdown(b.deadline)?.days ?? 0));
  return (
    <>
      <ErrorAlert error={error} />
      <List
        loading={loading}
        size="small"
        header={<b>{t('Đợt đăng ký đang mở', 'Open registration rounds')}</b>}
        locale={{ emptyText: t('Không có đợt đăng ký nào đang mở', 'No open rounds') }}
        dataSource={open}
        renderItem={(r) => (
          <List.Item key={r.id}>
            <Space wrap size={[8, 4]}>
              <span>{r.name}</span>
              <span style={{ color: '#595959' }}>
                {t('Hạn', 'Deadline')}: {formatDate(r.deadline)}
              </span>
              <Countdown deadline={r.deadline} />
              {r.allow_late && <Tag>{t('Nhận muộn', 'Late entries allowed')}</Tag>}
            </Space>
          </List.Item>
        )}
      />
    </>
  );
}

function ExpiringCertificates() {
  const { lang, t } = useLang();
  const { data, error, loading } = useApi(
    () => api.get<Page<Certificate>>('/api/v1/certificates', { status: 'valid', limit: 1000 }),
    [],
  );
  const soon = expiringSoon(data?.items ?? [], 5);
  return (
    <>
      <ErrorAlert error={error} />
      <List
        loading={loading}
        size="small"
        header={<b>{t('Chứng thư sắp hết hạn', 'Certificates ending soonest')}</b>}
        locale={{ emptyText: t('Không có chứng thư còn hiệu lực', 'No valid certificates') }}
        dataSource={soon}
        renderItem={(c) => {
          const days = daysUntil(c.not_after) ?? 0;
          return (
            <List.Item key={c.serial}>
              <Space wrap size={[8, 4]}>
                <Link to={`/certificates?q=${encodeURIComponent(c.serial)}`} data-testid="expiring-cert-link">
                  {c.common_name}
                </Link>
                <Typography.Text code style={{ fontSize: 12 }}>
                  {formatSerial(c.serial)}
                </Typography.Text>
                <span>
                  {t('hết hạn', 'ends')} {formatDate(c.not_after)}
                </span>
                <Tag color={days <= 30 ? 'red' : days <= 90 ? 'orange' : 'default'}>
                  {t(`còn ${formatNumber(days, lang)} ngày`, `${formatNumber(days, lang)} days left`)}
                </Tag>
              </Space>
            </List.Item>
          );
        }}
      />
    </>
  );
}

export function RoleShortcuts({ user, stats }: { user: SessionUser; stats?: Statistics }) {
  const { lang, t } = useLang();
  const overdue = stats?.requests_overdue ?? 0;
  const byState = stats?.requests_by_state ?? {};
  const title = t('Việc cần làm', 'Next steps');
  switch (user.role) {
    case 'ra_officer':
      return (
        <Card title={title} style={{ marginBottom: 16 }}>
          <Space direction="vertical" style={{ width: '100%' }}>
            {overdue > 0 ? (
              <Alert
                type="warning"
                showIcon
                data-testid="overdue-alert"
                message={t(
                  `${formatNumber(overdue, lang)} yêu cầu đã quá hạn 3 ngày làm việc`,
                  `${formatNumber(overdue, lang)} requests are past the 3-working-day deadline`,
                )}
              />
            ) : (
              <Alert type="success" showIcon message={t('Không có yêu cầu quá hạn', 'No overdue requests')} />
            )}
            <span>
              {t('Đang chờ xét duyệt', 'Waiting for review')}: <b>{formatNumber(byState.forwarded ?? 0, lang)}</b>
            </span>
            <LinkButton to="/review" type="primary" icon={<FileSearchOutlined />} data-testid="go-review">
              {t('Mở hàng đợi xét duyệt', 'Open the review queue')}
            </LinkButton>
          </Space>
        </Card>
      );
    case 'aggregator':
      return (
        <Card
          title={title}
          style={{ marginBottom: 16 }}
          extra={
            <LinkButton to="/aggregate" type="primary" icon={<UnorderedListOutlined />} data-testid="go-aggregate">
              {t('Tổng hợp danh sách', 'Compile lists')}
            </LinkButton>
          }
        >
          <Rounds />
        </Card>
      );
    case 'unit_manager':
      return (
        <Card
          title={title}
          style={{ marginBottom: 16 }}
          extra={
            <LinkButton to="/requests/new" type="primary" icon={<FileAddOutlined />} data-testid="go-new-request">
              {t('Lập yêu cầu mới', 'New request')}
            </LinkButton>
          }
        >
          <ExpiringCertificates />
        </Card>
      );
    case 'ca_operator':
      return (
        <Card title={title} style={{ marginBottom: 16 }}>
          <Space wrap>
            <span>
              {t('Đã duyệt, chờ thực hiện', 'Approved, waiting')}: <b>{formatNumber(byState.approved ?? 0, lang)}</b>
            </span>
            <span>
              {t('Lỗi thực hiện', 'Failed')}: <b>{formatNumber(byState.failed ?? 0, lang)}</b>
            </span>
            <LinkButton to="/operations" type="primary" icon={<SettingOutlined />} data-testid="go-operations">
              {t('Mở trang vận hành CA', 'Open CA operations')}
            </LinkButton>
          </Space>
        </Card>
      );
    case 'auditor':
      return (
        <Card title={title} style={{ marginBottom: 16 }}>
          <LinkButton to="/audit" type="primary" icon={<AuditOutlined />} data-testid="go-audit">
            {t('Xem nhật ký kiểm toán', 'Open the audit log')}
          </LinkButton>
        </Card>
      );
    case 'admin':
      return (
        <Card title={title} style={{ marginBottom: 16 }}>
          <Space wrap>
            <LinkButton to="/admin/users" type="primary" icon={<TeamOutlined />} data-testid="go-users">
              {t('Quản lý người dùng', 'Manage users')}
            </LinkButton>
            <LinkButton to="/admin/organizations" icon={<ClusterOutlined />} data-testid="go-organizations">
              {t('Quản lý cơ quan', 'Manage organizations')}
            </LinkButton>
          </Space>
        </Card>
      );
    default:
      return null;
  }
}
