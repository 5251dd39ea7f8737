// "Xuất XLSX (mẫu 19 cột)" and "Xuất PDF": GET /api/v1/batches/{id}/export?format=… saved with a
// Vietnamese file name.
import { FileExcelOutlined, FilePdfOutlined } from '@ant-design/icons';
import { App, Button, Space } from 'antd';
import { api, saveBlob } from '../../api/client';
import type { Batch } from '../../api/types';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useLang } from '../../lib/i18n';
import { useBusyKey } from '../../lib/useBusy';
import { exportFilename } from './batchHelpers';

export function ExportButtons({ batch, orgName }: { batch: Batch; orgName?: string }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const [busy, run] = useBusyKey<'xlsx' | 'pdf'>();
  const download = (format: 'xlsx' | 'pdf') =>
    run(
      format,
      async () => {
        const blob = await api.blob(`/api/v1/batches/${batch.id}/export`, { format });
        const name = exportFilename({ ...batch, org_name: batch.org_name || orgName }, format);
        saveBlob(blob, name);
        message.success(t(`Đã tải về ${name}`, `Downloaded ${name}`));
      },
      (e) => showError(e, 8),
    );
  return (
    <Space wrap>
      <Button icon={<FileExcelOutlined />} loading={busy === 'xlsx'} onClick={() => download('xlsx')} data-testid="batch-export-xlsx">
        {t('Xuất XLSX (mẫu 19 cột)', 'Export XLSX (19-column form)')}
      </Button>
      <Button icon={<FilePdfOutlined />} loading={busy === 'pdf'} onClick={() => download('pdf')} data-testid="batch-export-pdf">
        {t('Xuất PDF', 'Export PDF')}
      </Button>
    </Space>
  );
}
