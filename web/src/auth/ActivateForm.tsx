// The form behind a one-time account link: the new password twice and, when the account signs in
// with TOTP, a 6-digit code (of the secret just shown, or of the app already enrolled), sent as
// POST /api/v1/account-link/complete {"token", "password", "totp"?}. The server's refusal of the
// password or the code comes back under that field; a link that has meanwhile expired or been
// used goes back to the page (onFailed).
import { LockOutlined, SafetyOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { api } from '../api/client';
import type { AccountLink } from '../api/types';
import { showInFields } from '../lib/formErrors';
import { useLang } from '../lib/i18n';
import { useBusy } from '../lib/useBusy';
import { AccountError } from './AccountError';
import { linkFailure, needsCode, passwordProblem, repeatProblem } from './accountLink';

interface Values {
  password: string;
  repeat: string;
  totp?: string;
}

export function ActivateForm({
  link,
  token,
  onDone,
  onFailed,
}: {
  link: AccountLink;
  token: string;
  onDone: (login: string) => void;
  onFailed: (e: unknown) => void;
}) {
  const { lang, t } = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const code = needsCode(link.totp);
  const say = (m: { vi: string; en: string } | null) => (m ? Promise.reject(new Error(lang === 'vi' ? m.vi : m.en)) : Promise.resolve());

  const submit = (v: Values) => {
    setError(undefined);
    return run(
      async () => {
        const body: Record<string, string> = { token, password: v.password };
        if (code && v.totp) body.totp = v.totp.trim();
        const done = await api.post<{ login: string }>('/api/v1/account-link/complete', body);
        onDone(done.login);
      },
      (e) => {
        if (linkFailure(e) === 'invalid') onFailed(e);
        else if (!showInFields(form, e, ['password', 'totp'], lang)) setError(e);
      },
    );
  };

  return (
    <>
      <AccountError error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark={false} disabled={busy}>
        {/* For password managers: the account the new password belongs to. */}
        <input type="text" name="username" autoComplete="username" value={link.login} readOnly hidden />
        <Form.Item
          label={t('Mật khẩu mới', 'New password')}
          name="password"
          extra={t('Ít nhất 12 ký tự; một câu dài dễ nhớ là mật khẩu tốt.', 'At least 12 characters; a long sentence you remember makes a good password.')}
          rules={[{ validator: (_, v?: string) => say(passwordProblem(v, link.login)) }]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" autoFocus data-testid="activate-password" />
        </Form.Item>
        <Form.Item
          label={t('Nhập lại mật khẩu mới', 'Repeat the new password')}
          name="repeat"
          dependencies={['password']}
          rules={[({ getFieldValue }) => ({ validator: (_, v?: string) => say(repeatProblem(getFieldValue('password'), v)) })]}
        >
          <Input.Password prefix={<LockOutlined aria-hidden />} autoComplete="new-password" data-testid="activate-repeat" />
        </Form.Item>
        {code && (
          <Form.Item
            label={t('Mã xác thực', 'Authentication code')}
            name="totp"
            extra={
              link.totp === 'enrol'
                ? t('Mã 6 chữ số ứng dụng hiển thị sau khi thêm khóa ở trên.', 'The 6-digit code the app shows once the key above is added.')
                : t('Mã 6 chữ số của ứng dụng xác thực bạn đã đăng ký trước đây.', 'The 6-digit code of the authenticator app you already enrolled.')
            }
            rules={[
              { required: true, message: t('Nhập mã xác thực', 'Enter the authentication code') },
              { pattern: /^\d{6}$/, message: t('Mã gồm đúng 6 chữ số', 'The code is exactly 6 digits') },
            ]}
          >
            <Input prefix={<SafetyOutlined aria-hidden />} inputMode="numeric" autoComplete="one-time-code" maxLength={6} data-testid="activate-totp" />
          </Form.Item>
        )}
        <Button type="primary" htmlType="submit" block loading={busy} data-testid="activate-submit">
          {link.purpose === 'activate' ? t('Kích hoạt tài khoản', 'Activate the account') : t('Đặt mật khẩu mới', 'Set the new password')}
        </Button>
      </Form>
    </>
  );
}
