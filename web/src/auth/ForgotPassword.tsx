// "Quên mật khẩu?": asks for a one-time reset link (POST /api/v1/password-reset {"login"}). The
// server answers 202 alike whether or not the login exists or has an official e-mail, so the
// message says only what may have happened; 429 asks to wait.
import { MailOutlined, UserOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import { useLang } from '../lib/i18n';
import { useBusy } from '../lib/useBusy';
import { AccountError } from './AccountError';

interface Values {
  login: string;
}

export function ForgotPassword({ id, login }: { id: string; login?: string }) {
  const { t } = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [sent, setSent] = useState(false);

  const submit = (v: Values) => {
    setError(undefined);
    setSent(false);
    return run(
      async () => {
        await api.post('/api/v1/password-reset', { login: v.login.trim() });
        setSent(true);
      },
      setError,
    );
  };

  return (
    <section id={id} aria-labelledby={`${id}-title`} style={{ marginTop: 16 }} data-testid="forgot-password-form">
      <Typography.Title level={3} id={`${id}-title`} style={{ fontSize: 16, marginTop: 0 }}>
        {t('Đặt lại mật khẩu', 'Reset your password')}
      </Typography.Title>
      <AccountError error={error} />
      {sent && (
        <Alert
          type="success"
          showIcon
          role="status"
          style={{ marginBottom: 16 }}
          data-testid="forgot-password-sent"
          message={t(
            'Nếu tài khoản tồn tại và có thư điện tử công vụ, liên kết đặt lại mật khẩu đã được gửi tới hộp thư đó. Liên kết có hiệu lực trong thời gian ngắn.',
            'If the account exists and has an official e-mail, a reset link has been sent there. It is valid for a short time.',
          )}
        />
      )}
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy} initialValues={{ login }}>
        <Form.Item
          label={t('Tên đăng nhập', 'Login')}
          name="login"
          rules={[{ required: true, whitespace: true, message: t('Nhập tên đăng nhập', 'Enter your login') }]}
        >
          <Input prefix={<UserOutlined aria-hidden />} autoComplete="username" data-testid="forgot-password-login" />
        </Form.Item>
        <Button htmlType="submit" block icon={<MailOutlined />} loading={busy} data-testid="forgot-password-submit">
          {t('Gửi liên kết đặt lại mật khẩu', 'Send a reset link')}
        </Button>
      </Form>
    </section>
  );
}
