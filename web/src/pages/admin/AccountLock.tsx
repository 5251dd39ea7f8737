// "Khóa" / "Mở khóa": the admin disables an account (POST /api/v1/users/{id}/disable), which ends
// its open sessions at once and refuses its sign-ins, or enables it again (…/enable). Both answer
// the user as the list shows it. The server refuses one's own account and the last active
// administrator; the parent shows the refusal above the list.
import { LockOutlined, UnlockOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { api } from '../../api/client';
import type { User, UserChanged } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';

interface Props {
  user: User;
  onChanged: (u: User) => void;
  onError: (e: unknown) => void;
}

/** Disable for an active account (after a confirmation), Enable for a disabled one. */
export function AccountLockButton({ user, onChanged, onError }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [busy, run] = useBusy();
  const disabled = user.active === false;

  const act = () => {
    onError(undefined);
    return run(async () => {
      const u = await api.post<UserChanged>(`/api/v1/users/${user.id}/${disabled ? 'enable' : 'disable'}`);
      message.success(
        disabled
          ? t(`Đã mở khóa tài khoản ${u.login}`, `Account ${u.login} enabled`)
          : t(`Đã khóa tài khoản ${u.login}`, `Account ${u.login} disabled`),
      );
      onChanged(u);
    }, onError);
  };

  if (disabled) {
    return (
      <Button
        size="small"
        icon={<UnlockOutlined />}
        loading={busy}
        onClick={act}
        aria-label={t(`Mở khóa tài khoản ${user.login}`, `Enable the account of ${user.login}`)}
        data-testid={`user-enable-${user.login}`}
      >
        {t('Mở khóa', 'Enable')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t(`Khóa tài khoản ${user.login}?`, `Disable the account of ${user.login}?`)}
      description={t(
        'Các phiên đăng nhập đang mở của người dùng kết thúc ngay và người dùng không thể đăng nhập cho tới khi được mở khóa.',
        "The user's open sessions end at once and they cannot sign in until the account is enabled again.",
      )}
      okText={t('Khóa', 'Disable')}
      cancelText={t('Hủy', 'Cancel')}
      okButtonProps={{ danger: true, 'data-testid': `user-disable-confirm-${user.login}` }}
      onConfirm={act}
    >
      <Button
        size="small"
        danger
        icon={<LockOutlined />}
        loading={busy}
        aria-label={t(`Khóa tài khoản ${user.login}`, `Disable the account of ${user.login}`)}
        data-testid={`user-disable-${user.login}`}
      >
        {t('Khóa', 'Disable')}
      </Button>
    </Popconfirm>
  );
}
