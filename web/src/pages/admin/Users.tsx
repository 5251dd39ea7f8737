// "/admin/users": every user (GET /api/v1/users) with role, official e-mail, organization, second
// factor, state (disabled, awaiting activation, activated), a way to change one's official e-mail
// or mail a password reset link, and the form to create one.
import { KeyOutlined, MailOutlined } from '@ant-design/icons';
import { Button, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { roleLabel } from '../../lib/labels';
import { replaceById } from '../../lib/rows';
import { useApi } from '../../lib/useApi';
import { useFixedPager } from '../../lib/usePager';
import { ChangeEmail } from './ChangeEmail';
import { CreateUser } from './CreateUser';
import { useOrgs } from './OrgSelect';
import { ResetLink } from './ResetLink';
import { USER_STATES, userState } from './userState';

export function Users() {
  const { lang, t } = useLang();
  const pager = useFixedPager(50);
  const { limit, offset } = pager;
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useApi(() => api.get<Page<User>>('/api/v1/users', { limit, offset }), [offset, tick]);
  // Rows the admin changed since the page loaded (the PATCH answers), shown in place of the loaded ones.
  const [changed, setChanged] = useState<User[]>([]);
  useEffect(() => setChanged([]), [data]);
  const items = changed.reduce((rows, u) => replaceById(rows, u), data?.items ?? []);
  const [editing, setEditing] = useState<User>();
  const [resetting, setResetting] = useState<User>();
  const orgs = useOrgs();
  const orgName = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name]));

  const columns: ColumnsType<User> = [
    { title: t('Tên đăng nhập', 'Login'), dataIndex: 'login', render: (v: string) => <b>{v}</b> },
    { title: t('Vai trò', 'Role'), dataIndex: 'role', render: (v: string) => roleLabel(v, lang) },
    {
      title: t('Thư điện tử', 'E-mail'),
      dataIndex: 'email',
      render: (v?: string | null) => (v ? <span style={{ whiteSpace: 'nowrap' }}>{v}</span> : '—'),
    },
    {
      title: t('Cơ quan', 'Organization'),
      dataIndex: 'org_id',
      render: (v: number | null) => (v === null || v === undefined ? '—' : orgName.get(v) ?? `#${v}`),
    },
    {
      title: 'TOTP',
      dataIndex: 'second_factor',
      render: (v?: boolean) => (v ? <Tag color="green">{t('Có', 'Yes')}</Tag> : <Tag>{t('Không', 'No')}</Tag>),
    },
    {
      title: t('Trạng thái', 'State'),
      key: 'state',
      render: (_, u) => {
        const s = userState(u);
        return (
          <Tag color={USER_STATES[s].color} data-state={s} style={{ whiteSpace: 'nowrap' }}>
            {t(USER_STATES[s].vi, USER_STATES[s].en)}
          </Tag>
        );
      },
    },
    { title: t('Ngày tạo', 'Created'), dataIndex: 'created_at', render: (v?: string) => formatDateTime(v) },
    {
      title: t('Thao tác', 'Action'),
      key: 'action',
      render: (_, u) => (
        <Space size={4} wrap>
          <Button
            size="small"
            icon={<MailOutlined />}
            onClick={() => setEditing(u)}
            aria-label={t(`Đổi thư điện tử của ${u.login}`, `Change e-mail of ${u.login}`)}
            data-testid={`user-change-email-${u.id}`}
          >
            {t('Đổi thư điện tử', 'Change e-mail')}
          </Button>
          <Button
            size="small"
            icon={<KeyOutlined />}
            onClick={() => setResetting(u)}
            aria-label={t(`Gửi liên kết đặt lại mật khẩu cho ${u.login}`, `Send a password reset link to ${u.login}`)}
            data-testid={`user-reset-link-${u.id}`}
          >
            {t('Gửi liên kết đặt lại mật khẩu', 'Send a password reset link')}
          </Button>
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('Người dùng', 'Users')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Typography.Title level={3} style={{ fontSize: 18 }} id="users-title">
            {t('Danh sách người dùng', 'All users')}
          </Typography.Title>
          <ErrorAlert error={error} />
          <Table<User>
            aria-labelledby="users-title"
            data-testid="users-table"
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={items}
            scroll={{ x: true }}
            pagination={pager.pagination(data)}
          />
        </Col>
        <Col xs={24} xl={9}>
          <CreateUser orgs={orgs.data?.items ?? []} orgsLoading={orgs.loading} onCreated={() => setTick((n) => n + 1)} />
        </Col>
      </Row>
      {resetting && <ResetLink user={resetting} onClose={() => setResetting(undefined)} />}
      {editing && <ChangeEmail user={editing} onClose={() => setEditing(undefined)} onChanged={(u) => setChanged((c) => [...c, u])} />}
    </>
  );
}
