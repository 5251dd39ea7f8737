// "/admin/users": every user (GET /api/v1/users) with role, official e-mail, organization, second
// factor, state (disabled, awaiting activation, activated), ways to change one's official e-mail or
// role, disable or enable the account, or mail a password reset link, and the form to create one.
// The admin's own row has no disable or role change (the server refuses both for one's own account).
import { IdcardOutlined, KeyOutlined, MailOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { Page, User } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { roleLabel } from '../../lib/labels';
import { replaceById } from '../../lib/rows';
import { useApi } from '../../lib/useApi';
import { useFixedPager } from '../../lib/usePager';
import { AccountLockButton } from './AccountLock';
import { ChangeEmail } from './ChangeEmail';
import { ChangeRole, TOTP_NOTICE } from './ChangeRole';
import { CreateUser } from './CreateUser';
import { useOrgs } from './OrgSelect';
import { ResetLink } from './ResetLink';
import { USER_STATES, userState } from './userState';

export function Users() {
  const { lang, t } = useLang();
  const { user: me } = useSession();
  const pager = useFixedPager(50);
  const { limit, offset } = pager;
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useApi(() => api.get<Page<User>>('/api/v1/users', { limit, offset }), [offset, tick]);
  // Rows the admin changed since the page loaded (the PATCH, PUT and POST answers), shown in place of the loaded ones.
  const [changed, setChanged] = useState<User[]>([]);
  useEffect(() => setChanged([]), [data]);
  const items = changed.reduce((rows, u) => replaceById(rows, u), data?.items ?? []);
  const [editing, setEditing] = useState<User>();
  const [resetting, setResetting] = useState<{ user: User; reenrol?: boolean }>();
  const [roleOf, setRoleOf] = useState<User>();
  // A user whose new role signs in with a TOTP code not enrolled yet: the reset link to send.
  const [toEnrol, setToEnrol] = useState<User>();
  const [actionError, setActionError] = useState<unknown>();
  const changedRow = (u: User) => setChanged((c) => [...c, u]);
  const orgs = useOrgs();
  const orgName = new Map((orgs.data?.items ?? []).map((o) => [o.id, o.name]));

  const columns: ColumnsType<User> = [
    {
      title: t('Tên đăng nhập', 'Login'),
      dataIndex: 'login',
      render: (v: string, u) => (
        <span style={{ whiteSpace: 'nowrap' }}>
          <b>{v}</b>
          {u.id === me?.id && <Tag style={{ marginInlineStart: 6 }}>{t('Bạn', 'You')}</Tag>}
        </span>
      ),
    },
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
            onClick={() => setResetting({ user: u })}
            aria-label={t(`Gửi liên kết đặt lại mật khẩu cho ${u.login}`, `Send a password reset link to ${u.login}`)}
            data-testid={`user-reset-link-${u.id}`}
          >
            {t('Gửi liên kết đặt lại mật khẩu', 'Send a password reset link')}
          </Button>
          {u.id !== me?.id && (
            <>
              <Button
                size="small"
                icon={<IdcardOutlined />}
                onClick={() => setRoleOf(u)}
                aria-label={t(`Đổi vai trò của ${u.login}`, `Change the role of ${u.login}`)}
                data-testid={`user-role-${u.login}`}
              >
                {t('Đổi vai trò', 'Change role')}
              </Button>
              <AccountLockButton user={u} onChanged={changedRow} onError={setActionError} />
            </>
          )}
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
          <ErrorAlert error={actionError} data-testid="users-action-error" />
          {toEnrol && (
            <Alert
              type="warning"
              showIcon
              closable
              onClose={() => setToEnrol(undefined)}
              role="status"
              style={{ marginBottom: 16 }}
              data-testid="role-totp-notice"
              message={t(`Tài khoản ${toEnrol.login} chưa có mã TOTP`, `${toEnrol.login} has no TOTP secret yet`)}
              description={t(TOTP_NOTICE.vi, TOTP_NOTICE.en)}
              action={
                <Button size="small" icon={<KeyOutlined />} onClick={() => setResetting({ user: toEnrol, reenrol: true })} data-testid="role-totp-reset-link">
                  {t('Gửi liên kết kèm mã TOTP mới', 'Send a link with a new TOTP secret')}
                </Button>
              }
            />
          )}
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
      {resetting && (
        <ResetLink
          user={resetting.user}
          reenrol={resetting.reenrol}
          onSent={() => setToEnrol((u) => (u?.id === resetting.user.id ? undefined : u))}
          onClose={() => setResetting(undefined)}
        />
      )}
      {editing && <ChangeEmail user={editing} onClose={() => setEditing(undefined)} onChanged={changedRow} />}
      {roleOf && (
        <ChangeRole
          user={roleOf}
          orgs={orgs.data?.items ?? []}
          orgsLoading={orgs.loading}
          onClose={() => setRoleOf(undefined)}
          onChanged={(u) => {
            const { second_factor_to_enrol: enrol, ...row } = u;
            changedRow(row);
            setToEnrol(enrol ? row : (n) => (n?.id === row.id ? undefined : n));
          }}
        />
      )}
    </>
  );
}
