// "Gửi liên kết đặt lại mật khẩu": the admin mails one user a one-time link to set a new password
// (POST /api/v1/users/{id}/reset-link {"second_factor"} → 202 {"user_id", "email", "expires_at"});
// earlier links stop working. The admin never sees the password; for a TOTP user who lost the
// authenticator, the link also enrols a new secret. Until the user has activated, the server sends
// a new activation link instead. A user without an official e-mail is refused (field "email").
// After a change to a role that signs in with TOTP (./ChangeRole), it opens with re-enrolment ticked.
import { App, Alert, Checkbox, Modal, Typography } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { ResetLinkSent, User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';

interface Props {
  user: User;
  onClose: () => void;
  /** Start with "re-enrol TOTP" ticked (the user's new role signs in with a code not yet enrolled). */
  reenrol?: boolean;
  /** After the link went out (before onClose). */
  onSent?: () => void;
}

/** Shown while mounted: the parent renders it for the user concerned. */
export function ResetLink({ user, onClose, reenrol: reenrolFirst = false, onSent }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [reenrol, setReenrol] = useState(reenrolFirst);
  const awaiting = user.activated === false;

  const send = () => {
    setError(undefined);
    return run(
      async () => {
        const enrol = !awaiting && !!user.second_factor && reenrol;
        const r = await api.post<ResetLinkSent>(`/api/v1/users/${user.id}/reset-link`, { second_factor: enrol });
        const until = formatDateTime(r.expires_at);
        message.success(
          awaiting
            ? t(`Đã gửi lại liên kết kích hoạt tới ${r.email}; liên kết hết hạn lúc ${until}.`, `A new activation link was sent to ${r.email}; it expires at ${until}.`)
            : t(`Đã gửi liên kết đặt lại mật khẩu tới ${r.email}; liên kết hết hạn lúc ${until}.`, `A password reset link was sent to ${r.email}; it expires at ${until}.`),
          8,
        );
        onSent?.();
        onClose();
      },
      setError,
    );
  };

  return (
    <Modal
      open
      title={t(`Gửi liên kết đặt lại mật khẩu cho ${user.login}`, `Send a password reset link to ${user.login}`)}
      onCancel={onClose}
      onOk={send}
      okText={t('Gửi liên kết', 'Send the link')}
      cancelText={t('Hủy', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'reset-link-send' } as ButtonProps}
    >
      <ErrorAlert error={error} />
      <Typography.Paragraph>
        {user.email
          ? t(
              `Một liên kết dùng một lần sẽ được gửi tới ${user.email}; người dùng tự đặt mật khẩu mới qua liên kết đó. Các liên kết gửi trước đó sẽ không còn dùng được.`,
              `A one-time link will be sent to ${user.email}; the user sets the new password through it. Links sent earlier stop working.`,
            )
          : t('Người dùng này chưa có thư điện tử công vụ.', 'This user has no official e-mail.')}
      </Typography.Paragraph>
      {awaiting && (
        <Typography.Paragraph type="secondary">
          {t(
            'Người dùng chưa kích hoạt tài khoản: thư gửi đi là liên kết kích hoạt mới.',
            'The user has not activated the account yet: the mail is a new activation link.',
          )}
        </Typography.Paragraph>
      )}
      {!user.email && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 12 }}
          message={t('Hãy đổi thư điện tử của người dùng trước khi gửi liên kết.', "Set the user's official e-mail before sending a link.")}
        />
      )}
      {user.second_factor && !awaiting && (
        <Checkbox checked={reenrol} onChange={(e) => setReenrol(e.target.checked)} data-testid="reset-link-totp">
          {t('Cấp lại mã TOTP (người dùng mất thiết bị xác thực)', 'Re-enrol TOTP (the user lost their authenticator)')}
        </Checkbox>
      )}
    </Modal>
  );
}
