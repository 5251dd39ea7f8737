// "/operations" for CA operators (and admins, read-only): the operation queue, CRL and OCSP
// status, CRL publication and direct revocation. Everything refreshes every 30 seconds.
import { ReloadOutlined } from '@ant-design/icons';
import { Button, Space, Typography } from 'antd';
import { useCallback, useEffect, useState } from 'react';
import { useSession } from '../../auth/session';
import { PageTitle } from '../../components/Status';
import { formatDateTime } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { OpsQueue } from './OpsQueue';
import { PkiStatusPanel } from './PkiStatusPanel';
import { RevokeForm } from './RevokeForm';

const REFRESH_MS = 30_000;

export function Operations() {
  const { t } = useLang();
  const { hasRole } = useSession();
  const operator = hasRole('ca_operator');
  const [tick, setTick] = useState(0);
  const [at, setAt] = useState(() => new Date());
  const refresh = useCallback(() => {
    setTick((n) => n + 1);
    setAt(new Date());
  }, []);
  useEffect(() => {
    const id = window.setInterval(refresh, REFRESH_MS);
    return () => window.clearInterval(id);
  }, [refresh]);

  return (
    <>
      <PageTitle
        extra={
          <Space wrap>
            <Typography.Text type="secondary" aria-live="polite" data-testid="ops-refreshed">
              {t('Cập nhật lúc', 'Updated')} {formatDateTime(at, true)} · {t('tự làm mới mỗi 30 giây', 'refreshes every 30 s')}
            </Typography.Text>
            <Button icon={<ReloadOutlined />} onClick={refresh} data-testid="ops-reload">
              {t('Làm mới', 'Refresh')}
            </Button>
          </Space>
        }
      >
        {t('Vận hành CA', 'CA operations')}
      </PageTitle>
      <PkiStatusPanel tick={tick} canPublish={operator} onChanged={refresh} />
      <OpsQueue tick={tick} canRetry={operator} onChanged={refresh} />
      {operator && <RevokeForm onDone={refresh} />}
    </>
  );
}
