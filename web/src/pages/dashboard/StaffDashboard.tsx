// The dashboard of every signed-in role but subscribers: next steps for the role, key figures and
// charts from GET /api/v1/statistics (counted within the user's scope by the server).
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Spin } from 'antd';
import { api } from '../../api/client';
import type { SessionUser, Statistics } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { roleLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { StatsCharts } from './Charts';
import { KpiCards } from './KpiCards';
import { RoleShortcuts } from './RoleShortcuts';
import { kpis } from './stats';

export function StaffDashboard({ user }: { user: SessionUser }) {
  const { lang, t } = useLang();
  const { data, error, loading, reload } = useApi(() => api.get<Statistics>('/api/v1/statistics'), []);
  return (
    <>
      <PageTitle
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} data-testid="dashboard-reload">
            {t('Làm mới', 'Refresh')}
          </Button>
        }
      >
        {t('Tổng quan', 'Overview')}
        <span style={{ fontSize: 16, fontWeight: 400, color: '#595959', marginInlineStart: 12 }}>{roleLabel(user.role, lang)}</span>
      </PageTitle>
      <ErrorAlert error={error} />
      {!data && loading && <Spin size="large" style={{ display: 'block', margin: '48px auto' }} />}
      {data && <KpiCards k={kpis(data)} />}
      <RoleShortcuts user={user} stats={data} />
      {data && <StatsCharts stats={data} />}
    </>
  );
}
