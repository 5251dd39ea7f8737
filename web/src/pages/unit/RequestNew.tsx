// /requests/new — step 1: the request type (with its official form) and the person; step 2: the
// type's fields. The server's dry run checks it as it is typed; "Lưu nháp" creates the draft,
// whose documents are attached on /requests/:id before it is submitted.
import { Alert, App, Button, Card, Form, Space, Steps, Typography } from 'antd';
import { useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import type { CertRequest, Certificate, Finding, Organization, Page, Subscriber } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { typeLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { findingText } from '../../lib/validation';
import { PersonPanel } from './PersonPanel';
import { PersonPicker } from './PersonPicker';
import { RequestFields, type FieldStatus } from './RequestFields';
import {
  buildRequestBody,
  formName,
  groupRequestFindings,
  isRequestType,
  needsCertificate,
  showFinding,
  statusOf,
  type RequestFormValues,
} from './requestForm';
import { RequestTypePicker } from './RequestTypePicker';
import { useDryRun } from './useDryRun';
import { FindingLines } from '../../components/FindingLines';

function initialValues(params: URLSearchParams): RequestFormValues {
  const type = params.get('type');
  const sid = Number(params.get('subscriber_id'));
  const v: RequestFormValues = {};
  if (isRequestType(type)) v.type = type;
  if (Number.isInteger(sid) && sid > 0) v.subscriber_id = sid;
  const serial = params.get('cert_serial');
  if (serial) v.cert_serial = serial;
  return v;
}

export function RequestNew() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [form] = Form.useForm<RequestFormValues>();
  const [values, setValues] = useState<RequestFormValues>(() => initialValues(params));
  const [person, setPerson] = useState<Subscriber>();
  const [touched, setTouched] = useState<Set<string>>(new Set());
  const [attempted, setAttempted] = useState(false);
  const [saveFindings, setSaveFindings] = useState<Finding[] | null>(null);
  const [saveError, setSaveError] = useState<unknown>();
  const [saving, run] = useBusy();
  const type = values.type;
  const sid = values.subscriber_id;

  const certs = useApi(
    () =>
      sid && needsCertificate(type)
        ? api.get<Page<Certificate>>('/api/v1/certificates', { subscriber_id: sid, limit: 100 })
        : Promise.resolve<Page<Certificate>>({ items: [], limit: 0, offset: 0 }),
    [sid, needsCertificate(type)],
  );
  const mayPickOrg = hasRole('unit_manager', 'aggregator');
  const orgs = useApi(
    () =>
      type === 'change_info' && mayPickOrg
        ? api.get<Page<Organization>>('/api/v1/organizations', { limit: 1000 })
        : Promise.resolve<Page<Organization> | undefined>(undefined),
    [type === 'change_info', mayPickOrg],
  );

  const body = buildRequestBody(values);
  const dry = useDryRun('/api/v1/requests/validate', body);
  const findings = saveFindings ?? dry.findings;
  const grouped = groupRequestFindings(findings, type, values);
  const form_ = type ? dry.form ?? formName(type, person?.data.kind) : '';

  const certMissing = needsCertificate(type) && !values.cert_serial;
  const status = (field: string): FieldStatus => {
    let list = (grouped.byField[field] ?? []).filter((f) => showFinding(f, touched.has(field), attempted));
    if (field === 'cert_serial' && certMissing && attempted && !list.length)
      list = [{ field, code: 'required', severity: 'error', message_vi: 'Chọn chứng thư số', message_en: 'Choose the certificate' }];
    if (!list.length) return {};
    return {
      validateStatus: statusOf(list),
      help: (
        <div data-testid={`help-${field.replace(/_/g, '-')}`}>
          {list.map((f, i) => (
            <div key={i}>{findingText(f, lang)}</div>
          ))}
        </div>
      ),
    };
  };

  async function save() {
    setAttempted(true);
    setSaveError(undefined);
    const b = buildRequestBody(values);
    if (!b) {
      message.error(t('Chọn loại yêu cầu và người đề nghị', 'Choose the request type and the person'));
      return;
    }
    if (certMissing) {
      message.error(t('Chọn chứng thư số mà yêu cầu đề cập', 'Choose the certificate the request concerns'));
      return;
    }
    await run(
      async () => {
        const r = await api.post<CertRequest>('/api/v1/requests', b);
        message.success(t(`Đã lưu nháp yêu cầu số ${r.id}`, `Draft request ${r.id} saved`));
        navigate(`/requests/${r.id}`);
      },
      (e) => {
        if (e instanceof ApiError && e.findings.length) setSaveFindings(e.findings);
        else setSaveError(e);
      },
    );
  }

  const step = !type || !sid ? 0 : 1;
  return (
    <>
      <PageTitle>{t('Tạo yêu cầu', 'New request')}</PageTitle>
      <Steps
        size="small"
        current={step}
        style={{ marginBottom: 16, maxWidth: 720 }}
        items={[
          { title: t('Loại yêu cầu và người đề nghị', 'Type and person') },
          { title: t('Nội dung theo mẫu', 'Details of the form') },
          { title: t('Đính kèm tài liệu và gửi', 'Attach documents and submit') },
        ]}
      />
      <Form<RequestFormValues>
        form={form}
        layout="vertical"
        initialValues={values}
        onValuesChange={(changed, all) => {
          const next = { ...all };
          if ('subscriber_id' in changed && all.cert_serial) {
            // Another person: the certificate chosen was the previous person's.
            next.cert_serial = undefined;
            form.setFieldValue('cert_serial', undefined);
          }
          setValues(next);
          setSaveFindings(null);
          setTouched((s) => new Set([...s, ...Object.keys(changed)]));
        }}
        onFinish={save}
        data-testid="request-form"
        style={{ maxWidth: 880 }}
      >
        <Card title={t('1. Loại yêu cầu và người đề nghị', '1. Request type and person')} style={{ marginBottom: 16 }}>
          <Form.Item name="type" label={t('Loại yêu cầu', 'Request type')} required {...status('type')}>
            <RequestTypePicker label={t('Loại yêu cầu', 'Request type')} />
          </Form.Item>
          <Form.Item
            name="subscriber_id"
            label={t('Người đề nghị', 'Person')}
            required
            extra={
              hasRole('unit_manager', 'aggregator') && (
                <Link to="/people/new" data-testid="request-add-person">
                  {t('Chưa có trong danh sách? Thêm người mới', 'Not listed? Add a person')}
                </Link>
              )
            }
            {...status('subscriber_id')}
          >
            <PersonPicker onPicked={setPerson} />
          </Form.Item>
        </Card>
        {person && <PersonPanel person={person} findings={grouped.person} />}
        {type && sid ? (
          <Card
            title={
              <>
                {t('2. Nội dung đề nghị', '2. Details')} — {typeLabel(type, lang)}{' '}
                {form_ && <Typography.Text type="secondary">({lang === 'vi' ? form_ : form_.replace('Mẫu', 'Form')})</Typography.Text>}
              </>
            }
            style={{ marginBottom: 16 }}
            data-testid="request-details"
            styles={{ title: { whiteSpace: 'normal' } }}
          >
            <RequestFields
              type={type}
              person={person}
              certs={certs.data?.items ?? []}
              certsLoading={certs.loading}
              orgs={orgs.data?.items}
              status={status}
            />
          </Card>
        ) : null}
        {grouped.attachments.length > 0 && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="documents-needed"
            message={t('Tài liệu cần đính kèm sau khi lưu nháp', 'Documents to attach after saving the draft')}
            description={
              <FindingLines findings={grouped.attachments} withField={false} />
            }
          />
        )}
        {grouped.other.length > 0 && (
          <Alert
            type={grouped.other.some((f) => f.severity === 'error') ? 'error' : 'warning'}
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="request-other-findings"
            message={
              <FindingLines findings={grouped.other} />
            }
          />
        )}
        {dry.error !== undefined && <ErrorAlert error={dry.error} />}
        <ErrorAlert error={saveError} />
        <Space wrap>
          <Button type="primary" htmlType="submit" loading={saving} data-testid="request-save-draft">
            {t('Lưu nháp', 'Save draft')}
          </Button>
          <Button onClick={() => navigate(-1)} data-testid="request-cancel-new">
            {t('Quay lại', 'Back')}
          </Button>
          <Typography.Text type="secondary" aria-live="polite">
            {dry.checking
              ? t('Đang kiểm tra…', 'Checking…')
              : dry.unavailable
                ? t('Máy chủ chưa hỗ trợ kiểm tra thử', 'The server has no dry run')
                : ''}
          </Typography.Text>
        </Space>
      </Form>
    </>
  );
}
