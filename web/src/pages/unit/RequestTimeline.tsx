// The request's history: who did what when, the state before and after, the comment and the
// reasons given per field.
import { Card, Empty, Timeline, Typography } from 'antd';
import type { TimelineEntry } from '../../api/types';
import { StateTag } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { fieldLabel } from '../../lib/labels';

const ACTIONS: Record<string, [string, string]> = {
  create: ['Tạo nháp', 'Created'],
  edit: ['Sửa', 'Edited'],
  submit: ['Gửi', 'Submitted'],
  forward: ['Chuyển cơ quan tiếp nhận', 'Forwarded'],
  batch_add: ['Đưa vào danh sách', 'Added to a batch'],
  batch_remove: ['Bỏ khỏi danh sách', 'Taken off a batch'],
  return: ['Trả lại', 'Returned'],
  approve: ['Phê duyệt', 'Approved'],
  reject: ['Từ chối', 'Rejected'],
  cancel: ['Hủy', 'Cancelled'],
  retry: ['Thực hiện lại', 'Retried'],
  complete: ['Hoàn thành', 'Completed'],
  fail: ['Lỗi thực hiện', 'Failed'],
};

const COLORS: Record<string, string> = { return: 'orange', reject: 'red', fail: 'red', cancel: 'gray', approve: 'green', complete: 'green' };

export function RequestTimeline({ entries }: { entries: TimelineEntry[] }) {
  const { lang, t } = useLang();
  const label = (a: string) => (ACTIONS[a] ? ACTIONS[a][lang === 'vi' ? 0 : 1] : a);
  return (
    <Card title={t('Diễn biến', 'Timeline')} style={{ marginBottom: 16 }} data-testid="request-timeline">
      {entries.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />
      ) : (
        <Timeline
          items={entries.map((e, i) => ({
            key: i,
            color: COLORS[e.action] ?? 'blue',
            children: (
              <div data-action={e.action}>
                <div>
                  <Typography.Text strong>{label(e.action)}</Typography.Text>{' '}
                  <Typography.Text type="secondary">
                    {e.at_vn} · {e.actor}
                  </Typography.Text>
                </div>
                {e.from && e.to && e.from !== e.to && (
                  <div style={{ marginTop: 4 }}>
                    <StateTag state={e.from} /> → <StateTag state={e.to} />
                  </div>
                )}
                {e.comment && <div style={{ marginTop: 4, whiteSpace: 'pre-wrap' }}>{e.comment}</div>}
                {Object.keys(e.field_reasons ?? {}).length > 0 && (
                  <ul style={{ margin: '4px 0 0', paddingLeft: 18 }}>
                    {Object.entries(e.field_reasons).map(([f, reason]) => (
                      <li key={f}>
                        <b>{fieldLabel(f, lang)}</b>: {reason}
                      </li>
                    ))}
                  </ul>
                )}
              </div>
            ),
          }))}
        />
      )}
    </Card>
  );
}
