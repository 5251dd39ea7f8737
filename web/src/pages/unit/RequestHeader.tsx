// The request's header: type and form, state, person, organization, who created it, dates, the
// batch, the flags, the certificate issued, what an approved request waits for, approvals.
import { Card, Descriptions, Space, Tag } from 'antd';
import { Link } from 'react-router-dom';
import type { CertRequest } from '../../api/types';
import { useSession } from '../../auth/session';
import { StateTag } from '../../components/Status';
import { formatDateTime, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { OrgName } from './OrgName';
import { RequestFlags } from './RequestsTable';
import { RequestTypeLabel } from './RequestTypeLabel';

const PEOPLE_ROLES = ['unit_manager', 'aggregator', 'admin', 'subscriber'];

export function RequestHeader({ request: r }: { request: CertRequest }) {
  const { t } = useLang();
  const { user } = useSession();
  // Sent by the server, not yet in the shared type.
  const due = r as CertRequest & { due_date?: string; decided_at?: string };
  const awaiting =
    r.awaiting === 'device'
      ? t('Chờ thiết bị lưu khóa (PKCS#11)', 'Waiting for the key device (PKCS#11)')
      : r.awaiting || (r.state === 'forwarded' && (r.approvals?.length ?? 0) > 0 ? t('Chờ phê duyệt lần 2', 'Waiting for a second approval') : '');
  return (
    <Card style={{ marginBottom: 16 }} data-testid="request-header">
      <Descriptions size="small" column={{ xs: 1, sm: 2, lg: 3 }}>
        <Descriptions.Item label={t('Loại yêu cầu', 'Type')}>
          <RequestTypeLabel type={r.type} form={r.form} />
        </Descriptions.Item>
        <Descriptions.Item label={t('Trạng thái', 'State')}>
          <Space size={4} wrap>
            <StateTag state={r.state} />
            <RequestFlags r={r} />
          </Space>
        </Descriptions.Item>
        <Descriptions.Item label={t('Người đề nghị', 'Person')}>
          {user && PEOPLE_ROLES.includes(user.role) ? (
            <Link to={`/people/${r.subscriber_id}`}>{r.data.subject.full_name}</Link>
          ) : (
            r.data.subject.full_name
          )}
        </Descriptions.Item>
        <Descriptions.Item label={t('Cơ quan', 'Organization')}>
          <OrgName id={r.org_id} />
        </Descriptions.Item>
        <Descriptions.Item label={t('Người tạo', 'Created by')}>{r.created_by}</Descriptions.Item>
        <Descriptions.Item label={t('Tạo lúc', 'Created')}>{formatDateTime(r.created_at)}</Descriptions.Item>
        {r.submitted_at && <Descriptions.Item label={t('Gửi lúc', 'Submitted')}>{formatDateTime(r.submitted_at)}</Descriptions.Item>}
        {due.due_date && <Descriptions.Item label={t('Hạn xử lý', 'Decision due')}>{due.due_date}</Descriptions.Item>}
        {due.decided_at && <Descriptions.Item label={t('Quyết định lúc', 'Decided')}>{formatDateTime(due.decided_at)}</Descriptions.Item>}
        {r.batch_id !== null && r.batch_id !== undefined && (
          <Descriptions.Item label={t('Danh sách', 'Batch')}>
            <Link to={`/batches/${r.batch_id}`} data-testid="request-batch-link">
              {t(`Danh sách số ${r.batch_id}`, `Batch ${r.batch_id}`)}
            </Link>
          </Descriptions.Item>
        )}
        {r.result_serial && (
          <Descriptions.Item label={t('Chứng thư đã cấp', 'Certificate issued')}>
            <Link to={`/certificates?q=${encodeURIComponent(r.result_serial)}`} style={{ fontFamily: 'monospace' }} data-testid="request-result-serial">
              {formatSerial(r.result_serial)}
            </Link>
          </Descriptions.Item>
        )}
        {awaiting && (
          <Descriptions.Item label={t('Đang chờ', 'Waiting for')}>
            <Tag color="gold">{awaiting}</Tag>
          </Descriptions.Item>
        )}
        {(r.approvals?.length ?? 0) > 0 && (
          <Descriptions.Item label={t('Đã phê duyệt', 'Approved by')}>{r.approvals!.join(', ')}</Descriptions.Item>
        )}
      </Descriptions>
    </Card>
  );
}
