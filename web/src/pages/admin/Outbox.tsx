// "/admin/outbox" for the administrator: the outbox's counts, its mails oldest first (GET
// /api/v1/outbox) filtered by state and recipient, "load more" after the last id, and a retry for
// a failed mail. The filter lives in the URL, so a view can be shared.
import { DownOutlined, SearchOutlined } from '@ant-design/icons';
import { App, Button, Card, Col, Form, Input, Row, Select, Space, Statistic, Typography } from 'antd';
import { useEffect } from 'react';
import { useSearchParams } from 'react-router-dom';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useErrorMessage } from '../../components/useErrorMessage';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { mailStateLabel } from '../../lib/labels';
import { useBusyKey } from '../../lib/useBusy';
import { MAIL_STATE_FILTERS, parseStateFilter, type Counts } from './outbox';
import { OutboxTable } from './OutboxTable';
import { useOutbox } from './useOutbox';

interface FilterValues {
  state: string;
  recipient: string;
}

function CountCards({ counts }: { counts: Counts | undefined }) {
  const { lang, t } = useLang();
  const cards: { key: keyof Counts; title: string; color?: string }[] = [
    { key: 'queued', title: t('Chờ gửi', 'Queued') },
    { key: 'sent', title: t('Đã gửi', 'Sent') },
    { key: 'failed', title: t('Gửi lỗi', 'Failed'), color: counts?.failed ? '#cf1322' : undefined },
    { key: 'events_pending', title: t('Sự kiện chưa tạo thư', 'Events not yet mailed') },
  ];
  return (
    <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
      {cards.map((c) => (
        <Col key={c.key} xs={12} md={6}>
          <Card size="small" data-testid={`outbox-count-${c.key}`}>
            <Statistic
              title={c.title}
              value={counts ? formatNumber(counts[c.key], lang) : '—'}
              valueStyle={c.color ? { color: c.color } : undefined}
            />
          </Card>
        </Col>
      ))}
    </Row>
  );
}

export function Outbox() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const [params, setParams] = useSearchParams();
  const [form] = Form.useForm<FilterValues>();
  const state = parseStateFilter(params.get('state'));
  const recipient = params.get('recipient') ?? '';
  const { rows, counts, error, loading, loadMore, retry } = useOutbox({ state, recipient: recipient || undefined });
  const [retrying, run] = useBusyKey<number>();

  useEffect(() => {
    form.setFieldsValue({ state: state ?? '', recipient });
  }, [form, state, recipient]);

  const apply = (v: FilterValues) => {
    const next = new URLSearchParams();
    if (parseStateFilter(v.state)) next.set('state', v.state);
    if (v.recipient?.trim()) next.set('recipient', v.recipient.trim());
    setParams(next);
  };

  const onRetry = (id: number) =>
    run(
      id,
      async () => {
        await retry(id);
        message.success(t(`Đã đưa thư số ${id} vào hàng đợi gửi lại`, `Mail ${id} is queued again`));
      },
      showError,
    );

  const items = rows?.items ?? [];
  return (
    <>
      <PageTitle>{t('Hộp thư đi', 'Outbox')}</PageTitle>
      <CountCards counts={counts} />
      <Card size="small" style={{ marginBottom: 16 }}>
        <Form form={form} name="outbox-filter" layout="inline" onFinish={apply} aria-label={t('Lọc hộp thư đi', 'Filter the outbox')}>
          <Form.Item name="state" label={t('Trạng thái', 'State')} style={{ marginBottom: 8 }}>
            <Select
              data-testid="outbox-filter-state"
              style={{ minWidth: 160 }}
              onChange={() => form.submit()}
              options={[
                { value: '', label: t('Tất cả', 'All') },
                ...MAIL_STATE_FILTERS.map((s) => ({ value: s, label: mailStateLabel(s, lang) })),
              ]}
            />
          </Form.Item>
          <Form.Item name="recipient" label={t('Người nhận', 'Recipient')} style={{ marginBottom: 8 }}>
            <Input allowClear inputMode="email" autoComplete="off" data-testid="outbox-filter-recipient" />
          </Form.Item>
          <Space>
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} data-testid="outbox-filter-apply">
              {t('Lọc', 'Filter')}
            </Button>
          </Space>
        </Form>
      </Card>
      <Typography.Title level={3} style={{ fontSize: 18 }} id="outbox-title">
        {t('Các thư, cũ nhất trước', 'Mails, oldest first')}
      </Typography.Title>
      <ErrorAlert error={error} />
      <OutboxTable items={items} loading={loading} retrying={retrying} onRetry={onRetry} labelledBy="outbox-title" />
      {rows?.hasMore && (
        <div style={{ textAlign: 'center', marginTop: 16 }}>
          <Button icon={<DownOutlined />} onClick={loadMore} loading={loading} data-testid="outbox-more">
            {t('Tải thêm', 'Load more')}
          </Button>
        </div>
      )}
    </>
  );
}
