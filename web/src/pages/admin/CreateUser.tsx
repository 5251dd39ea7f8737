// Creating a user (POST /api/v1/users): login, role, organization (for scoped roles), the
// subscriber record for a subscriber, the official e-mail the portal's mails go to, an optional
// password. What the server generates — the
// password and the TOTP secret — is shown once in a dialog.
import { UserAddOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Form, Input, Modal, Select, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Page, Role, Subscriber, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { ROLES, roleLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { optionalEmailRule } from '../../lib/validation';
import { OrgSelect } from './OrgSelect';
import { SCOPED_ROLES, TOTP_ROLES, validLogin, type OrgRow } from './orgTree';
import { showInFields } from '../../lib/formErrors';
import { useBusy } from '../../lib/useBusy';

interface Values {
  login: string;
  role: Role;
  org_id?: number;
  subscriber_id?: number;
  email?: string;
  password?: string;
}

type Created = User & { password?: string; totp_secret?: string; totp_uri?: string; created_at?: string };

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

export function CreateUser({ orgs, orgsLoading, onCreated }: { orgs: OrgRow[]; orgsLoading: boolean; onCreated: () => void }) {
  const { lang, t } = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [created, setCreated] = useState<Created>();
  const role = Form.useWatch('role', form);

  const submit = (v: Values) => {
    setError(undefined);
    return run(
      async () => {
        const body: Record<string, unknown> = { login: v.login.trim(), role: v.role };
        if (v.org_id !== undefined && v.org_id !== null) body.org_id = v.org_id;
        if (v.role === 'subscriber' && v.subscriber_id) body.subscriber_id = v.subscriber_id;
        if (v.email?.trim()) body.email = v.email.trim();
        if (v.password) body.password = v.password;
        const u = await api.post<Created>('/api/v1/users', body);
        setCreated(u);
        form.resetFields();
        onCreated();
      },
      (e) => {
        if (!showInFields(form, e, ['login', 'role', 'org_id', 'subscriber_id', 'email', 'password'], lang)) setError(e);
      },
    );
  };

  return (
    <Card title={t('Tạo người dùng', 'New user')} data-testid="create-user-card">
      <ErrorAlert error={error} />
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
          <Select data-testid="user-role" options={Object.keys(ROLES).map((r) => ({ value: r, label: roleLabel(r, lang) }))} />
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
            'Địa chỉ nhận thông báo của hệ thống; chỉ nhận địa chỉ thuộc tên miền công vụ của tỉnh.',
            "Where the system's notifications go; only addresses in the province's official domains.",
          )}
          rules={[optionalEmailRule(t)]}
        >
          <Input data-testid="user-email" inputMode="email" autoComplete="off" placeholder="ten.cb@bacninh.gov.vn" />
        </Form.Item>
        <Form.Item
          name="password"
          label={t('Mật khẩu (bỏ trống để hệ thống tạo)', 'Password (leave empty to generate one)')}
          rules={[{ min: 12, message: t('Ít nhất 12 ký tự', 'At least 12 characters') }]}
        >
          <Input.Password data-testid="user-password" autoComplete="new-password" />
        </Form.Item>
        {role && TOTP_ROLES.includes(role) && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t('Vai trò này đăng nhập kèm mã TOTP; khóa bí mật chỉ hiện một lần sau khi tạo.', 'This role signs in with a TOTP code; the secret is shown once after creation.')}
          />
        )}
        <Button type="primary" htmlType="submit" icon={<UserAddOutlined />} loading={busy} data-testid="user-create">
          {t('Tạo người dùng', 'Create user')}
        </Button>
      </Form>
      <Modal
        open={!!created}
        title={t('Đã tạo người dùng — lưu lại thông tin này', 'User created — keep this information')}
        onOk={() => setCreated(undefined)}
        onCancel={() => setCreated(undefined)}
        okText={t('Đã lưu, đóng', 'Saved, close')}
        cancelButtonProps={{ style: { display: 'none' } }}
      >
        {created && (
          <div data-testid="user-secrets">
            {(created.password || created.totp_secret) && (
              <Alert
                type="warning"
                showIcon
                style={{ marginBottom: 12 }}
                message={t('Mật khẩu và khóa TOTP chỉ hiện lần này; hãy chuyển cho người dùng qua kênh an toàn.', 'The password and TOTP secret are shown this once; hand them over through a safe channel.')}
              />
            )}
            <Descriptions column={1} size="small" bordered>
              <Descriptions.Item label={t('Tên đăng nhập', 'Login')}>{created.login}</Descriptions.Item>
              <Descriptions.Item label={t('Vai trò', 'Role')}>{roleLabel(created.role, lang)}</Descriptions.Item>
              {created.email && <Descriptions.Item label={t('Thư điện tử công vụ', 'Official e-mail')}>{created.email}</Descriptions.Item>}
              {created.password && (
                <Descriptions.Item label={t('Mật khẩu', 'Password')}>
                  <Typography.Text code copyable data-testid="created-password">
                    {created.password}
                  </Typography.Text>
                </Descriptions.Item>
              )}
              {created.totp_secret && (
                <Descriptions.Item label={t('Khóa TOTP', 'TOTP secret')}>
                  <Typography.Text code copyable style={{ wordBreak: 'break-all' }} data-testid="created-totp">
                    {created.totp_secret}
                  </Typography.Text>
                </Descriptions.Item>
              )}
              {created.totp_uri && (
                <Descriptions.Item label="otpauth://">
                  <Typography.Text copyable style={{ wordBreak: 'break-all', fontSize: 12 }}>
                    {created.totp_uri}
                  </Typography.Text>
                </Descriptions.Item>
              )}
            </Descriptions>
          </div>
        )}
      </Modal>
    </Card>
  );
}
