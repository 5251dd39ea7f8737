// "Bỏ khỏi danh sách": the aggregator takes one request off an open batch
// (DELETE /api/v1/batches/{id}/requests/{request_id}); the request stays submitted, in no batch.
import { MinusCircleOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm } from 'antd';
import { api } from '../../api/client';
import type { Batch } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';

interface Props {
  batchId: number;
  requestId: number;
  onRemoved: (b: Batch) => void;
  onError: (e: unknown) => void;
}

export function RemoveFromBatchButton({ batchId, requestId, onRemoved, onError }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [busy, run] = useBusy();

  const remove = () => {
    onError(undefined);
    return run(async () => {
      const b = await api.del<Batch>(`/api/v1/batches/${batchId}/requests/${requestId}`);
      message.success(t(`Đã bỏ yêu cầu ${requestId} khỏi danh sách`, `Request ${requestId} taken off the batch`));
      onRemoved(b);
    }, onError);
  };

  return (
    <Popconfirm
      title={t(`Bỏ yêu cầu ${requestId} khỏi danh sách?`, `Take request ${requestId} off the batch?`)}
      description={t('Yêu cầu vẫn ở trạng thái đã gửi, chờ đưa vào danh sách khác.', 'It stays submitted, ready for another batch.')}
      okText={t('Bỏ khỏi danh sách', 'Take off')}
      cancelText={t('Thôi', 'Cancel')}
      okButtonProps={{ danger: true, 'data-testid': `batch-remove-confirm-${requestId}` }}
      onConfirm={remove}
    >
      <Button size="small" danger icon={<MinusCircleOutlined />} loading={busy} data-testid={`batch-remove-${requestId}`}>
        {t('Bỏ khỏi danh sách', 'Take off the batch')}
      </Button>
    </Popconfirm>
  );
}
