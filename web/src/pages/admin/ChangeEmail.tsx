// "Đổi thư điện tử": the admin sets or removes one user's official e-mail (PATCH
// /api/v1/users/{id} with {"email": ...}; an empty string removes it). The server judges the
// province's official domains: its refusal comes back under the field.
import { App, Form, Input, Modal } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { User } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showInFields } from '../../lib/formErrors';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { optionalEmailRule } from '../../lib/validation';

interface Values {
  email?: string;
}

/** Shown while mounted: the parent renders it for the user being edited. */
export function ChangeEmail<U extends User>({ user, onClose, onChanged }: { user: U; onClose: () => void; onChanged: (u: U) => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();

  const submit = (v: Values) => {
    const email = v.email?.trim() ?? '';
    if (email === (user.email ?? '')) return onClose();
    setError(undefined);
    return run(
      async () => {
        const u = await api.patch<U>(`/api/v1/users/${user.id}`, { email });
        message.success(
          u.email
            ? t(`Đã đổi thư điện tử của ${u.login}`, `E-mail of ${u.login} changed`)
            : t(`Đã gỡ thư điện tử của ${u.login}`, `E-mail of ${u.login} removed`),
        );
        onChanged(u);
        onClose();
      },
      (e) => {
        if (!showInFields(form, e, ['email'], lang)) setError(e);
      },
    );
  };

  return (
    <Modal
      open
      title={t(`Đổi thư điện tử của ${user.login}`, `Change the e-mail of ${user.login}`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('Lưu', 'Save')}
      cancelText={t('Hủy', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'change-email-save' } as ButtonProps}
    >
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} initialValues={{ email: user.email ?? '' }}>
        <Form.Item
          name="email"
          label={t('Thư điện tử công vụ', 'Official e-mail')}
          extra={t(
            'Chỉ nhận địa chỉ thuộc tên miền công vụ của tỉnh; để trống để gỡ địa chỉ.',
            "Only addresses in the province's official domains; leave empty to remove the address.",
          )}
          rules={[optionalEmailRule(t)]}
        >
          <Input data-testid="change-email-address" inputMode="email" autoComplete="off" allowClear placeholder="ten.cb@bacninh.gov.vn" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
