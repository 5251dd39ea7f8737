// /token-station — the CA operator's token station (issue 15): the approved requests waiting for
// a device and the tokens plugged into the server's reader. A new or reissued certificate is
// enrolled on a token (key pair generated on it, certificate issued and written), a device
// recovery resets the holder's user PIN; either answers with a new PIN shown once (ResultModal).
import { ReloadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Space, Spin, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { Link } from 'react-router-dom';
import { ApiError, api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { useBusyKey } from '../../lib/useBusy';
import { RequestTypeLabel } from '../unit/RequestTypeLabel';
import { VisuallyHidden } from '../unit/VisuallyHidden';
import { AbandonModal } from './AbandonModal';
import { RequestActions } from './RequestActions';
import { ResultModal } from './ResultModal';
import { SlotsTable } from './SlotsTable';
import { enrolmentStageLabel } from './station';
import type { StationAction, StationOutcome, StationOverview, WaitingRequest } from './types';

interface Shown {
  outcome: StationOutcome;
  action: StationAction;
  holder: string;
}

export function TokenStation() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { data, error, loading, reload } = useApi(() => api.get<StationOverview>('/api/v1/token-station'), []);
  const [running, run] = useBusyKey<number>();
  const [runningAction, setRunningAction] = useState<StationAction>('enroll');
  const [actionError, setActionError] = useState<unknown>();
  // The outcome with the PIN: in memory only, dropped when the dialog is closed.
  const [shown, setShown] = useState<Shown>();
  const [abandoning, setAbandoning] = useState<WaitingRequest>();

  const requests = data?.requests ?? [];
  const slots = data?.slots ?? [];
  const moduleError = data?.module_error
    ? new ApiError(503, { title: data.module_error.title, title_en: data.module_error.title_en })
    : undefined;

  const perform = (r: WaitingRequest, action: StationAction, slot: number) => {
    setActionError(undefined);
    setRunningAction(action);
    return run(
      r.request_id,
      async () => {
        const outcome = await api.post<StationOutcome>(`/api/v1/token-station/${action}`, { request_id: r.request_id, slot });
        setShown({ outcome, action, holder: r.holder });
        reload();
      },
      (e) => {
        setActionError(e);
        // The token may have changed (e.g. initialized before the failure): read the station again.
        reload();
      },
    );
  };

  const dismiss = () => {
    setShown(undefined);
    message.info(t('Mã PIN đã được xóa khỏi màn hình', 'The PIN is cleared from the screen'));
  };

  const columns: ColumnsType<WaitingRequest> = [
    {
      title: t('Số yêu cầu', 'Request'),
      key: 'id',
      render: (_, r) => (
        <Link to={`/requests/${r.request_id}`} data-testid={`station-request-link-${r.request_id}`}>
          {t(`Số ${r.request_id}`, `No. ${r.request_id}`)}
        </Link>
      ),
    },
    { title: t('Loại', 'Type'), key: 'type', render: (_, r) => <RequestTypeLabel type={r.type} /> },
    { title: t('Người giữ thiết bị', 'Token holder'), key: 'holder', render: (_, r) => r.holder },
    {
      title: t('Tiến độ khởi tạo', 'Enrolment'),
      key: 'enrolment',
      render: (_, r) =>
        r.enrolment ? (
          <Space direction="vertical" size={2}>
            <Tag color={r.enrolment.stage === 'abandoned' ? 'default' : 'gold'} data-stage={r.enrolment.stage}>
              {enrolmentStageLabel(r.enrolment.stage, lang)}
            </Tag>
            {r.enrolment.device_serial && (
              <Typography.Text type="secondary" style={{ fontFamily: 'monospace' }}>
                {r.enrolment.device_serial}
              </Typography.Text>
            )}
          </Space>
        ) : (
          <Typography.Text type="secondary">{t('Chưa bắt đầu', 'Not started')}</Typography.Text>
        ),
    },
    {
      title: t('Thao tác', 'Actions'),
      key: 'actions',
      render: (_, r) => (
        <RequestActions request={r} slots={slots} running={running} onRun={perform} onAbandon={setAbandoning} />
      ),
    },
  ];

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<ReloadOutlined />} onClick={reload} loading={loading} disabled={running !== undefined} data-testid="station-reload">
            {t('Làm mới', 'Refresh')}
          </Button>
        }
      >
        {t('Trạm thiết bị', 'Token station')}
      </PageTitle>
      <ErrorAlert error={error} data-testid="station-load-error" />
      <div aria-live="polite">
        {running !== undefined && (
          <Alert
            type="info"
            style={{ marginBottom: 16 }}
            data-testid="station-progress"
            message={
              <Space>
                <Spin size="small" />
                {runningAction === 'enroll'
                  ? t(
                      `Đang khởi tạo thiết bị cho yêu cầu số ${running}: sinh cặp khóa RSA trên thiết bị, cấp và ghi chứng thư số. Việc này mất vài giây, xin đừng rút thiết bị.`,
                      `Enrolling the token for request ${running}: generating the RSA key pair on the token, issuing and writing the certificate. This takes a few seconds; do not unplug the token.`,
                    )
                  : t(
                      `Đang đặt lại PIN cho yêu cầu số ${running}. Xin đừng rút thiết bị.`,
                      `Resetting the PIN for request ${running}. Do not unplug the token.`,
                    )}
              </Space>
            }
          />
        )}
      </div>
      <ErrorAlert error={actionError} data-testid="station-error" />
      <Card title={t('Yêu cầu chờ thiết bị', 'Requests waiting for a device')} style={{ marginBottom: 16 }}>
        <Table<WaitingRequest>
          rowKey="request_id"
          size="middle"
          loading={loading && !data}
          columns={columns}
          dataSource={requests}
          scroll={{ x: true }}
          pagination={false}
          caption={<VisuallyHidden>{t('Các yêu cầu đã duyệt đang chờ thiết bị', 'Approved requests waiting for a device')}</VisuallyHidden>}
          locale={{ emptyText: t('Không có yêu cầu nào chờ thiết bị', 'No request is waiting for a device') }}
          data-testid="station-requests"
        />
      </Card>
      <Card title={t('Khe và thiết bị', 'Slots and tokens')}>
        <ErrorAlert error={moduleError} data-testid="station-module-error" />
        <SlotsTable slots={slots} loading={loading && !data} />
      </Card>
      {abandoning && (
        <AbandonModal
          request={abandoning}
          onClose={() => setAbandoning(undefined)}
          onDone={() => {
            setAbandoning(undefined);
            reload();
          }}
        />
      )}
      {shown && <ResultModal outcome={shown.outcome} action={shown.action} holder={shown.holder} onDismiss={dismiss} />}
    </>
  );
}
