// Creating an organization (POST /api/v1/organizations) under a parent; the server's checks
// (tax code, budget code, depth) come back into the fields.
import { PlusOutlined } from '@ant-design/icons';
import { App, Button, Card, Form, Input, Switch } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { optionalEmailRule } from '../../lib/validation';
import { OrgSelect } from './OrgSelect';
import { type OrgEdit, type OrgRow } from './orgTree';
import { showInFields } from '../../lib/formErrors';
import { useBusy } from '../../lib/useBusy';

/** The edited fields and, for a new organization, its parent. */
interface Values extends OrgEdit {
  parent_id?: number;
}

const FIELDS: (keyof Values)[] = ['name', 'parent_id', 'short_code', 'state_body', 'tax_code', 'budget_code', 'province', 'email', 'address'];

export function CreateOrg({ orgs, orgsLoading, onCreated }: { orgs: OrgRow[]; orgsLoading: boolean; onCreated: (o: OrgRow) => void }) {
  const { lang, t } = useLang();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const { message } = App.useApp();

  const submit = (v: Values) => {
    setError(undefined);
    return run(
      async () => {
        const body: Record<string, unknown> = { name: v.name.trim(), state_body: !!v.state_body };
        for (const k of FIELDS) {
          if (k === 'name' || k === 'state_body') continue;
          const val = v[k];
          if (val !== undefined && val !== null && String(val).trim() !== '') body[k] = typeof val === 'string' ? val.trim() : val;
        }
        const o = await api.post<OrgRow>('/api/v1/organizations', body);
        message.success(t(`Đã tạo cơ quan "${o.name}"`, `Created "${o.name}"`));
        form.resetFields();
        onCreated(o);
      },
      (e) => {
        if (!showInFields(form, e, FIELDS, lang)) setError(e);
      },
    );
  };

  return (
    <Card title={t('Thêm cơ quan', 'New organization')} data-testid="create-org-card">
      <ErrorAlert error={error} />
      <Form form={form} layout="vertical" onFinish={submit} requiredMark="optional" initialValues={{ state_body: true }}>
        <Form.Item name="name" label={t('Tên cơ quan', 'Name')} rules={[{ required: true, whitespace: true, message: t('Nhập tên cơ quan', 'Enter the name') }]}>
          <Input data-testid="org-name" />
        </Form.Item>
        <Form.Item name="parent_id" label={t('Cơ quan cấp trên', 'Parent organization')} extra={t('Bỏ trống để tạo cơ quan cấp tỉnh.', 'Leave empty for a province-level body.')}>
          <OrgSelect rows={orgs} loading={orgsLoading} testId="org-parent" />
        </Form.Item>
        <Form.Item name="state_body" label={t('Là cơ quan nhà nước', 'State body')} valuePropName="checked" extra={t('Chỉ cơ quan nhà nước được cấp chứng thư.', 'Only state bodies are eligible for certificates.')}>
          <Switch data-testid="org-state-body" />
        </Form.Item>
        <Form.Item name="short_code" label={t('Tên viết tắt', 'Short code')}>
          <Input data-testid="org-short-code" />
        </Form.Item>
        <Form.Item
          name="tax_code"
          label={t('Mã số thuế', 'Tax code')}
          rules={[{ pattern: /^\d{10}(-\d{3})?$/, message: t('10 chữ số, hoặc 10-3 cho chi nhánh', '10 digits, or 10-3 for a branch') }]}
        >
          <Input data-testid="org-tax-code" inputMode="numeric" />
        </Form.Item>
        <Form.Item name="budget_code" label={t('Mã quan hệ ngân sách', 'Budget code (QHNS)')} rules={[{ pattern: /^\d{7}$/, message: t('7 chữ số', '7 digits') }]}>
          <Input data-testid="org-budget-code" inputMode="numeric" />
        </Form.Item>
        <Form.Item name="province" label={t('Tỉnh, thành phố', 'Province')}>
          <Input data-testid="org-province" />
        </Form.Item>
        <Form.Item
          name="email"
          label={t('Thư điện tử công vụ', 'Official e-mail')}
          rules={[optionalEmailRule(t)]}
        >
          <Input data-testid="org-email" type="email" />
        </Form.Item>
        <Form.Item name="address" label={t('Địa chỉ', 'Address')}>
          <Input data-testid="org-address" />
        </Form.Item>
        <Button type="primary" htmlType="submit" icon={<PlusOutlined />} loading={busy} data-testid="org-create">
          {t('Thêm cơ quan', 'Create organization')}
        </Button>
      </Form>
    </Card>
  );
}
