// A certificate's end date with the days left, coloured red/orange/gold under 30/60/90 days.
import { Tag } from 'antd';
import { daysUntil, formatDate } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { daysLeftText, expiryColor } from './certs';

export function ExpiryText({ notAfter, status }: { notAfter: string; status?: string }) {
  const { lang } = useLang();
  const days = daysUntil(notAfter);
  const live = !status || status === 'valid' || status === 'hold';
  const color = live ? expiryColor(days) : undefined;
  return (
    <span style={{ whiteSpace: 'nowrap' }}>
      {formatDate(notAfter)}{' '}
      {live && days !== null && (
        <Tag color={color} data-days-left={days}>
          {daysLeftText(days, lang)}
        </Tag>
      )}
    </span>
  );
}
