// The verdict on the audit log's hash chain and signed checkpoints (GET /api/v1/audit/verify),
// shown first on the audit screen, with "check again".
import { ReloadOutlined, SafetyCertificateOutlined, WarningOutlined } from '@ant-design/icons';
import { Alert, Button, Grid, Spin } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { formatDateTime, formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';

export interface ChainVerdict {
  ok: boolean;
  entries: number;
  checkpoints: number;
  first_bad_seq?: number;
  problem_vi?: string;
  problem_en?: string;
}

export function ChainStatus() {
  const { lang, t } = useLang();
  const [checkedAt, setCheckedAt] = useState<Date>();
  const narrow = !Grid.useBreakpoint().md;
  const { data, error, loading, reload } = useApi(async () => {
    const v = await api.get<ChainVerdict>('/api/v1/audit/verify');
    setCheckedAt(new Date());
    return v;
  }, []);
  const again = (
    <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} data-testid="audit-verify-again">
      {t('Kiểm tra lại', 'Check again')}
    </Button>
  );
  if (error) return <ErrorAlert error={error} />;
  if (!data) return <Spin style={{ display: 'block', margin: '24px auto' }} />;
  const when = checkedAt ? ` · ${t('kiểm tra lúc', 'checked at')} ${formatDateTime(checkedAt, true)}` : '';
  if (data.ok) {
    return (
      <Alert
        type="success"
        showIcon
        icon={<SafetyCertificateOutlined />}
        style={{ marginBottom: 16 }}
        data-testid="audit-chain-ok"
        message={<b style={{ fontSize: 16 }}>{t('Chuỗi băm toàn vẹn', 'The hash chain is intact')}</b>}
        description={
          <>
            {t(
              `${formatNumber(data.entries, lang)} mục nhật ký, ${formatNumber(data.checkpoints, lang)} điểm kiểm tra có chữ ký đều khớp`,
              `${formatNumber(data.entries, lang)} entries and ${formatNumber(data.checkpoints, lang)} signed checkpoints all match`,
            ) + when}
            {narrow && <div style={{ marginTop: 8 }}>{again}</div>}
          </>
        }
        action={narrow ? undefined : again}
      />
    );
  }
  const problem = lang === 'vi' ? data.problem_vi || data.problem_en : data.problem_en || data.problem_vi;
  return (
    <Alert
      type="error"
      showIcon
      icon={<WarningOutlined />}
      role="alert"
      style={{ marginBottom: 16 }}
      data-testid="audit-chain-broken"
      message={<b style={{ fontSize: 16 }}>{t('Chuỗi băm bị phá vỡ', 'The hash chain is broken')}</b>}
      description={
        <>
          {data.first_bad_seq !== undefined && data.first_bad_seq !== null && (
            <div>
              {t('Mục hỏng đầu tiên', 'First bad entry')}: <b data-testid="audit-first-bad">#{data.first_bad_seq}</b>
            </div>
          )}
          {problem && <div>{problem}</div>}
          <div>
            {t(
              `Đã kiểm tra ${formatNumber(data.entries, lang)} mục, ${formatNumber(data.checkpoints, lang)} điểm kiểm tra`,
              `${formatNumber(data.entries, lang)} entries, ${formatNumber(data.checkpoints, lang)} checkpoints examined`,
            )}
            {when}
          </div>
          {narrow && <div style={{ marginTop: 8 }}>{again}</div>}
        </>
      }
      action={narrow ? undefined : again}
    />
  );
}
