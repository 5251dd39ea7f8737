// "Đợt đăng ký": the registration rounds in scope with their deadline and days left; the
// aggregator and the registration office open new ones here.
import { Button, Grid, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import type { Round } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { clientPages } from '../../lib/paging';
import { useOrgNames } from '../../lib/useOrgNames';
import { DeadlineTag } from './DeadlineTag';
import { NewRoundForm } from './NewRoundForm';
import { useRounds } from './useRounds';

export function RoundsPage() {
  const { t } = useLang();
  const { hasRole } = useSession();
  const canOpen = hasRole('aggregator', 'ra_officer');
  const narrow = !Grid.useBreakpoint().md;
  const [showForm, setShowForm] = useState(false);
  const { data, error, loading, reload } = useRounds();
  const orgNames = useOrgNames();

  return (
    <>
      <PageTitle
        extra={
          canOpen && (
            <Button type={showForm ? 'default' : 'primary'} onClick={() => setShowForm((s) => !s)} data-testid="round-new" aria-expanded={showForm}>
              {showForm ? t('Đóng biểu mẫu', 'Close the form') : t('Mở đợt', 'Open a round')}
            </Button>
          )
        }
      >
        {t('Đợt đăng ký', 'Registration rounds')}
      </PageTitle>
      {canOpen && showForm && (
        <NewRoundForm
          orgNames={orgNames}
          onOpened={() => {
            setShowForm(false);
            reload();
          }}
        />
      )}
      <ErrorAlert error={error} />
      <Table<Round>
        rowKey="id"
        loading={loading}
        dataSource={data ?? []}
        scroll={{ x: true }}
        pagination={clientPages(20)}
        caption={t('Các đợt đăng ký trong phạm vi của bạn', 'Rounds in your scope')}
        columns={
          narrow
            ? [
                {
                  title: t('Đợt', 'Round'),
                  key: 'round',
                  render: (_: unknown, r) => (
                    <div>
                      <div style={{ fontWeight: 600 }}>
                        {r.id}. {r.name}
                      </div>
                      <Typography.Text type="secondary">{orgNames.get(r.org_id) ?? `#${r.org_id}`}</Typography.Text>
                      {r.allow_late && (
                        <div>
                          <Tag color="gold">{t('Nhận nộp muộn', 'Late entries allowed')}</Tag>
                        </div>
                      )}
                    </div>
                  ),
                },
                {
                  title: t('Hạn chót', 'Deadline'),
                  dataIndex: 'deadline',
                  render: (d: string) => (
                    <div>
                      {d}
                      <div>
                        <DeadlineTag deadline={d} />
                      </div>
                    </div>
                  ),
                },
              ]
            : [
                { title: t('Số', 'No.'), dataIndex: 'id', width: 70 },
                { title: t('Tên đợt', 'Name'), dataIndex: 'name' },
                {
                  title: t('Cơ quan', 'Organization'),
                  dataIndex: 'org_id',
                  render: (id: number) => orgNames.get(id) ?? `#${id}`,
                },
                {
                  title: t('Hạn chót', 'Deadline'),
                  dataIndex: 'deadline',
                  render: (d: string) => (
                    <span style={{ whiteSpace: 'nowrap' }}>
                      {d} <DeadlineTag deadline={d} />
                    </span>
                  ),
                },
                {
                  title: t('Nộp muộn', 'Late entries'),
                  dataIndex: 'allow_late',
                  render: (v: boolean) => (v ? <Tag color="gold">{t('Cho phép', 'Allowed')}</Tag> : <Tag>{t('Không', 'No')}</Tag>),
                },
              ]
        }
      />
    </>
  );
}
