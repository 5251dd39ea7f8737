// A Select of a person's certificates (serial, status, end date), for the requests that name one.
// A value not among them (e.g. a serial the person does not hold) still shows, as its serial.
import { Select, Tag } from 'antd';
import type { Certificate } from '../../api/types';
import { formatDate, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { certStatusLabel } from '../../lib/labels';

interface Props {
  certs: Certificate[];
  loading: boolean;
  testId: string;
  allowClear?: boolean;
  /** Set by the surrounding Form.Item. */
  id?: string;
  value?: string;
  onChange?: (v: string | undefined) => void;
}

export function CertificateSelect({ certs, loading, testId, allowClear, id, value, onChange }: Props) {
  const { lang, t } = useLang();
  const options = certs.map((c) => ({
    value: c.serial,
    search: `${c.serial} ${c.common_name}`,
    label: (
      <span>
        <span style={{ fontFamily: 'monospace' }}>{formatSerial(c.serial)}</span>{' '}
        <Tag color={c.status === 'valid' ? 'green' : 'default'}>{certStatusLabel(c.status, lang)}</Tag>
        {t('đến', 'until')} {formatDate(c.not_after)}
      </span>
    ),
  }));
  if (value && !loading && !certs.some((c) => c.serial === value))
    options.push({ value, search: value, label: <span style={{ fontFamily: 'monospace' }}>{formatSerial(value)}</span> });
  return (
    <Select
      id={id}
      value={value || undefined}
      onChange={onChange}
      showSearch
      allowClear={allowClear}
      loading={loading}
      data-testid={testId}
      aria-label={t('Chứng thư số', 'Certificate')}
      optionFilterProp="search"
      notFoundContent={t('Người này chưa có chứng thư số', 'This person has no certificate')}
      options={options}
    />
  );
}
