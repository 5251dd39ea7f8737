// "Đổi vai trò": the admin gives one user another role and, for the roles bound to one
// organization (unit manager, aggregator), the organization (PUT /api/v1/users/{id}/role with
// {"role", "org_id"}; a left-out org_id keeps the current one). The answer is the user with
// `second_factor_to_enrol` set when the new role signs in with a TOTP code the user has not
// enrolled yet: the admin then mails a reset link with a new TOTP secret (./ResetLink).
// Refusals (one's own account, the last administrator, a subscriber role for an account without a
// subscriber, an unknown organization) stay in the dialog.
import { Alert, App, Form, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { User, UserChanged } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { roleLabel } from '../../lib/labels';
import { useBusy } from '../../lib/useBusy';
import { OrgSelect } from './OrgSelect';
import { RoleSelect } from './RoleSelect';
import { ORG_ROLES, roleChangeBody, type RoleChoice } from './userState';
import { TOTP_ROLES, type OrgRow } from './orgTree';

/** What the admin must do after a change to a role whose TOTP secret the user has not enrolled. */
export const TOTP_NOTICE = {
  vi: 'Vai trò mới đăng nhập bằng mã TOTP: hãy gửi liên kết đặt lại kèm mã TOTP mới.',
  en: 'The new role signs in with a TOTP code: send a reset link with a new TOTP secret.',
};

/** Shown while mounted: the parent renders it for the user concerned. */
export function ChangeRole({
  user,
  orgs,
  orgsLoading,
  onClose,
  onChanged,
}: {
  user: User;
  orgs: OrgRow[];
  orgsLoading: boolean;
  onClose: () => void;
  onChanged: (u: UserChanged) => void;
}) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<RoleChoice>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const role = Form.useWatch('role', form) ?? user.role;
  const needsOrg = ORG_ROLES.includes(role);

  const submit = (v: RoleChoice) => {
    const body = roleChangeBody(user, v);
    if (!body) return onClose();
    setError(undefined);
    return run(async () => {
      const u = await api.put<UserChanged>(`/api/v1/users/${user.id}/role`, body);
      const done = t(`Đã đổi vai trò của ${u.login} thành ${roleLabel(u.role, 'vi')}.`, `${u.login} is now ${roleLabel(u.role, 'en')}.`);
      if (u.second_factor_to_enrol) message.success(`${done} ${t(TOTP_NOTICE.vi, TOTP_NOTICE.en)}`, 10);
      else message.success(done);
      onChanged(u);
      onClose();
    }, setError);
  };

  return (
    <Modal
      open
      title={t(`Đổi vai trò của ${user.login}`, `Change the role of ${user.login}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('Đổi vai trò', 'Change role')}
      cancelText={t('Hủy', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'change-role-save' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'change-role-cancel' } as ButtonProps}
    >
      <ErrorAlert error={error} data-testid="change-role-error" />
      <Form
        form={form}
        name="change-role"
        layout="vertical"
        onFinish={submit}
        requiredMark="optional"
        initialValues={{ role: user.role, org_id: user.org_id ?? undefined }}
      >
        <Form.Item name="role" label={t('Vai trò', 'Role')} rules={[{ required: true, message: t('Chọn vai trò', 'Choose a role') }]}>
          <RoleSelect testId="change-role-role" />
        </Form.Item>
        {needsOrg && (
          <Form.Item
            name="org_id"
            label={t('Cơ quan', 'Organization')}
            rules={[{ required: true, message: t('Vai trò này cần một cơ quan', 'This role needs an organization') }]}
          >
            <OrgSelect rows={orgs} loading={orgsLoading} testId="change-role-org" />
          </Form.Item>
        )}
        {role === 'subscriber' && !user.subscriber_id && (
          <Alert
            type="warning"
            showIcon
            style={{ marginBottom: 16 }}
            message={t(
              'Vai trò thuê bao chỉ dành cho tài khoản gắn với một thuê bao; tài khoản này không gắn với thuê bao nào.',
              'The subscriber role is only for an account bound to a subscriber; this account is bound to none.',
            )}
          />
        )}
        {role !== user.role && TOTP_ROLES.includes(role) && !user.second_factor && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            message={t(
              'Vai trò này đăng nhập kèm mã TOTP: sau khi đổi, hãy gửi cho người dùng liên kết đặt lại kèm mã TOTP mới.',
              'This role signs in with a TOTP code: after the change, send the user a reset link with a new TOTP secret.',
            )}
          />
        )}
      </Form>
    </Modal>
  );
}
