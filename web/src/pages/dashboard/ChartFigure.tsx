// A chart with a heading, a caption and the same numbers as a visually hidden table, so screen
// readers (and anyone who cannot read the bars) get the figures.
import { Card, Typography } from 'antd';
import type { CSSProperties, ReactNode } from 'react';
import { useLang } from '../../lib/i18n';
import { formatNumber } from '../../lib/format';

export const visuallyHidden: CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  padding: 0,
  margin: -1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
  border: 0,
};

export interface FigureRow {
  label: string;
  values: number[];
}

interface Props {
  id: string;
  title: string;
  caption: string;
  /** Column headings of the hidden table: first the label column, then one per value. */
  columns: string[];
  rows: FigureRow[];
  children: ReactNode;
  extra?: ReactNode;
}

export function ChartFigure({ id, title, caption, columns, rows, children, extra }: Props) {
  const { lang } = useLang();
  const summary = rows.map((r) => `${r.label}: ${r.values.map((v) => formatNumber(v, lang)).join(' / ')}`).join('; ');
  return (
    <Card style={{ height: '100%' }} styles={{ body: { padding: 16 } }} data-testid={`chart-${id}`}>
      <figure style={{ margin: 0 }} aria-labelledby={`${id}-title`}>
        <Typography.Title level={3} id={`${id}-title`} style={{ fontSize: 16, marginTop: 0 }}>
          {title}
        </Typography.Title>
        <div role="img" aria-label={`${title}. ${summary}`}>
          {children}
        </div>
        <figcaption style={{ color: '#595959', fontSize: 13, marginTop: 8 }}>{caption}</figcaption>
        {extra}
        <div style={visuallyHidden}>
          <table>
            <caption>{title}</caption>
            <thead>
              <tr>
                {columns.map((c) => (
                  <th key={c} scope="col">
                    {c}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {rows.map((r) => (
                <tr key={r.label}>
                  <th scope="row">{r.label}</th>
                  {r.values.map((v, i) => (
                    <td key={i}>{formatNumber(v, lang)}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </figure>
    </Card>
  );
}
