// The dashboard's charts from GET /api/v1/statistics: certificates by organization, expiring in
// 30/60/90 days, requests by state and by age. Each sits in a ChartFigure (heading, caption,
// hidden table); a chart whose figures the server does not send yet is replaced by a note.
import { Alert, Col, Empty, Grid, Row } from 'antd';
import { Bar, BarChart, CartesianGrid, Cell, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Statistics } from '../../api/types';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { ChartFigure } from './ChartFigure';
import { ageSeries, expiringSeries, orgSeries, stateSeries, wrapLabel, type SeriesPoint } from './stats';

interface TickProps {
  x?: number;
  y?: number;
  payload?: { value: string };
  width: number;
}

/** A category label on several lines, so long Vietnamese names stay readable. */
function WrappedTick({ x = 0, y = 0, payload, width }: TickProps) {
  const lines = wrapLabel(payload?.value ?? '', width);
  const lh = 14;
  const top = y - ((lines.length - 1) * lh) / 2;
  return (
    <text x={x} y={top} textAnchor="end" fontSize={12} fill="#262626">
      {lines.map((l, i) => (
        <tspan key={i} x={x - 4} dy={i === 0 ? 4 : lh}>
          {l}
        </tspan>
      ))}
    </text>
  );
}

function Missing() {
  const { t } = useLang();
  return (
    <Alert
      type="info"
      showIcon
      message={t(
        'Máy chủ chưa cung cấp số liệu này (cần phiên bản mới hơn của chungthu).',
        'The server does not provide these figures yet (a newer chungthu is needed).',
      )}
    />
  );
}

function NoData() {
  const { t } = useLang();
  return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('Chưa có số liệu', 'No figures yet')} />;
}

