// Days left until a round's deadline (dd/MM/yyyy, until the end of that day), or "quá hạn".
import { Tag } from 'antd';
import { useLang } from '../../lib/i18n';
import { deadlineStatus } from './batchHelpers';

export function DeadlineTag({ deadline }: { deadline: string }) {
  const { t } = useLang();
  const s = deadlineStatus(deadline);
  if (!s) return null;
  if (s.overdue)
    return (
      <Tag color="red" data-testid="deadline-overdue">
        {t(`Quá hạn ${s.daysLate} ngày`, `${s.daysLate} day(s) overdue`)}
      </Tag>
    );
  if (s.daysLeft === 0) return <Tag color="orange">{t('Hạn chót hôm nay', 'Due today')}</Tag>;
  return (
    <Tag color={s.daysLeft <= 3 ? 'orange' : 'green'}>
      {t(`Còn ${s.daysLeft} ngày`, `${s.daysLeft} day(s) left`)}
    </Tag>
  );
}
