// The headline figures of the dashboard, one card each.
import { Card, Col, Row, Statistic } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';
import type { Kpis } from './stats';

interface Item {
  id: string;
  title: string;
  value: number;
  color?: string;
  hint?: ReactNode;
}

export function KpiCards({ k }: { k: Kpis }) {
  const { lang, t } = useLang();
  const items: Item[] = [
    { id: 'valid', title: t('Chứng thư còn hiệu lực', 'Valid certificates'), value: k.valid, color: '#389e0d' },
    { id: 'expiring-30', title: t('Hết hạn trong 30 ngày', 'Ending within 30 days'), value: k.expiring30, color: k.expiring30 ? '#cf1322' : undefined },
    { id: 'expiring-60', title: t('Hết hạn trong 60 ngày', 'Ending within 60 days'), value: k.expiring60, color: k.expiring60 ? '#d46b08' : undefined },
    { id: 'expiring-90', title: t('Hết hạn trong 90 ngày', 'Ending within 90 days'), value: k.expiring90 },
    { id: 'open', title: t('Yêu cầu chưa kết thúc', 'Open requests'), value: k.open, color: '#1677ff' },
    { id: 'overdue', title: t('Quá hạn xử lý', 'Overdue decisions'), value: k.overdue, color: k.overdue ? '#cf1322' : undefined },
  ];
  return (
    <section aria-label={t('Số liệu chính', 'Key figures')}>
      <Row gutter={[12, 12]} style={{ marginBottom: 16 }}>
        {items.map((i) => (
          <Col key={i.id} xs={12} md={8} xl={4}>
            <Card size="small" style={{ height: '100%' }} data-testid={`kpi-${i.id}`}>
              <Statistic
                title={i.title}
                value={i.value}
                formatter={(v) => formatNumber(Number(v), lang)}
                valueStyle={{ color: i.color, fontWeight: 600 }}
              />
            </Card>
          </Col>
        ))}
      </Row>
    </section>
  );
}
