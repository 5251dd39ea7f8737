// Creating a user (POST /api/v1/users): login, role, organization (for scoped roles), the
// subscriber record for a subscriber, and the official e-mail (required). The admin never sees a
// password or TOTP secret: the server mails the user a one-time activation link, through which
// the user sets the password and, for the roles that need it, enrols an authenticator app.
import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Form, Input, Select } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { CreatedUser, Page, Role, Subscriber } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { optionalEmailRule } from '../../lib/validation';
import { OrgSelect } from './OrgSelect';
import { RoleSelect } from './RoleSelect';
import { SCOPED_ROLES, TOTP_ROLES, validLogin, type OrgRow } from './orgTree';
import { showInFields } from '../../lib/formErrors';
import { useBusy } from '../../lib/useBusy';

interface Values {
  login: string;
  role: Role;
  org_id?: number;
  subscriber_id?: number;
  email: string;
}

function SubscriberSelect({ id, value, onChange, onPicked }: { id?: string; value?: number; onChange?: (v?: number) => void; onPicked: (s: Subscriber) => void }) {
  const { t } = useLang();
  const [q, setQ] = useState('');
  const { data, loading } = useApi(() => api.get<Page<Subscriber>>('/api/v1/subscribers', { q: q || undefined, limit: 20 }), [q]);
  const items = data?.items ?? [];
  return (
    <Select<number>
      id={id}
      value={value}
      showSearch
      allowClear
      filterOption={false}
      onSearch={setQ}
      loading={loading}
      data-testid="user-subscriber"
      placeholder={t('Gõ họ tên để tìm', 'Type a name to search')}
      onChange={(v) => {
        onChange?.(v);
        const s = items.find((i) => i.id === v);
        if (s) onPicked(s);
      }}
      options={items.map((s) => ({ value: s.id, label: `${s.data.full_name} — ${s.data.email || s.data.cccd} (#${s.id})` }))}
    />
  );
}

/** What happened after creation: where the activation link went and until when it works. */
function CreatedNotice({ user, onClose }: { user: CreatedUser; onClose: () => void }) {
  const { t } = useLang();
  const until = formatDateTime(user.activation_expires_at);
  return (
    <Alert
      type="success"
      showIcon
      closable
      onClose={onClose}
      role="status"
      style={{ marginBottom: 16 }}
      data-testid="user-created"
      message={t(`Đã tạo người dùng ${user.login}`, `User ${user.login} created`)}
      description={
        (user.second_factor ?? TOTP_ROLES.includes(user.role))
          ? t(
              `Đã gửi liên kết kích hoạt tới ${user.email}; liên kết hết hạn lúc ${until}. Người dùng tự đặt mật khẩu và đăng ký mã xác thực TOTP.`,
              `An activation link was sent to ${user.email}; it expires at ${until}. The user sets their own password and enrols their TOTP authenticator.`,
            )
          : t(
              `Đã gửi liên kết kích hoạt tới ${user.email}; liên kết hết hạn lúc ${until}. Người dùng tự đặt mật khẩu.`,
              `An activation link was sent to ${user.email}; it expires at ${until}. The user sets their own password.`,
            )
      }
    />
  );
}

export function CreateUser({ orgs, orgsLoading, onCreated }: { orgs: OrgRow[]; orgsLoading: boolean; onCreated: () => void }) {
  const { lang, t } = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<CreatedUser>();
  const role = Form.useWatch('role', form);

  const submit = (v: Values) => {
    setError(undefined);
    setCreated(undefined);
    return run(
      async () => {
        const body: Record<string, unknown> = { login: v.login.trim(), role: v.role, email: v.email.trim() };
        if (v.org_id !== undefined && v.org_id !== null) body.org_id = v.org_id;
        if (v.role === 'subscriber' && v.subscriber_id) body.subscriber_id = v.subscriber_id;
        const u = await api.post<CreatedUser>('/api/v1/users', body);
        setCreated(u);
        form.resetFields();
        onCreated();
      },
      (e) => {
        if (!showInFields(form, e, ['login', 'role', 'org_id', 'subscriber_id', 'email'], lang)) setError(e);
      },
    );
  };

  return (
    <Card title={t('Tạo người dùng', 'New user')} data-testid="create-user-card">
      <ErrorAlert error={error} />
      {created && <CreatedNotice user={created} onClose={() => setCreated(undefined)} />}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional">
        <Form.Item
          name="login"
          label={t('Tên đăng nhập', 'Login')}
          extra={t('3–64 ký tự a-z, 0-9, dấu chấm, gạch dưới, gạch ngang', '3–64 characters a-z, 0-9, dot, underscore, hyphen')}
          rules={[
            { required: true, message: t('Nhập tên đăng nhập', 'Enter a login') },
            {
              validator: (_, v: string) =>
                !v || validLogin(v.trim()) ? Promise.resolve() : Promise.reject(new Error(t('Tên đăng nhập không hợp lệ', 'Invalid login'))),
            },
          ]}
        >
          <Input data-testid="user-login" autoComplete="off" />
        </Form.Item>
        <Form.Item name="role" label={t('Vai trò', 'Role')} rules={[{ required: true, message: t('Chọn vai trò', 'Choose a role') }]}>
          <RoleSelect testId="user-role" />
        </Form.Item>
        {role === 'subscriber' && (
          <Form.Item name="subscriber_id" label={t('Thuê bao', 'Subscriber')} rules={[{ required: true, message: t('Chọn thuê bao', 'Choose the subscriber') }]}>
            <SubscriberSelect onPicked={(s) => form.setFieldValue('org_id', s.org_id)} />
          </Form.Item>
        )}
        <Form.Item
          name="org_id"
          label={t('Cơ quan', 'Organization')}
          rules={[{ required: !!role && SCOPED_ROLES.includes(role), message: t('Vai trò này cần một cơ quan', 'This role needs an organization') }]}
          extra={role && !SCOPED_ROLES.includes(role) ? t('Vai trò này không giới hạn theo cơ quan.', 'This role is not limited to an organization.') : undefined}
        >
          <OrgSelect rows={orgs} loading={orgsLoading} testId="user-org" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('Thư điện tử công vụ', 'Official e-mail')}
          extra={t(
            'Liên kết kích hoạt tài khoản và thông báo của hệ thống được gửi tới đây; chỉ nhận địa chỉ thuộc tên miền công vụ của tỉnh.',
            "The activation link and the system's notifications go here; only addresses in the province's official domains.",
          )}
          rules={[{ required: true, whitespace: true, message: t('Nhập thư điện tử công vụ', 'Enter the official e-mail') }, optionalEmailRule(t)]}
        >
          <Input data-testid="user-email" inputMode="email" autoComplete="off" placeholder="ten.cb@bacninh.gov.vn" />
        </Form.Item>
        {role && TOTP_ROLES.includes(role) && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t(
              'Vai trò này đăng nhập kèm mã TOTP; người dùng tự đăng ký ứng dụng xác thực khi kích hoạt tài khoản.',
              'This role signs in with a TOTP code; the user enrols an authenticator app when activating the account.',
            )}
          />
        )}
        <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={busy} data-testid="user-create">
          {t('Tạo người dùng', 'Create user')}
        </Button>
      </Form>
    </Card>
  );
}
