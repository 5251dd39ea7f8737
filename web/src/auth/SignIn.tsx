// Sign-in: login, password and, for the roles that need it (ra_officer, ca_operator, admin),
// the 6-digit TOTP code, in one request. The server answers every refusal alike, so that nothing
// tells a right password from a wrong one; 429 says how long this address must wait.
// "Quên mật khẩu?" opens the request for a reset link below the form (./ForgotPassword).
import { LockOutlined, SafetyOutlined, UserOutlined } from '@ant-design/icons';
import { Button, Card, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { ApiError } from '../api/client';
import { ErrorAlert } from '../components/ErrorAlert';
import { useLang } from '../lib/i18n';
import { useBusy } from '../lib/useBusy';
import { ForgotPassword } from './ForgotPassword';
import { useSession, type SignInForm } from './session';

export function SignIn() {
  const { signIn } = useSession();
  const { t } = useLang();
  const navigate = useNavigate();
  const location = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusy();
  const [form] = Form.useForm<SignInForm>();
  const [forgot, setForgot] = useState(false);
  const next = new URLSearchParams(location.search).get('next');

  const submit = (values: SignInForm) => {
    setError(undefined);
    return run(
      async () => {
        await signIn(values);
        navigate(next && next.startsWith('/') && !next.startsWith('//') ? next : '/', { replace: true });
      },
      (e) => {
        setError(e);
        // A code is used once: a refused one is cleared for the next attempt.
        if (e instanceof ApiError && e.status === 401) form.setFieldValue('totp', '');
      },
    );
  };

  return (
    <div style={{ display: 'flex', justifyContent: 'center', padding: '32px 0' }}>
      <Card style={{ width: '100%', maxWidth: 420 }}>
        <Typography.Title level={2} style={{ marginTop: 0 }}>
          {t('Đăng nhập', 'Sign in')}
        </Typography.Title>
        <ErrorAlert error={error} />
        <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
          <Form.Item
            label={t('Tên đăng nhập', 'Login')}
            name="login"
            rules={[{ required: true, message: t('Nhập tên đăng nhập', 'Enter your login') }]}
          >
            <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" autoFocus />
          </Form.Item>
          <Form.Item
            label={t('Mật khẩu', 'Password')}
            name="password"
            rules={[{ required: true, message: t('Nhập mật khẩu', 'Enter your password') }]}
          >
            <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="current-password" />
          </Form.Item>
          <Form.Item
            label={t('Mã xác thực (TOTP, 6 chữ số)', 'Authentication code (TOTP, 6 digits)')}
            name="totp"
            extra={t(
              'Chỉ cán bộ đăng ký, vận hành CA và quản trị: mã trong ứng dụng xác thực. Người khác để trống.',
              'Registration officers, CA operators and administrators only: the code from the authenticator app. Others leave it empty.',
            )}
            rules={[{ pattern: /^\d{6}$/, message: t('Mã gồm đúng 6 chữ số', 'The code is exactly 6 digits') }]}
          >
            <Input prefix={<SafetyOutlined aria-hidden />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} />
          </Form.Item>
          <Button type="primary" htmlType="submit" block loading={busy} data-testid="sign-in-submit">
            {t('Đăng nhập', 'Sign in')}
          </Button>
        </Form>
        <Button
          type="link"
          style={{ paddingInline: 0, marginTop: 8 }}
          aria-expanded={forgot}
          aria-controls={forgot ? 'forgot-password' : undefined}
          onClick={() => setForgot((f) => !f)}
          data-testid="forgot-password"
        >
          {t('Quên mật khẩu?', 'Forgot your password?')}
        </Button>
        {forgot && <ForgotPassword id="forgot-password" login={form.getFieldValue('login')} />}
        <Typography.Paragraph style={{ marginTop: 16, marginBottom: 0 }}>
          {t('Không cần đăng nhập:', 'No sign-in needed:')} <Link to="/lookup">{t('tra cứu chứng thư', 'certificate lookup')}</Link>
          {' · '}
          <Link to="/check">{t('kiểm tra tệp chứng thư', 'check a certificate file')}</Link>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
