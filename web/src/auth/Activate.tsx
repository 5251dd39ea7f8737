// "/activate" for anyone holding a one-time link from a mail ({portal}/activate#t=TOKEN):
// activation of a new account or a password reset. The token travels in the fragment, so it is
// never sent to a server nor logged; the page takes it into its state, removes the fragment from
// the address bar (history.replaceState) and asks the server what the link allows
// (POST /api/v1/account-link). The token is kept nowhere else (no storage). Setting the password
// ends the user's sessions.
import { Alert, Button, Card, Descriptions, Result, Spin, Typography } from 'antd';
import { useCallback, useEffect, useRef, useState } from 'react';
import { api } from '../api/client';
import type { AccountLink } from '../api/types';
import { formatDateTime } from '../lib/format';
import { useLang } from '../lib/i18n';
import { roleLabel } from '../lib/labels';
import { LinkButton } from '../pages/dashboard/LinkButton';
import { AccountError } from './AccountError';
import { ActivateForm } from './ActivateForm';
import { TotpEnrol } from './TotpEnrol';
import { linkFailure, tokenFromHash } from './accountLink';
import { useSession } from './session';

/** Removes the fragment (the token) from the address bar and the history entry. */
function dropFragment(): void {
  if (!window.location.hash) return;
  // The router's own entry state is kept, so back and forward keep working.
  window.history.replaceState(window.history.state, '', window.location.pathname + window.location.search);
}

function Done({ login, purpose }: { login: string; purpose: AccountLink['purpose'] }) {
  const { t } = useLang();
  return (
    <div data-testid="activate-done">
      <Result
        status="success"
        title={purpose === 'activate' ? t('Đã kích hoạt tài khoản', 'Your account is activated') : t('Đã đặt mật khẩu mới', 'Your new password is set')}
        subTitle={t(`Đăng nhập bằng tên ${login} và mật khẩu mới.`, `Sign in as ${login} with the new password.`)}
        extra={
          <LinkButton to="/signin" type="primary" data-testid="activate-sign-in">
            {t('Đến trang đăng nhập', 'Go to sign-in')}
          </LinkButton>
        }
      />
    </div>
  );
}

export function Activate() {
  const { lang, t } = useLang();
  const session = useSession();
  // Read once, before the fragment is removed below.
  const [token, setToken] = useState(() => tokenFromHash(window.location.hash));
  const [link, setLink] = useState<AccountLink>();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState<string>();
  const asked = useRef(false);

  const open = useCallback((tok: string) => {
    setLink(undefined);
    setError(undefined);
    api.post<AccountLink>('/api/v1/account-link', { token: tok }).then(setLink, setError);
  }, []);
  useEffect(() => {
    dropFragment();
    // Once per page, even where development mode runs effects twice.
    if (token && !asked.current) {
      asked.current = true;
      open(token);
    }
    // Another link pasted into this tab changes only the fragment: the page starts over with it.
    const onHash = () => {
      const next = tokenFromHash(window.location.hash);
      dropFragment();
      if (!next) return;
      setDone(undefined);
      setToken(next);
      open(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const failed = (e: unknown) => {
    setLink(undefined);
    setError(e);
    setToken('');
  };
  const title = !link
    ? t('Liên kết tài khoản', 'Account link')
    : link.purpose === 'activate'
      ? t('Kích hoạt tài khoản', 'Activate your account')
      : t('Đặt lại mật khẩu', 'Reset your password');

  let body;
  if (done && link) {
    body = <Done login={done} purpose={link.purpose} />;
  } else if (error) {
    body = (
      <>
        <AccountError error={error} />
        {token && linkFailure(error) !== 'invalid' && (
          <Button onClick={() => open(token)} data-testid="activate-retry">
            {t('Thử lại', 'Try again')}
          </Button>
        )}
      </>
    );
  } else if (!token) {
    body = (
      <Alert
        type="warning"
        showIcon
        role="alert"
        data-testid="account-link-missing"
        message={t('Liên kết không đầy đủ (thiếu mã)', 'The link is incomplete (no token)')}
        description={t(
          'Hãy mở đúng liên kết trong thư (nhấn vào liên kết, hoặc sao chép trọn vẹn cả phần sau dấu #). Nếu bạn vừa tải lại trang, mở lại liên kết trong thư.',
          'Open the link from the mail as it is (click it, or copy all of it, the part after # included). If you just reloaded this page, open the link from the mail again.',
        )}
      />
    );
  } else if (!link) {
    body = (
      <Spin tip={t('Đang kiểm tra liên kết…', 'Checking the link…')}>
        <div style={{ minHeight: 120 }} />
      </Spin>
    );
  } else {
    body = (
      <>
        <Descriptions column={1} size="small" bordered style={{ marginBottom: 16 }}>
          <Descriptions.Item label={t('Tên đăng nhập', 'Login')}>
            <b data-testid="activate-login">{link.login}</b>
          </Descriptions.Item>
          {link.role && <Descriptions.Item label={t('Vai trò', 'Role')}>{roleLabel(link.role, lang)}</Descriptions.Item>}
          <Descriptions.Item label={t('Liên kết hiệu lực đến', 'Link valid until')}>{formatDateTime(link.expires_at)}</Descriptions.Item>
        </Descriptions>
        {link.totp === 'enrol' && link.totp_secret && <TotpEnrol secret={link.totp_secret} uri={link.totp_uri} />}
        <ActivateForm
          link={link}
          token={token}
          onDone={(login) => {
            setToken('');
            setDone(login);
            // The server has ended that user's sessions, this browser's included.
            if (session.user?.login === login) session.expired();
          }}
          onFailed={failed}
        />
      </>
    );
  }

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '32px 0' }}>
      <Card style={{ width: '100%', maxWidth: 560 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }} data-testid="activate-title">
          {title}
        </Typography.Title>
        {body}
      </Card>
    </div>
  );
}
