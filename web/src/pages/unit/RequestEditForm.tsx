// Editing a draft or returned request: the fields PATCH accepts for its type (the certificate
// named, for change_info the organization to move to), the reviewer's return reason beside each
// field, the server's findings (and a refusal's) in the fields.
import { App, Button, Form, Input, Select, Space } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { CertRequest, Certificate, Finding, Organization, Page, RequestPatch } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { GROUNDS, groundLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { checkPerson, findingText, type FieldMessage } from '../../lib/validation';
import { CertificateSelect } from './CertificateSelect';
import { CsrInput } from './CsrInput';
import { ReturnReason } from './FieldNotes';
import { buildPatch, editFieldOf, editFieldsFor, editValuesOf, patchProblemFindings, type EditField } from './requestDetail';
import { statusOf } from './requestForm';

interface Props {
  request: CertRequest;
  reasons: Record<string, string>;
  onCancel: () => void;
  /** After a save; `close` false keeps the form open on the errors. */
  onSaved: (close: boolean) => void;
}

export function RequestEditForm({ request: r, reasons, onCancel, onSaved }: Props) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { hasRole } = useSession();
  const [form] = Form.useForm<RequestPatch>();
  const [saving, run] = useBusy();
  const [patchFindings, setPatchFindings] = useState<Finding[] | null>(null);
  const [error, setError] = useState<unknown>();
  const [client, setClient] = useState<Record<string, FieldMessage>>({});
  const before = editValuesOf(r);
  const fields = editFieldsFor(r.type, hasRole('unit_manager', 'aggregator'));
  const withCert = fields.includes('cert_serial');
  const withOrg = fields.includes('new_org_id');
  const certs = useApi(
    () =>
      withCert
        ? api.get<Page<Certificate>>('/api/v1/certificates', { subscriber_id: r.subscriber_id, limit: 100 })
        : Promise.resolve<Page<Certificate> | undefined>(undefined),
    [withCert, r.subscriber_id],
  );
  const orgs = useApi(
    () => (withOrg ? api.get<Page<Organization>>('/api/v1/organizations', { limit: 1000 }) : Promise.resolve<Page<Organization> | undefined>(undefined)),
    [withOrg],
  );
  const findings = patchFindings ?? r.findings;
  const reasonFor = (f: EditField): string | undefined => {
    for (const [k, v] of Object.entries(reasons)) if (editFieldOf(k) === f) return v;
    return undefined;
  };

  async function save(values: RequestPatch) {
    setError(undefined);
    const patch = buildPatch(fields, before, values);
    if (Object.keys(patch).length === 0) {
      message.info(t('Không có gì thay đổi', 'Nothing changed'));
      onCancel();
      return;
    }
    await run(
      async () => {
        const saved = await api.patch<CertRequest>(`/api/v1/requests/${r.id}`, patch);
        const bad = (saved?.findings ?? []).filter((x) => x.severity === 'error' && fields.includes(editFieldOf(x.field) as EditField));
        if (bad.length) {
          // Saved as a draft may be, but what was typed still has errors: keep the form open on them.
          setPatchFindings(saved.findings);
          message.warning(t('Đã lưu, nhưng còn lỗi trong các ô tô đỏ', 'Saved, but the fields in red still have errors'));
          onSaved(false);
        } else {
          message.success(t('Đã lưu thay đổi', 'Changes saved'));
          onSaved(true);
        }
      },
      (e) => {
        // Findings (or the one field a refusal names) go to their fields; the rest above the buttons.
        const list = e instanceof ApiError ? patchProblemFindings(e.problem) : [];
        if (list.length) setPatchFindings(list);
        if (!list.length || list.some((x) => !fields.includes(editFieldOf(x.field) as EditField))) setError(e);
      },
    );
  }

  const labels: Record<EditField, string> = {
    cert_serial: t('Chứng thư số đề nghị', 'The certificate concerned'),
    new_org_id: t('Chuyển sang cơ quan, đơn vị', 'Move to the organization'),
    name: t('Họ và tên', 'Full name'),
    email: t('Thư điện tử công vụ', 'Official e-mail'),
    phone: t('Điện thoại', 'Phone'),
    position: t('Chức vụ', 'Position'),
    ground: t('Lý do', 'Ground'),
    mailbox: t('Hòm thư công vụ đề nghị', 'Requested mailbox'),
    csr_pem: t('CSR mới (để trống nếu giữ CSR đã nộp)', 'New CSR (leave empty to keep the one provided)'),
    note: t('Ghi chú', 'Note'),
  };
  const control = (f: EditField): ReactNode => {
    if (f === 'ground')
      return (
        <Select
          data-testid="edit-ground"
          aria-label={labels.ground}
          options={Object.keys(GROUNDS[r.type] ?? {}).map((g) => ({ value: g, label: groundLabel(r.type, g, lang) }))}
        />
      );
    if (f === 'cert_serial') return <CertificateSelect certs={certs.data?.items ?? []} loading={certs.loading} testId="edit-cert-serial" />;
    if (f === 'new_org_id')
      return (
        <Select
          showSearch
          optionFilterProp="label"
          loading={orgs.loading}
          data-testid="edit-new-org"
          aria-label={labels.new_org_id}
          options={[
            { value: 0, label: t('Giữ cơ quan hiện tại', 'Keep the current organization') },
            ...(orgs.data?.items ?? []).map((o) => ({ value: o.id, label: o.name })),
          ]}
        />
      );
    if (f === 'csr_pem') return <CsrInput testId="edit-csr" />;
    if (f === 'note') return <Input.TextArea data-testid="edit-note" autoSize={{ minRows: 2 }} maxLength={1000} />;
    return <Input data-testid={`edit-${f}`} autoComplete="off" />;
  };

  return (
    <Form<RequestPatch>
      form={form}
      layout="vertical"
      initialValues={before}
      onFinish={save}
      onValuesChange={(_, all) => {
        const m = checkPerson({ full_name: all.name, email: all.email, phone: all.phone });
        setClient(Object.fromEntries(Object.entries(m).map(([k, v]) => [k === 'full_name' ? 'name' : k, v])));
      }}
      data-testid="request-edit-form"
    >
      {fields.map((f) => {
        const mine = client[f];
        // The browser's check replaces the server's older finding for the same field.
        const list = mine ? [] : findings.filter((x) => editFieldOf(x.field) === f);
        const reason = reasonFor(f);
        return (
          <Form.Item
            key={f}
            name={f}
            label={labels[f]}
            validateStatus={mine ? 'error' : (statusOf(list) ?? (reason ? 'warning' : undefined))}
            help={
              mine || list.length || reason ? (
                <div data-testid={`edit-help-${f}`}>
                  {mine && <div>{lang === 'vi' ? mine.vi : mine.en}</div>}
                  {list.map((x, i) => (
                    <div key={i}>{findingText(x, lang)}</div>
                  ))}
                  <ReturnReason text={reason} />
                </div>
              ) : undefined
            }
          >
            {control(f)}
          </Form.Item>
        );
      })}
      <ErrorAlert error={error ?? certs.error ?? orgs.error} />
      <Space wrap>
        <Button type="primary" htmlType="submit" loading={saving} data-testid="edit-save">
          {t('Lưu thay đổi', 'Save changes')}
        </Button>
        <Button onClick={onCancel}>{t('Thôi', 'Cancel')}</Button>
      </Space>
    </Form>
  );
}
