// Step 2 of a new request: the fields the chosen type's official form asks for, each showing
// the server's findings about it.
import { Form, Input, Select } from 'antd';
import type { ReactNode } from 'react';
import type { Certificate, Organization, RequestType, Subscriber } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { GROUNDS, groundLabel } from '../../lib/labels';
import { csrRequired, fieldsForType, type RequestFormField } from './requestForm';
import { CertificateSelect } from './CertificateSelect';
import { CsrInput } from './CsrInput';

export interface FieldStatus {
  validateStatus?: 'error' | 'warning';
  help?: ReactNode;
}

interface Props {
  type: RequestType;
  person?: Subscriber;
  certs: Certificate[];
  certsLoading: boolean;
  orgs?: Organization[];
  status: (f: RequestFormField) => FieldStatus;
}

export function RequestFields({ type, person, certs, certsLoading, orgs, status }: Props) {
  const { lang, t } = useLang();
  const fields = fieldsForType(type);
  const d = person?.data;
  const item = (f: RequestFormField, label: string, control: ReactNode, opts: { required?: boolean; extra?: ReactNode } = {}) => (
    <Form.Item key={f} name={f} label={label} required={opts.required} extra={opts.extra} {...status(f)}>
      {control}
    </Form.Item>
  );
  const text = (f: RequestFormField, placeholder?: string) => (
    <Input data-testid={`request-${f.replace(/_/g, '-')}`} placeholder={placeholder} autoComplete="off" />
  );

  const render: Record<RequestFormField, () => ReactNode> = {
    cert_serial: () =>
      item(
        'cert_serial',
        t('Chứng thư số đề nghị', 'The certificate concerned'),
        <CertificateSelect certs={certs} loading={certsLoading} testId="request-cert-serial" allowClear />,
        { required: true },
      ),
    ground: () =>
      item(
        'ground',
        type === 'revoke' ? t('Lý do thu hồi', 'Ground for revocation') : t('Lý do', 'Ground'),
        <Select
          data-testid="request-ground"
          aria-label={t('Lý do', 'Ground')}
          options={Object.keys(GROUNDS[type] ?? {}).map((g) => ({ value: g, label: groundLabel(type, g, lang) }))}
        />,
        { required: true },
      ),
    new_name: () => item('new_name', t('Họ và tên mới', 'New full name'), text('new_name', d?.full_name)),
    new_email: () => item('new_email', t('Thư điện tử công vụ mới', 'New official e-mail'), text('new_email', d?.email)),
    new_phone: () => item('new_phone', t('Điện thoại mới', 'New phone'), text('new_phone', d?.phone)),
    new_position: () => item('new_position', t('Chức vụ mới', 'New position'), text('new_position', d?.position)),
    new_org_id: () =>
      orgs
        ? item(
            'new_org_id',
            t('Cơ quan, đơn vị mới', 'New organization'),
            <Select
              showSearch
              allowClear
              optionFilterProp="label"
              data-testid="request-new-org"
              aria-label={t('Cơ quan, đơn vị mới', 'New organization')}
              options={orgs.map((o) => ({ value: o.id, label: o.name }))}
            />,
          )
        : null,
    mailbox: () =>
      item('mailbox', t('Địa chỉ hòm thư công vụ đề nghị', 'Requested official mailbox'), text('mailbox', 'ten.ho@bacninh.gov.vn'), {
        required: true,
      }),
    csr_pem: () =>
      item('csr_pem', t('Yêu cầu chứng thư (CSR, PKCS#10)', 'Certificate signing request (CSR, PKCS#10)'), <CsrInput />, {
        required: csrRequired(type, d?.device),
        extra: csrRequired(type, d?.device)
          ? t('Thiết bị SOFT: thuê bao tự tạo khóa, cần nộp CSR.', 'SOFT device: the subscriber made the key; the CSR is required.')
          : t('Không bắt buộc: khóa được sinh trên thiết bị của thuê bao.', "Optional: the key is generated on the subscriber's device."),
      }),
    note: () =>
      item(
        'note',
        t('Ghi chú', 'Note'),
        <Input.TextArea data-testid="request-note" autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} showCount />,
      ),
  };

  return <>{fields.map((f) => render[f]())}</>;
}
