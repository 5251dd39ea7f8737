// "Gửi danh sách": the aggregator forwards the batch to the registration office after a
// confirmation. The server checks every request again and refuses the whole batch if any has
// errors; the refused requests are then listed with their findings.
import { RollbackOutlined, SendOutlined } from '@ant-design/icons';
import { Alert, App, Button, Form, Input, Modal, Table, Typography } from 'antd';
import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { ApiError, api } from '../../api/client';
import type { Batch, CertRequest } from '../../api/types';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { FindingList, RequestLink } from '../../components/requestColumns';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { blockedRequestIds, deadlineStatus, refusalFindings } from './batchHelpers';

export interface SubmitRefusal {
  error: unknown;
  blocked: number[];
}

export function SubmitBatchButton({
  batch,
  requests,
  deadline,
  allowLate,
  onDone,
}: {
  batch: Batch;
  requests: CertRequest[];
  deadline?: string;
  allowLate?: boolean;
  onDone: (refusal: SubmitRefusal | null) => void;
}) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [open, setOpen] = useState(false);
  const [comment, setComment] = useState('');
  const [busy, run] = useBusy();
  const late = deadline ? deadlineStatus(deadline)?.overdue === true : false;

  const submit = () =>
    run(
      async () => {
        const b = await api.post<Batch>(`/api/v1/batches/${batch.id}/submit`, comment.trim() ? { comment: comment.trim() } : {});
        message.success(
          t(`Đã gửi danh sách ${b.id} tới cơ quan tiếp nhận (${b.requests} yêu cầu)`, `Batch ${b.id} sent to the registration office (${b.requests} requests)`),
        );
        setOpen(false);
        onDone(null);
      },
      (e) => {
        const blocked = e instanceof ApiError ? blockedRequestIds(e.problem, requests.map((r) => r.id)) : [];
        setOpen(false);
        onDone({ error: e, blocked });
      },
    );

  return (
    <>
      <Button type="primary" icon={<SendOutlined />} onClick={() => setOpen(true)} disabled={!requests.length} data-testid="batch-submit">
        {t('Gửi danh sách', 'Submit the batch')}
      </Button>
      <Modal
        open={open}
        title={t(`Gửi danh sách ${batch.id}?`, `Submit batch ${batch.id}?`)}
        onCancel={() => setOpen(false)}
        onOk={submit}
        okText={t('Gửi danh sách', 'Submit')}
        cancelText={t('Hủy', 'Cancel')}
        confirmLoading={busy}
        okButtonProps={{ 'data-testid': 'batch-submit-confirm' } as ButtonProps}
      >
        <p>
          {t(
            `${requests.length} yêu cầu sẽ được kiểm tra lại và chuyển tới cơ quan tiếp nhận. Nếu một yêu cầu còn lỗi, cả danh sách không được gửi.`,
            `${requests.length} request(s) will be checked again and forwarded to the registration office. If any has errors, nothing is sent.`,
          )}
        </p>
        {late && (
          <Alert
            type={allowLate ? 'warning' : 'error'}
            showIcon
            style={{ marginBottom: 12 }}
            message={
              allowLate
                ? t(`Đã quá hạn chót ${deadline}: danh sách sẽ được đánh dấu nộp muộn.`, `The deadline ${deadline} has passed: the batch will be flagged late.`)
                : t(`Đã quá hạn chót ${deadline} và đợt không nhận nộp muộn.`, `The deadline ${deadline} has passed and the round accepts no late entries.`)
            }
          />
        )}
        <Form layout="vertical">
          <Form.Item label={t('Ghi chú gửi kèm (không bắt buộc)', 'Covering note (optional)')} htmlFor="batch-submit-comment">
            <Input.TextArea id="batch-submit-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="batch-submit-comment" />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}

/** The server's one-line reason (its title; the detail repeats it with the field name). */
function refusalTitle(e: unknown, lang: 'vi' | 'en'): string {
  if (!(e instanceof ApiError)) return errorText(e, lang);
  const p = e.problem;
  return (lang === 'vi' ? p.title || p.detail : p.title_en || p.detail_en) || e.text(lang);
}

/** The refused submission: the server's message and each blocking request with its findings. */
export function SubmitRefusalView({
  refusal,
  requests,
  onReturn,
}: {
  refusal: SubmitRefusal;
  requests: CertRequest[];
  onReturn: (r: CertRequest) => void;
}) {
  const { lang, t } = useLang();
  const problem = refusal.error instanceof ApiError ? refusal.error.problem : undefined;
  const findingsOf = (r: CertRequest) => {
    const fresh = problem ? refusalFindings(problem, r.id) : [];
    return fresh.length ? fresh : r.findings ?? [];
  };
  const findingsCell = (r: CertRequest) =>
    findingsOf(r).some((f) => f.severity === 'error') ? (
      <FindingList findings={findingsOf(r)} lang={lang} onlyErrors />
    ) : (
      <Typography.Text type="danger">
        {t('Lỗi phát hiện khi kiểm tra lại; mở yêu cầu để xem chi tiết.', 'Found when checked again; open the request for details.')}
      </Typography.Text>
    );
  const actionCell = (r: CertRequest) =>
    r.state === 'submitted' && r.batch_id ? (
      <Button size="small" icon={<RollbackOutlined />} onClick={() => onReturn(r)} data-testid={`refusal-return-${r.id}`}>
        {t('Trả lại đơn vị', 'Return to unit')}
      </Button>
    ) : (
      '—'
    );
  const rows = refusal.blocked.map((id) => requests.find((r) => r.id === id) ?? ({ id, findings: [] } as unknown as CertRequest));
  return (
    <div data-testid="batch-submit-refusal" style={{ marginBottom: 16 }}>
      {rows.length ? (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 8 }}
          message={t('Danh sách chưa được gửi: cả danh sách bị từ chối vì có yêu cầu còn lỗi.', 'The batch was not sent: it is refused as a whole because some requests have errors.')}
          description={refusalTitle(refusal.error, lang)}
        />
      ) : (
        <ErrorAlert error={refusal.error} />
      )}
      {rows.length > 0 && (
        <Table<CertRequest>
          rowKey="id"
          size="small"
          bordered
          pagination={false}
          scroll={{ x: true }}
          dataSource={rows}
          caption={t(
            `${rows.length} yêu cầu còn lỗi: trả lại đơn vị để sửa, rồi gửi lại danh sách.`,
            `${rows.length} request(s) with errors: return them to their unit to be fixed, then submit the batch again.`,
          )}
          columns={[
            {
              title: t('Yêu cầu', 'Request'),
              key: 'r',
              render: (_: unknown, r) => (
                <div>
                  <RequestLink id={r.id} /> {r.data?.subject?.full_name ?? ''}
                  <div>{findingsCell(r)}</div>
                </div>
              ),
            },
            { title: t('Thao tác', 'Action'), key: 'a', render: (_: unknown, r) => actionCell(r) },
          ]}
        />
      )}
    </div>
  );
}
