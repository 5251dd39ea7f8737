// "/lookup" for anyone: one box for a serial, an e-mail or words of a name (diacritics optional),
// GET /api/v1/public/certificates?serial=|email=|q=. The query stays in the URL (?q=) to share.
import { SearchOutlined } from '@ant-design/icons';
import { Alert, Button, Empty, Form, Input, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { api } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { PAGE_SIZE } from '../../lib/paging';
import { useBusy } from '../../lib/useBusy';
import { CertCard } from './CertCard';
import { detectQuery, type LookupQuery } from './lookup';
import type { PublicCertificate, PublicPage } from './types';

function fetchPage(q: LookupQuery, offset: number): Promise<PublicPage> {
  return api.get<PublicPage>('/api/v1/public/certificates', { [q.kind]: q.value, limit: PAGE_SIZE, offset });
}

export function Lookup() {
  const { lang, t } = useLang();
  const [params, setParams] = useSearchParams();
  const text = params.get('q') ?? '';
  const [input, setInput] = useState(text);
  const [items, setItems] = useState<PublicCertificate[]>([]);
  const [hasMore, setHasMore] = useState(false);
  const [loading, setLoading] = useState(false);
  const [loadingMore, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [done, setDone] = useState(false);
  const query = detectQuery(text);

  useEffect(() => {
    setInput(text);
    setItems([]);
    setHasMore(false);
    setError(undefined);
    setDone(false);
    const q = detectQuery(text);
    if (!q) return;
    let live = true;
    setLoading(true);
    fetchPage(q, 0)
      .then((p) => {
        if (!live) return;
        setItems(p.items);
        setHasMore(!!p.has_more);
      })
      .catch((e) => live && setError(e))
      .finally(() => {
        if (!live) return;
        setLoading(false);
        setDone(true);
      });
    return () => {
      live = false;
    };
  }, [text]);

  const more = async () => {
    if (!query) return;
    await run(async () => {
      const p = await fetchPage(query, items.length);
      setItems((old) => [...old, ...p.items]);
      setHasMore(!!p.has_more);
    }, setError);
  };

  const kindText =
    query?.kind === 'serial'
      ? t('theo số hiệu', 'by serial')
      : query?.kind === 'email'
        ? t('theo thư điện tử', 'by e-mail')
        : t('theo họ tên', 'by name');

  return (
    <>
      <PageTitle>{t('Tra cứu chứng thư số', 'Certificate lookup')}</PageTitle>
      <Form
        layout="vertical"
        onFinish={() => {
          const v = input.trim();
          setParams(v ? { q: v } : {});
        }}
        style={{ maxWidth: 720 }}
      >
        <Form.Item
          label={t('Số hiệu, thư điện tử hoặc họ tên', 'Serial, e-mail or name')}
          htmlFor="lookup-input"
          extra={t(
            'Ví dụ: "nguyen huu" (gõ không dấu cũng được), cuong.nh23@bacninh.gov.vn hoặc số hiệu E2BE1525….',
            'E.g. "nguyen huu" (diacritics optional), cuong.nh23@bacninh.gov.vn or a serial such as E2BE1525….',
          )}
        >
          <Space.Compact style={{ width: '100%' }}>
            <Input
              id="lookup-input"
              data-testid="lookup-input"
              value={input}
              onChange={(e) => setInput(e.target.value)}
              allowClear
              autoComplete="off"
              size="large"
            />
            <Button type="primary" htmlType="submit" icon={<SearchOutlined />} size="large" data-testid="lookup-submit" loading={loading && items.length === 0}>
              {t('Tra cứu', 'Search')}
            </Button>
          </Space.Compact>
        </Form.Item>
      </Form>
      <ErrorAlert error={error} />
      {loading && items.length === 0 && <Spin style={{ display: 'block', margin: '32px auto' }} />}
      {done && query && !error && (
        <Typography.Paragraph aria-live="polite" data-testid="lookup-count">
          {items.length === 0
            ? ''
            : t(
                `${formatNumber(items.length, lang)}${hasMore ? '+' : ''} chứng thư ${kindText} "${query.value}"`,
                `${formatNumber(items.length, lang)}${hasMore ? '+' : ''} certificate${items.length === 1 && !hasMore ? '' : 's'} ${kindText} "${query.value}"`,
              )}
        </Typography.Paragraph>
      )}
      {done && query && !error && items.length === 0 && (
        <Empty description={t(`Không tìm thấy chứng thư nào ${kindText} "${query.value}"`, `No certificate found ${kindText} "${query.value}"`)} />
      )}
      <Space direction="vertical" size={12} style={{ width: '100%' }}>
        {items.map((c) => (
          <CertCard key={c.serial} c={c} />
        ))}
      </Space>
      {hasMore && (
        <Alert
          type="info"
          showIcon
          style={{ marginTop: 16 }}
          data-testid="lookup-has-more"
          message={t('Còn nhiều kết quả khác. Hãy nhập cụ thể hơn, hoặc xem thêm.', 'There are more results. Be more specific, or show more.')}
          action={
            <Button onClick={more} loading={loadingMore} data-testid="lookup-more">
              {t('Xem thêm', 'Show more')}
            </Button>
          }
        />
      )}
    </>
  );
}
