// Table columns for lists of requests on the batch, compile and review screens; each row links to
// the request's own page (/requests/:id), where one request is decided.
import { Space, Tag, Typography } from 'antd';
import type { CheckboxProps } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { CertRequest, Finding } from '../api/types';
import { formatDateTime, type Lang } from '../lib/format';
import { translator } from '../lib/i18n';
import { REQUEST_FORMS, fieldLabel, typeLabel } from '../lib/labels';
import { findingText } from '../lib/validation';
import { StateTag } from './Status';

export function RequestLink({ id }: { id: number }) {
  return (
    <Link to={`/requests/${id}`} data-testid={`request-link-${id}`}>
      #{id}
    </Link>
  );
}

export function TypeCell({ r, lang, inline = false }: { r: Pick<CertRequest, 'type' | 'form'>; lang: Lang; inline?: boolean }) {
  const form = r.form || REQUEST_FORMS[r.type] || '';
  if (inline)
    return (
      <span>
        {typeLabel(r.type, lang)}
        {form && <Typography.Text type="secondary"> · {form}</Typography.Text>}
      </span>
    );
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {typeLabel(r.type, lang)}
      {form && (
        <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12 }}>
          {form}
        </Typography.Text>
      )}
    </span>
  );
}

export function FindingList({ findings, lang, onlyErrors = false }: { findings: Finding[]; lang: Lang; onlyErrors?: boolean }) {
  const shown = onlyErrors ? findings.filter((f) => f.severity === 'error') : findings;
  if (!shown.length) return null;
  return (
    <ul style={{ margin: 0, paddingLeft: 18 }}>
      {shown.map((f, i) => (
        <li key={i}>
          <Tag color={f.severity === 'error' ? 'red' : 'gold'} style={{ marginInlineEnd: 4 }}>
            {fieldLabel(f.field, lang)}
          </Tag>
          {findingText(f, lang)}
        </li>
      ))}
    </ul>
  );
}

export function ErrorCount({ findings, lang }: { findings: Finding[]; lang: Lang }) {
  const errors = findings.filter((f) => f.severity === 'error').length;
  const warnings = findings.length - errors;
  if (!findings.length) return <Tag color="green">{lang === 'vi' ? 'Không lỗi' : 'No errors'}</Tag>;
  return (
    <Space size={2} wrap>
      {errors > 0 && <Tag color="red">{lang === 'vi' ? `${errors} lỗi` : `${errors} error(s)`}</Tag>}
      {warnings > 0 && <Tag color="gold">{lang === 'vi' ? `${warnings} lưu ý` : `${warnings} warning(s)`}</Tag>}
    </Space>
  );
}

/** Everything about a request in one cell, for phone-sized screens. */
export function RequestSummary({
  r,
  lang,
  orgName,
  showState = true,
  extra,
}: {
  r: CertRequest;
  lang: Lang;
  orgName?: string;
  showState?: boolean;
  extra?: ReactNode;
}) {
  return (
    <div style={{ minWidth: 0 }}>
      <Space size={6} wrap>
        <RequestLink id={r.id} />
        <TypeCell r={r} lang={lang} inline />
        {showState && <StateTag state={r.state} />}
      </Space>
      <div style={{ fontWeight: 600 }}>{r.data?.subject?.full_name || '—'}</div>
      {orgName && <Typography.Text type="secondary">{orgName}</Typography.Text>}
      <div>
        <Space size={4} wrap>
          {r.submitted_at && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {formatDateTime(r.submitted_at)}
            </Typography.Text>
          )}
          <ErrorCount findings={r.findings ?? []} lang={lang} />
          {extra}
        </Space>
      </div>
    </div>
  );
}

/** id, type + form, person, organization, state, submitted, findings; one summary column when compact. */
export function requestColumns(
  lang: Lang,
  orgNames: ReadonlyMap<number, string>,
  opts: { state?: boolean; org?: boolean; compact?: boolean } = {},
): ColumnsType<CertRequest> {
  const t = translator(lang);
  if (opts.compact)
    return [
      {
        title: t('Yêu cầu', 'Request'),
        key: 'summary',
        render: (_: unknown, r) => (
          <RequestSummary r={r} lang={lang} orgName={opts.org === false ? undefined : orgNames.get(r.org_id)} showState={opts.state !== false} />
        ),
      },
    ];
  const cols: ColumnsType<CertRequest> = [
    { title: t('Số', 'No.'), dataIndex: 'id', render: (id: number) => <RequestLink id={id} />, width: 70 },
    { title: t('Loại', 'Type'), key: 'type', render: (_: unknown, r) => <TypeCell r={r} lang={lang} /> },
    { title: t('Người đề nghị', 'Person'), key: 'person', render: (_: unknown, r) => r.data?.subject?.full_name || '—' },
  ];
  if (opts.org !== false)
    cols.push({ title: t('Cơ quan', 'Organization'), dataIndex: 'org_id', render: (id: number) => orgNames.get(id) ?? `#${id}` });
  if (opts.state !== false)
    cols.push({ title: t('Trạng thái', 'State'), dataIndex: 'state', render: (s: string) => <StateTag state={s} /> });
  cols.push(
    { title: t('Ngày gửi', 'Submitted'), dataIndex: 'submitted_at', render: (v?: string) => formatDateTime(v) || '—' },
    { title: t('Kiểm tra', 'Checks'), key: 'findings', render: (_: unknown, r) => <ErrorCount findings={r.findings ?? []} lang={lang} /> },
  );
  return cols;
}

/** rowSelection's getCheckboxProps for a table of requests: each box named after its request. */
export function requestCheckboxProps(lang: Lang): (r: Pick<CertRequest, 'id'>) => CheckboxProps {
  const t = translator(lang);
  return (r) => ({ 'aria-label': t(`Chọn yêu cầu ${r.id}`, `Select request ${r.id}`) }) as CheckboxProps;
}