function ColumnChart({ data, name }: { data: SeriesPoint[]; name: string }) {
  const { lang } = useLang();
  return (
    <ResponsiveContainer width="100%" height={240}>
      <BarChart data={data} margin={{ top: 20, right: 8, bottom: 8, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} />
        <XAxis dataKey="label" tick={{ fontSize: 12 }} interval={0} />
        <YAxis allowDecimals={false} width={40} tick={{ fontSize: 12 }} />
        <Tooltip formatter={(v: number) => formatNumber(v, lang)} />
        <Bar dataKey="value" name={name} isAnimationActive={false} label={{ position: 'top', fontSize: 12 }}>
          {data.map((p) => (
            <Cell key={p.key} fill={p.color ?? '#1677ff'} />
          ))}
        </Bar>
      </BarChart>
    </ResponsiveContainer>
  );
}

export function StatsCharts({ stats }: { stats: Statistics }) {
  const { lang, t } = useLang();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.sm;
  const orgs = orgSeries(stats, 10);
  const expiring = expiringSeries(stats, lang);
  const states = stateSeries(stats, lang);
  const ages = ageSeries(stats, lang);
  const labelChars = narrow ? 16 : 30;
  const axisWidth = narrow ? 118 : 210;
  const countLabel = t('Số lượng', 'Count');

  return (
    <Row gutter={[16, 16]}>
      <Col xs={24} xl={12}>
        <ChartFigure
          id="by-org"
          title={t('Chứng thư còn hiệu lực theo cơ quan (10 cơ quan nhiều nhất)', 'Valid certificates by organization (top 10)')}
          caption={t(
            'Số chứng thư còn hiệu lực của thuê bao mỗi cơ quan, và số sẽ hết hạn trong 90 ngày.',
            'Valid certificates of each organization’s subscribers, and how many end within 90 days.',
          )}
          columns={[t('Cơ quan', 'Organization'), t('Còn hiệu lực', 'Valid'), t('Hết hạn trong 90 ngày', 'Ending within 90 days')]}
          rows={(orgs ?? []).map((o) => ({ label: o.name, values: [o.valid, o.expiring90] }))}
        >
          {orgs === null ? (
            <Missing />
          ) : orgs.length === 0 ? (
            <NoData />
          ) : (
            <ResponsiveContainer width="100%" height={Math.max(160, orgs.length * 52 + 60)}>
              <BarChart data={orgs} layout="vertical" margin={{ top: 4, right: 16, bottom: 4, left: 4 }} barGap={2}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="name" width={axisWidth} interval={0} tick={<WrappedTick width={labelChars} />} />
                <Tooltip formatter={(v: number) => formatNumber(v, lang)} />
                <Legend wrapperStyle={{ fontSize: 12 }} />
                <Bar dataKey="valid" name={t('Còn hiệu lực', 'Valid')} fill="#389e0d" isAnimationActive={false} label={{ position: 'right', fontSize: 11 }} />
                <Bar dataKey="expiring90" name={t('Hết hạn trong 90 ngày', 'Ending within 90 days')} fill="#d46b08" isAnimationActive={false} />
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartFigure>
      </Col>
      <Col xs={24} xl={12}>
        <Row gutter={[16, 16]}>
          <Col xs={24} md={12} xl={24}>
            <ChartFigure
              id="expiring"
              title={t('Chứng thư sắp hết hạn', 'Certificates ending soon')}
              caption={t(
                'Chứng thư còn hiệu lực sẽ hết hạn trong 30, 60 và 90 ngày tới (mỗi mốc gồm cả mốc trước).',
                'Valid certificates ending within the next 30, 60 and 90 days (each includes the earlier ones).',
              )}
              columns={[t('Thời hạn', 'Within'), countLabel]}
              rows={expiring.map((p) => ({ label: p.label, values: [p.value] }))}
            >
              <ColumnChart data={expiring} name={t('Chứng thư', 'Certificates')} />
            </ChartFigure>
          </Col>
          <Col xs={24} md={12} xl={24}>
            <ChartFigure
              id="by-age"
              title={t('Yêu cầu đang mở theo thời gian chờ', 'Open requests by age')}
              caption={t(
                'Số ngày kể từ khi lập yêu cầu, với các yêu cầu chưa kết thúc.',
                'Days since each request not yet finished was created.',
              )}
              columns={[t('Thời gian', 'Age'), countLabel]}
              rows={(ages ?? []).map((p) => ({ label: p.label, values: [p.value] }))}
            >
              {ages === null ? <Missing /> : <ColumnChart data={ages} name={t('Yêu cầu', 'Requests')} />}
            </ChartFigure>
          </Col>
        </Row>
      </Col>
      <Col xs={24}>
        <ChartFigure
          id="by-state"
          title={t('Yêu cầu theo trạng thái', 'Requests by state')}
          caption={t('Mọi yêu cầu trong phạm vi của bạn, theo trạng thái hiện tại.', 'All requests in your scope, by their current state.')}
          columns={[t('Trạng thái', 'State'), countLabel]}
          rows={states.map((p) => ({ label: p.label, values: [p.value] }))}
        >
          {states.length === 0 ? (
            <NoData />
          ) : (
            <ResponsiveContainer width="100%" height={Math.max(140, states.length * 36 + 40)}>
              <BarChart data={states} layout="vertical" margin={{ top: 4, right: 24, bottom: 4, left: 4 }}>
                <CartesianGrid strokeDasharray="3 3" horizontal={false} />
                <XAxis type="number" allowDecimals={false} tick={{ fontSize: 12 }} />
                <YAxis type="category" dataKey="label" width={narrow ? 118 : 200} interval={0} tick={<WrappedTick width={narrow ? 16 : 30} />} />
                <Tooltip formatter={(v: number) => formatNumber(v, lang)} />
                <Bar dataKey="value" name={t('Yêu cầu', 'Requests')} isAnimationActive={false} label={{ position: 'right', fontSize: 12 }}>
                  {states.map((p) => (
                    <Cell key={p.key} fill={p.color ?? '#1677ff'} />
                  ))}
                </Bar>
              </BarChart>
            </ResponsiveContainer>
          )}
        </ChartFigure>
      </Col>
    </Row>
  );
}
