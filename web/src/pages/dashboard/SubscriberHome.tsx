// A subscriber's home: their own certificates (status, end date, download) and requests.
import { DownloadOutlined } from '@ant-design/icons';
import { Card, Col, List, Row, Space, Statistic, Tag, Typography } from 'antd';
import { Link } from 'react-router-dom';
import { api } from '../../api/client';
import type { Certificate, CertRequest, Page } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CertStatusTag, PageTitle, StateTag } from '../../components/Status';
import { daysUntil, formatDate, formatNumber, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { FINAL_STATES, typeLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';

export function SubscriberHome() {
  const { lang, t } = useLang();
  const certs = useApi(() => api.get<Page<Certificate>>('/api/v1/certificates', { limit: 100 }), []);
  const reqs = useApi(() => api.get<Page<CertRequest>>('/api/v1/requests', { limit: 100 }), []);
  const certItems = certs.data?.items ?? [];
  const reqItems = reqs.data?.items ?? [];
  const valid = certItems.filter((c) => c.status === 'valid').length;
  const open = reqItems.filter((r) => !FINAL_STATES.includes(r.state)).length;

  return (
    <>
      <PageTitle>{t('Tổng quan', 'Overview')}</PageTitle>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="kpi-my-valid">
            <Statistic title={t('Chứng thư còn hiệu lực', 'Valid certificates')} value={formatNumber(valid, lang)} />
          </Card>
        </Col>
        <Col xs={12} md={6}>
          <Card size="small" data-testid="kpi-my-open">
            <Statistic title={t('Yêu cầu chưa kết thúc', 'Open requests')} value={formatNumber(open, lang)} />
          </Card>
        </Col>
      </Row>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={12}>
          <Card title={t('Chứng thư của tôi', 'My certificates')} extra={<Link to="/certificates">{t('Xem tất cả', 'See all')}</Link>}>
            <ErrorAlert error={certs.error} />
            <List
              loading={certs.loading}
              dataSource={certItems}
              locale={{ emptyText: t('Bạn chưa có chứng thư số nào', 'You have no certificates yet') }}
              renderItem={(c) => {
                const days = daysUntil(c.not_after);
                return (
                  <List.Item
                    key={c.serial}
                    actions={[
                      <a key="pem" href={`/api/v1/public/certificates/${c.serial}.pem`} download aria-label={t(`Tải chứng thư ${c.serial} dạng PEM`, `Download certificate ${c.serial} as PEM`)}>
                        <DownloadOutlined /> .pem
                      </a>,
                    ]}
                  >
                    <Space direction="vertical" size={2}>
                      <Space wrap>
                        <b>{c.common_name}</b>
                        <CertStatusTag status={c.status} />
                      </Space>
                      <Typography.Text code style={{ fontSize: 12 }}>
                        {formatSerial(c.serial)}
                      </Typography.Text>
                      <span>
                        {t('Hiệu lực', 'Valid')}: {formatDate(c.not_before)} – {formatDate(c.not_after)}
                        {c.status === 'valid' && days !== null && days <= 90 && (
                          <Tag color={days <= 30 ? 'red' : 'orange'} style={{ marginInlineStart: 8 }}>
                            {t(`còn ${days} ngày`, `${days} days left`)}
                          </Tag>
                        )}
                      </span>
                    </Space>
                  </List.Item>
                );
              }}
            />
          </Card>
        </Col>
        <Col xs={24} lg={12}>
          <Card title={t('Yêu cầu của tôi', 'My requests')} extra={<Link to="/requests">{t('Xem tất cả', 'See all')}</Link>}>
            <ErrorAlert error={reqs.error} />
            <List
              loading={reqs.loading}
              dataSource={reqItems}
              locale={{ emptyText: t('Chưa có yêu cầu nào', 'No requests yet') }}
              renderItem={(r) => (
                <List.Item key={r.id}>
                  <Space wrap>
                    <Link to={`/requests/${r.id}`}>#{r.id}</Link>
                    <span>{typeLabel(r.type, lang)}</span>
                    <StateTag state={r.state} />
                    <span style={{ color: '#595959' }}>{formatDate(r.created_at)}</span>
                  </Space>
                </List.Item>
              )}
            />
          </Card>
        </Col>
      </Row>
    </>
  );
}
