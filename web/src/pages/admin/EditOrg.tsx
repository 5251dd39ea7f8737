// "Sửa": the administrator corrects an organization (PATCH /api/v1/organizations/{id} with what
// changed). The province belongs to the level-1 organization and its whole tree follows it, so
// only a level-1 organization edits it. The server's refusals (a sibling with that name, a tax
// code, budget code or e-mail it does not take) come back under their fields.
import { App, Form, Input, Modal, Switch } from 'antd';
import type { ButtonProps } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { showInFields } from '../../lib/formErrors';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { optionalEmailRule } from '../../lib/validation';
import { ORG_EDIT_FIELDS, orgChanges, orgEditValues, type OrgEdit, type OrgRow } from './orgTree';

/** Shown while mounted: the parent renders it for the organization being edited. */
export function EditOrg({ org, onClose, onSaved }: { org: OrgRow; onClose: () => void; onSaved: (o: OrgRow) => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [form] = Form.useForm<OrgEdit>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const topLevel = org.level === 1;

  const submit = (v: OrgEdit) => {
    const body = orgChanges(org, v);
    if (Object.keys(body).length === 0) return onClose();
    setError(undefined);
    return run(
      async () => {
        const o = await api.patch<OrgRow>(`/api/v1/organizations/${org.id}`, body);
        message.success(t(`Đã lưu thông tin cơ quan «${o.name}»`, `Saved «${o.name}»`));
        onSaved(o);
        onClose();
      },
      (e) => {
        if (!showInFields(form, e, ORG_EDIT_FIELDS, lang)) setError(e);
      },
    );
  };

  return (
    <Modal
      open
      title={t(`Sửa thông tin cơ quan «${org.name}»`, `Edit «${org.name}»`)}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('Lưu', 'Save')}
      cancelText={t('Hủy', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ 'data-testid': 'org-edit-save' } as ButtonProps}
      cancelButtonProps={{ 'data-testid': 'org-edit-cancel' } as ButtonProps}
    >
      <ErrorAlert error={error} data-testid="org-edit-error" />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={orgEditValues(org)}>
        <Form.Item name="name" label={t('Tên cơ quan', 'Name')} rules={[{ required: true, whitespace: true, message: t('Nhập tên cơ quan', 'Enter the name') }]}>
          <Input data-testid="org-edit-name" autoComplete="off" />
        </Form.Item>
        <Form.Item name="state_body" label={t('Là cơ quan nhà nước', 'State body')} valuePropName="checked" extra={t('Chỉ cơ quan nhà nước được cấp chứng thư.', 'Only state bodies are eligible for certificates.')}>
          <Switch data-testid="org-edit-state-body" />
        </Form.Item>
        <Form.Item name="short_code" label={t('Tên viết tắt', 'Short code')}>
          <Input data-testid="org-edit-short-code" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="tax_code"
          label={t('Mã số thuế', 'Tax code')}
          rules={[{ pattern: /^\s*(\d{10}(-\d{3})?)?\s*$/, message: t('10 chữ số, hoặc 10-3 cho chi nhánh', '10 digits, or 10-3 for a branch') }]}
        >
          <Input data-testid="org-edit-tax-code" inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item name="budget_code" label={t('Mã quan hệ ngân sách', 'Budget code (QHNS)')} rules={[{ pattern: /^\s*(\d{7})?\s*$/, message: t('7 chữ số', '7 digits') }]}>
          <Input data-testid="org-edit-budget-code" inputMode="numeric" autoComplete="off" />
        </Form.Item>
        <Form.Item
          name="province"
          label={t('Tỉnh, thành phố', 'Province')}
          rules={topLevel ? [{ required: true, whitespace: true, message: t('Nhập tỉnh, thành phố', 'Enter the province') }] : []}
          extra={
            topLevel
              ? t('Mọi cơ quan, đơn vị trực thuộc đổi theo tỉnh, thành phố này.', 'Every organization under this one follows this province.')
              : t(
                  'Theo cơ quan cấp 1: sửa ở cơ quan cấp 1, cả cây trực thuộc đổi theo.',
                  'Set by the level-1 organization: edit it there, and its whole tree follows.',
                )
          }
        >
          <Input data-testid="org-edit-province" disabled={!topLevel} autoComplete="off" />
        </Form.Item>
        <Form.Item name="email" label={t('Thư điện tử công vụ', 'Official e-mail')} rules={[optionalEmailRule(t)]}>
          <Input data-testid="org-edit-email" type="email" autoComplete="off" />
        </Form.Item>
        <Form.Item name="address" label={t('Địa chỉ', 'Address')}>
          <Input data-testid="org-edit-address" autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
