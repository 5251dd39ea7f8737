// The request's data as its form shows it, each field with the server's findings and, after a
// return, the reason the reviewer gave (highlighted). Draft/returned requests are edited here
// (PATCH /api/v1/requests/{id}); a 422 puts its findings in the fields.
import { EditOutlined } from '@ant-design/icons';
import { Button, Card, Descriptions, Grid, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useState } from 'react';
import type { CertRequest } from '../../api/types';
import { formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { deviceLabel, fieldLabel, groundLabel } from '../../lib/labels';
import { FieldFindings, ReturnReason } from './FieldNotes';
import { OrgName } from './OrgName';
import { RequestEditForm } from './RequestEditForm';
import { hasGrounds, needsCertificate, takesCsr } from './requestForm';

interface Props {
  request: CertRequest;
  editable: boolean;
  reasons: Record<string, string>;
  onSaved: () => void;
  /** Half the width (a preview beside it): one column. */
  narrow?: boolean;
}

export function RequestDataPanel({ request: r, editable, reasons, onSaved, narrow }: Props) {
  const { lang, t } = useLang();
  const screens = Grid.useBreakpoint();
  const [editing, setEditing] = useState(false);
  const s = r.data.subject;
  const org = s.kind === 'organization';
  const rows: [string, ReactNode][] = [
    ['kind', org ? t('Cơ quan, tổ chức', 'Organization') : t('Cá nhân', 'Individual')],
    ['full_name', s.full_name],
    ...(org
      ? ([['manager_name', s.manager_name]] as [string, ReactNode][])
      : ([
          ['dob', s.dob],
          ['cccd', <span style={{ fontFamily: 'monospace' }}>{s.cccd}</span>],
          ['cccd_date', s.cccd_date],
          ['cccd_place', s.cccd_place],
          ['position', s.position],
        ] as [string, ReactNode][])),
    ['email', s.email],
    ['phone', s.phone],
    ['device', s.device ? deviceLabel(s.device, lang) : ''],
    ...(s.carrier ? ([['carrier', s.carrier]] as [string, ReactNode][]) : []),
  ];
  if (needsCertificate(r.type))
    rows.push(['cert_serial', <span style={{ fontFamily: 'monospace' }}>{r.cert_serial ? formatSerial(r.cert_serial) : ''}</span>]);
  if (hasGrounds(r.type)) rows.push(['ground', r.data.ground ? groundLabel(r.type, r.data.ground, lang) : '']);
  if (r.type === 'mailbox') rows.push(['mailbox', r.data.mailbox]);
  if (takesCsr(r.type)) rows.push(['csr', r.data.has_csr ? t('Đã nộp CSR', 'CSR provided') : t('Chưa có CSR', 'No CSR')]);
  if (typeof r.data.new_org_id === 'number') rows.push(['organization', <OrgName id={r.data.new_org_id} />]);
  rows.push(['note', <span style={{ whiteSpace: 'pre-wrap' }}>{r.data.note}</span>]);

  // Other names the server may give a row's field.
  const alias: Record<string, string> = { full_name: 'name', csr: 'csr_pem', organization: 'new_org_id' };
  const findingsOf = (f: string) => r.findings.filter((x) => x.field === f || x.field === alias[f]);
  const reasonOf = (f: string) => reasons[f] ?? (alias[f] ? reasons[alias[f]] : undefined);
  const shownFields = rows.map(([f]) => f);
  const elsewhere = Object.entries(reasons).filter(
    ([f]) => !shownFields.includes(f) && !shownFields.some((row) => alias[row] === f) && f !== 'csr_pem' && f !== 'attachments',
  );

  return (
    <Card
      title={t('Nội dung đề nghị', 'Request details')}
      style={{ marginBottom: 16 }}
      data-testid="request-data"
      extra={
        editable &&
        !editing && (
          <Button icon={<EditOutlined />} onClick={() => setEditing(true)} data-testid="request-edit">
            {t('Sửa', 'Edit')}
          </Button>
        )
      }
    >
      {editing ? (
        <RequestEditForm
          request={r}
          reasons={reasons}
          onCancel={() => setEditing(false)}
          onSaved={(close) => {
            if (close) setEditing(false);
            onSaved();
          }}
        />
      ) : (
        <Descriptions
          size="small"
          column={narrow ? 1 : { xs: 1, sm: 1, md: 2 }}
          layout={screens.sm ? 'horizontal' : 'vertical'}
          bordered
          styles={{ label: { width: 130 }, content: { minWidth: 150 } }}
        >
          {rows.map(([f, value]) => {
            const reason = reasonOf(f);
            return (
              <Descriptions.Item
                key={f}
                label={f === 'kind' ? t('Đối tượng', 'Kind') : fieldLabel(f, lang)}
                contentStyle={reason ? { background: '#fff7e6' } : undefined}
              >
                <div data-field={f}>
                  {value || <Typography.Text type="secondary">—</Typography.Text>}
                  <FieldFindings list={findingsOf(f)} />
                  <ReturnReason text={reason} />
                </div>
              </Descriptions.Item>
            );
          })}
        </Descriptions>
      )}
      {!editing && elsewhere.length > 0 && (
        <div style={{ marginTop: 12 }}>
          {elsewhere.map(([f, text]) => (
            <div key={f}>
              <Typography.Text strong>{fieldLabel(f, lang)}</Typography.Text>
              <ReturnReason text={text} />
            </div>
          ))}
        </div>
      )}
    </Card>
  );
}
