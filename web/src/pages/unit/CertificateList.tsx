// /certificates — the certificates in the user's scope: search by serial, e-mail or name (the
// ?q= of the address is read on load), filter by status, days left coloured; a drawer shows one.
import { Button, Grid, Input, Select, Table } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { Certificate, Page } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CertStatusTag, PageTitle } from '../../components/Status';
import { formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { certStatusLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { usePager } from '../../lib/usePager';
import { CertificateDrawer } from './CertificateDrawer';
import { ExpiryText } from './ExpiryText';
import { VisuallyHidden } from './VisuallyHidden';

export function CertificateList() {
  const { lang, t } = useLang();
  const screens = Grid.useBreakpoint();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  const status = params.get('status') ?? '';
  const [text, setText] = useState(q);
  const pager = usePager();
  const [open, setOpen] = useState<string>();
  const { limit, offset } = pager;
  useEffect(() => setText(q), [q]);
  const { data, error, loading } = useApi(
    () => api.get<Page<Certificate>>('/api/v1/certificates', { q: q.trim(), status, limit, offset }),
    [q, status, limit, offset],
  );
  const items = data?.items ?? [];
  // A search for one exact serial opens it at once (links from requests and people land here).
  useEffect(() => {
    const s = q.replace(/[\s:]/g, '').toUpperCase();
    if (s && items.length === 1 && items[0].serial.toUpperCase() === s) setOpen(items[0].serial);
  }, [q, items]);

  function setParam(key: string, value: string) {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
    pager.firstPage();
  }

  const columns: ColumnsType<Certificate> = [
    {
      title: t('Tên (CN)', 'Common name'),
      key: 'cn',
      render: (_, c) => (
        <>
          <Button
            type="link"
            style={{ padding: 0, height: 'auto', textAlign: 'start', whiteSpace: 'normal', minWidth: 120 }}
            onClick={() => setOpen(c.serial)}
            data-testid={`cert-open-${c.serial}`}
          >
            {c.common_name || c.subject}
          </Button>
          {!screens.md && (
            <div style={{ fontFamily: 'monospace', fontSize: 11, color: '#595959', wordBreak: 'break-all' }}>{formatSerial(c.serial)}</div>
          )}
        </>
      ),
    },
    {
      title: t('Số hiệu', 'Serial'),
      key: 'serial',
      responsive: ['md'],
      render: (_, c) => <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{formatSerial(c.serial)}</span>,
    },
    { title: t('Trạng thái', 'Status'), key: 'status', render: (_, c) => <CertStatusTag status={c.status} /> },
    { title: t('Hiệu lực đến', 'Valid until'), key: 'not_after', render: (_, c) => <ExpiryText notAfter={c.not_after} status={c.status} /> },
    { title: t('Thư điện tử', 'E-mail'), key: 'email', dataIndex: 'email', responsive: ['lg'] },
    { title: t('Hồ sơ', 'Profile'), key: 'profile', dataIndex: 'profile' },
  ];

  return (
    <>
      <PageTitle>{t('Chứng thư số', 'Certificates')}</PageTitle>
      <div style={{ display: 'flex', flexWrap: 'wrap', gap: 8, marginBottom: 16 }}>
        <Input.Search
          allowClear
          style={{ flex: '1 1 260px', maxWidth: 440 }}
          value={text}
          onChange={(e) => {
            setText(e.target.value);
            if (!e.target.value) setParam('q', '');
          }}
          onSearch={(v) => setParam('q', v.trim())}
          enterButton={t('Tìm', 'Search')}
          placeholder={t('Số hiệu, thư điện tử hoặc tên', 'Serial, e-mail or name')}
          aria-label={t('Tìm chứng thư theo số hiệu, thư điện tử hoặc tên', 'Search certificates by serial, e-mail or name')}
          data-testid="cert-search"
        />
        <Select
          allowClear
          style={{ minWidth: 180 }}
          placeholder={t('Mọi trạng thái', 'Any status')}
          aria-label={t('Lọc theo trạng thái', 'Filter by status')}
          value={status || undefined}
          onChange={(v?: string) => setParam('status', v ?? '')}
          options={['valid', 'hold', 'revoked'].map((s) => ({ value: s, label: certStatusLabel(s, lang) }))}
          data-testid="cert-status-filter"
        />
      </div>
      <ErrorAlert error={error} />
      <Table<Certificate>
        rowKey="serial"
        size="middle"
        loading={loading}
        columns={columns}
        dataSource={items}
        scroll={{ x: true }}
        caption={<VisuallyHidden>{t('Danh sách chứng thư số', 'List of certificates')}</VisuallyHidden>}
        data-testid="certificates-table"
        pagination={pager.pagination(items.length)}
      />
      {open && <CertificateDrawer serial={open} onClose={() => setOpen(undefined)} />}
    </>
  );
}
