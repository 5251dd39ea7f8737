// The person form shared by /people/new and /people/:id/edit: a person (Mẫu 01 individual) or an
// organization subscriber (Mẫu 02), checked in the browser as typed and by the server's dry run,
// every message in its field; the page says how to save (POST or PUT) and what an error means.
import { Alert, App, Button, Card, Form, Input, Radio, Select, Space, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { Finding, NewSubscriberBody, Organization, Page, Subscriber } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { FindingLines } from '../../components/FindingLines';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { deviceLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { IssuePlaceInput } from './IssuePlaceInput';
import {
  CARRIERS,
  DEVICE_ORDER,
  buildSubscriberBody,
  clientMessages,
  fieldFeedback,
  otherFindings,
  personFieldsFor,
  requiredPersonFields,
  type PersonField,
  type PersonFormValues,
  type PersonKind,
} from './personForm';
import { useDryRun } from './useDryRun';

export interface PersonFormProps {
  title: string;
  /** Starting values (a stored person when editing); a new individual with a token otherwise. */
  initialValues?: PersonFormValues;
  /** Editing: the kind is shown, not chosen (the server refuses a change of kind). */
  kindLocked?: boolean;
  /** Saves the body (POST or PUT) and answers the stored person. */
  submit: (body: NewSubscriberBody) => Promise<Subscriber>;
  savedText: string;
  cancelTo: string;
  /** Shows a save error the page knows better than ErrorAlert does (undefined: ErrorAlert). */
  renderError?: (e: unknown) => React.ReactNode | undefined;
}

export function PersonForm({ title, initialValues, kindLocked, submit, savedText, cancelTo, renderError }: PersonFormProps) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { user, hasRole } = useSession();
  const navigate = useNavigate();
  const [form] = Form.useForm<PersonFormValues>();
  const [values, setValues] = useState<PersonFormValues>(initialValues ?? { kind: 'individual', device: 'TOKEN' });
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [saveFindings, setSaveFindings] = useState<Finding[] | null>(null);
  const [saveError, setSaveError] = useState<unknown>();
  const [saving, run] = useBusy();
  const pickOrg = hasRole('aggregator', 'admin');
  const orgs = useApi(
    () =>
      pickOrg
        ? api.get<Page<Organization>>('/api/v1/organizations', { limit: 1000 })
        : user?.org_id
          ? api.get<Organization>(`/api/v1/organizations/${user.org_id}`).then((o) => ({ items: [o], limit: 1, offset: 0 }))
          : Promise.resolve({ items: [], limit: 0, offset: 0 }),
    [pickOrg, user?.org_id],
  );

  const kind: PersonKind = values.kind === 'organization' ? 'organization' : 'individual';
  const shown = personFieldsFor(kind, values.device);
  const orgId = pickOrg ? values.org_id : (values.org_id ?? user?.org_id ?? undefined);
  const client = useMemo(() => clientMessages(values), [values]);
  const body = touched.size > 0 && orgId ? buildSubscriberBody(values, orgId) : null;
  const dry = useDryRun('/api/v1/subscribers/validate', body);
  const server = saveFindings ?? dry.findings;
  const required = requiredPersonFields(kind);

  const feedback = (f: PersonField) => fieldFeedback(f, client, server, lang, attempted || touched.has(f));
  const others = otherFindings(server, [...shown, 'kind', 'org_id']).filter((f) => f.code !== 'required' || attempted);

  async function save() {
    setAttempted(true);
    setSaveError(undefined);
    if (!orgId) {
      message.error(t('Chọn cơ quan, đơn vị', 'Choose the organization'));
      return;
    }
    if (Object.keys(client).length > 0) {
      message.error(t('Còn thông tin chưa hợp lệ, xem các ô tô đỏ', 'Some fields are not valid: see the fields in red'));
      return;
    }
    await run(
      async () => {
        const saved = await submit(buildSubscriberBody(values, orgId));
        message.success(savedText);
        navigate(`/people/${saved.id}`);
      },
      (e) => {
        if (e instanceof ApiError && e.findings.length) {
          setSaveFindings(e.findings);
          message.error(t('Máy chủ chưa chấp nhận: xem thông báo trong từng ô', 'Not accepted: see the messages in the fields'));
        } else setSaveError(e);
      },
    );
  }

  const item = (f: PersonField, label: string, control: React.ReactNode, extra?: string) => {
    const fb = feedback(f);
    return (
      <Form.Item
        key={f}
        name={f}
        label={label}
        required={required.includes(f)}
        validateStatus={fb.status}
        help={fb.messages.length ? <FieldHelp field={f} messages={fb.messages} /> : undefined}
        extra={extra}
      >
        {control}
      </Form.Item>
    );
  };

  const input = (f: PersonField, placeholder?: string, inputMode?: 'numeric' | 'email' | 'tel') => (
    <Input data-testid={`person-${f.replace(/_/g, '-')}`} placeholder={placeholder} inputMode={inputMode} autoComplete="off" />
  );

  const controls: Record<PersonField, () => React.ReactNode> = {
    full_name: () =>
      item('full_name', kind === 'organization' ? t('Tên cơ quan, tổ chức', 'Name of the organization') : t('Họ và tên', 'Full name'), input('full_name')),
    dob: () => item('dob', t('Ngày sinh', 'Date of birth'), input('dob', 'dd/mm/yyyy', 'numeric')),
    cccd: () => item('cccd', t('Số căn cước công dân (12 số)', 'Citizen ID number (12 digits)'), input('cccd', '0xx xxx xxx xxx', 'numeric')),
    cccd_date: () => item('cccd_date', t('Ngày cấp', 'Issue date'), input('cccd_date', 'dd/mm/yyyy', 'numeric')),
    cccd_place: () =>
      item(
        'cccd_place',
        t('Nơi cấp (mã cơ quan)', 'Issued by (authority code)'),
        <IssuePlaceInput label={t('Nơi cấp', 'Issued by')} />,
        t('Ví dụ: C06, DKQLCT, BCA hoặc CA027 (Công an tỉnh Bắc Ninh)', 'E.g. C06, DKQLCT, BCA or CA027 (Bắc Ninh police)'),
      ),
    position: () => item('position', t('Chức vụ', 'Position'), input('position')),
    manager_name: () =>
      item('manager_name', t('Người quản lý chứng thư số của cơ quan', "Person managing the organization's certificate"), input('manager_name')),
    email: () =>
      item('email', t('Thư điện tử công vụ', 'Official e-mail'), input('email', 'ten@bacninh.gov.vn', 'email')),
    phone: () => item('phone', t('Điện thoại di động', 'Mobile phone'), input('phone', '09xx xxx xxx', 'tel')),
    device: () =>
      item(
        'device',
        t('Thiết bị lưu khóa', 'Key-storage device'),
        <Select
          data-testid="person-device"
          aria-label={t('Thiết bị lưu khóa', 'Key-storage device')}
          options={DEVICE_ORDER.map((d) => ({ value: d, label: `${d} — ${deviceLabel(d, lang)}` }))}
        />,
      ),
    carrier: () =>
      item(
        'carrier',
        t('Nhà mạng (SIM PKI)', 'Mobile carrier (PKI SIM)'),
        <Select
          data-testid="person-carrier"
          aria-label={t('Nhà mạng', 'Mobile carrier')}
          allowClear
          options={CARRIERS.map((c) => ({ value: c, label: c }))}
        />,
      ),
  };

  return (
    <>
      <PageTitle>{title}</PageTitle>
      <Card style={{ maxWidth: 880 }}>
        <Form<PersonFormValues>
          form={form}
          layout="vertical"
          initialValues={values}
          onValuesChange={(changed, all) => {
            // Fields without a control (a fixed kind, the unit manager's own unit) stay as they were.
            setValues((prev) => ({ ...prev, ...all }));
            setSaveFindings(null);
            setTouched((s) => new Set([...s, ...Object.keys(changed)]));
          }}
          onFinish={save}
          data-testid="person-form"
        >
          {kindLocked ? (
            <Form.Item label={t('Đối tượng', 'Subscriber kind')}>
              <Typography.Text data-testid="person-kind-fixed">
                {kind === 'organization' ? t('Cơ quan, tổ chức (Mẫu 02)', 'Organization (Form 02)') : t('Cá nhân (Mẫu 01)', 'Individual (Form 01)')}
              </Typography.Text>
            </Form.Item>
          ) : (
            <Form.Item name="kind" label={t('Đối tượng', 'Subscriber kind')}>
              <Radio.Group data-testid="person-kind" optionType="button" buttonStyle="solid">
                <Radio.Button value="individual">{t('Cá nhân (Mẫu 01)', 'Individual (Form 01)')}</Radio.Button>
                <Radio.Button value="organization">{t('Cơ quan, tổ chức (Mẫu 02)', 'Organization (Form 02)')}</Radio.Button>
              </Radio.Group>
            </Form.Item>
          )}
          {pickOrg ? (
            <Form.Item name="org_id" label={t('Cơ quan, đơn vị', 'Organization')} required>
              <Select
                showSearch
                data-testid="person-org"
                aria-label={t('Cơ quan, đơn vị', 'Organization')}
                loading={orgs.loading}
                optionFilterProp="label"
                options={(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name }))}
              />
            </Form.Item>
          ) : (
            <Form.Item label={t('Cơ quan, đơn vị', 'Organization')}>
              <Typography.Text data-testid="person-org-name">{orgs.data?.items[0]?.name ?? `#${user?.org_id ?? ''}`}</Typography.Text>
            </Form.Item>
          )}
          <div style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))', columnGap: 16 }}>
            {shown.map((field) => controls[field]())}
          </div>
          {others.length > 0 && (
            <Alert
              type={others.some((x) => x.severity === 'error') ? 'error' : 'warning'}
              showIcon
              style={{ marginBottom: 16 }}
              data-testid="person-other-findings"
              message={t('Các vấn đề khác', 'Other findings')}
              description={<FindingLines findings={others} />}
            />
          )}
          {dry.error !== undefined && <ErrorAlert error={dry.error} />}
          {saveError !== undefined && (renderError?.(saveError) ?? <ErrorAlert error={saveError} />)}
          <Space wrap>
            <Button type="primary" htmlType="submit" loading={saving} data-testid="person-save">
              {t('Lưu', 'Save')}
            </Button>
            <Button onClick={() => navigate(cancelTo)} data-testid="person-cancel">
              {t('Hủy', 'Cancel')}
            </Button>
            <Typography.Text type="secondary" aria-live="polite">
              {dry.checking ? t('Đang kiểm tra…', 'Checking…') : dry.unavailable ? t('Máy chủ chưa hỗ trợ kiểm tra thử', 'The server has no dry run') : ''}
            </Typography.Text>
          </Space>
        </Form>
      </Card>
    </>
  );
}

function FieldHelp({ field, messages }: { field: string; messages: string[] }) {
  return (
    <div data-testid={`help-${field.replace(/_/g, '-')}`}>
      {messages.map((m, i) => (
        <div key={i}>{m}</div>
      ))}
    </div>
  );
}
