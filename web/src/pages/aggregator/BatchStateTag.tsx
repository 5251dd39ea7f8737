import { Tag } from 'antd';
import { useLang } from '../../lib/i18n';

export function BatchStateTag({ state }: { state: string }) {
  const { t } = useLang();
  if (state === 'open') return <Tag color="blue" data-state="open">{t('Đang lập', 'Open')}</Tag>;
  if (state === 'submitted') return <Tag color="green" data-state="submitted">{t('Đã gửi', 'Submitted')}</Tag>;
  return <Tag data-state={state}>{state}</Tag>;
}
