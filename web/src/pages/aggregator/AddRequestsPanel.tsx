// "Thêm yêu cầu": the subtree's submitted requests that no batch holds yet, selectable, added to
// an open batch with POST /api/v1/batches/{id}/requests.
import { App, Button, Card, Grid, Table } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { fetchAll } from '../../api/fetchAll';
import type { Batch, CertRequest } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { requestCheckboxProps, requestColumns } from '../../components/requestColumns';
import { useLang } from '../../lib/i18n';
import { clientPages } from '../../lib/paging';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { unbatched } from './batchHelpers';

export function AddRequestsPanel({
  batchId,
  orgNames,
  onAdded,
}: {
  batchId: number;
  orgNames: ReadonlyMap<number, string>;
  onAdded: (b: Batch) => void;
}) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const narrow = !Grid.useBreakpoint().md;
  const [selected, setSelected] = useState<number[]>([]);
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const pool = useApi(() => fetchAll<CertRequest>('/api/v1/requests', { state: 'submitted' }), []);
  const rows = unbatched(pool.data ?? []);

  const add = () => {
    setError(undefined);
    return run(async () => {
      const b = await api.post<Batch>(`/api/v1/batches/${batchId}/requests`, { request_ids: selected });
      message.success(t(`Đã thêm ${selected.length} yêu cầu vào danh sách`, `${selected.length} request(s) added to the batch`));
      setSelected([]);
      pool.reload();
      onAdded(b);
    }, setError);
  };

  return (
    <Card
      style={{ marginBottom: 16 }}
      title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('Thêm yêu cầu vào danh sách', 'Add requests to the batch')}</h2>}
    >
      <ErrorAlert error={error ?? pool.error} />
      <Button type="primary" onClick={add} loading={busy} disabled={!selected.length} data-testid="batch-add-requests" style={{ marginBottom: 12 }}>
        {t(`Thêm ${selected.length || ''} yêu cầu đã chọn`, `Add ${selected.length || ''} selected`)}
      </Button>
      <Table<CertRequest>
        rowKey="id"
        size="small"
        loading={pool.loading}
        dataSource={rows}
        scroll={{ x: true }}
        pagination={clientPages(20)}
        caption={t('Yêu cầu đã gửi chưa thuộc danh sách nào', 'Submitted requests not in any batch')}
        rowSelection={{
          selectedRowKeys: selected,
          onChange: (keys) => setSelected(keys.map(Number)),
          getCheckboxProps: requestCheckboxProps(lang),
        }}
        columns={requestColumns(lang, orgNames, { state: false, compact: narrow })}
        locale={{ emptyText: t('Không còn yêu cầu nào chờ tổng hợp', 'No request is waiting to be compiled') }}
      />
    </Card>
  );
}
