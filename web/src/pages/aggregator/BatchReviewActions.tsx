// The registration office decides a whole batch: "Duyệt cả danh sách" (POST …/approve) and
// "Trả lại cả danh sách" (POST …/return, a comment required, reasons per field optional). Each
// request goes through on its own; the outcome of each is shown in a table.
import { CheckOutlined, RollbackOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Modal, Space, Table } from 'antd';
import { useState } from 'react';
import type { ButtonProps } from 'antd';
import { api } from '../../api/client';
import type { BatchActionResult } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { StateTag } from '../../components/Status';
import { FindingList, RequestLink } from '../../components/requestColumns';
import { useLang } from '../../lib/i18n';
import { stateLabel } from '../../lib/labels';
import { type ReasonRow, reasonsObject } from '../../lib/reasons';
import { useBusy } from '../../lib/useBusy';
import { CommentField, commentErrorOf } from './CommentField';
import { FieldReasons } from './FieldReasons';
import { type ResultRow, resultRows, resultsOf, summarize } from './batchResults';

type Step = 'approve' | 'return';

export function BatchReviewActions({ batchId, forwarded, onDone }: { batchId: number; forwarded: number; onDone: () => void }) {
  const { lang, t } = useLang();
  const [step, setStep] = useState<Step | null>(null);
  const [comment, setComment] = useState('');
  const [reasons, setReasons] = useState<ReasonRow[]>([]);
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();
  const [commentError, setCommentError] = useState('');
  const [results, setResults] = useState<{ step: Step; items: BatchActionResult[] } | null>(null);

  const open = (s: Step) => {
    setStep(s);
    setComment('');
    setReasons([]);
    setError(undefined);
    setCommentError('');
  };

  const decide = async () => {
    if (!step) return;
    if (step === 'return' && !comment.trim()) {
      setCommentError(t('Nhập lý do trả lại', 'Enter why the batch is returned'));
      return;
    }
    setError(undefined);
    await run(
      async () => {
        const body =
          step === 'approve'
            ? comment.trim()
              ? { comment: comment.trim() }
              : {}
            : { comment: comment.trim(), field_reasons: reasonsObject(reasons) };
        const answer = await api.post<unknown>(`/api/v1/batches/${batchId}/${step}`, body);
        setResults({ step, items: resultsOf(answer) });
        setStep(null);
        onDone();
      },
      (e) => {
        const c = commentErrorOf(e, lang);
        if (c) setCommentError(c);
        else setError(e);
      },
    );
  };

  const summary = results ? summarize(results.items) : null;
  const rows = results ? resultRows(results.items, lang) : [];

  return (
    <div style={{ marginBottom: 16 }}>
      <Space wrap>
        <Button type="primary" icon={<CheckOutlined />} onClick={() => open('approve')} disabled={!forwarded} data-testid="batch-approve">
          {t('Duyệt cả danh sách', 'Approve the whole batch')}
        </Button>
        <Button danger icon={<RollbackOutlined />} onClick={() => open('return')} data-testid="batch-return">
          {t('Trả lại cả danh sách', 'Return the whole batch')}
        </Button>
      </Space>
      <Modal
        open={step !== null}
        title={step === 'approve' ? t(`Duyệt cả danh sách ${batchId}?`, `Approve all of batch ${batchId}?`) : t(`Trả lại cả danh sách ${batchId}`, `Return batch ${batchId}`)}
        onCancel={() => setStep(null)}
        onOk={decide}
        confirmLoading={busy}
        okText={step === 'approve' ? t('Duyệt', 'Approve') : t('Trả lại', 'Return')}
        cancelText={t('Hủy', 'Cancel')}
        okButtonProps={{ danger: step === 'return', 'data-testid': 'batch-review-confirm' } as ButtonProps}
        width={640}
      >
        <ErrorAlert error={error} />
        <p>
          {step === 'approve'
            ? t(
                `${forwarded} yêu cầu đang chờ duyệt sẽ được kiểm tra lại và duyệt từng yêu cầu; yêu cầu còn lỗi hoặc cần người thứ hai duyệt sẽ được báo riêng.`,
                `${forwarded} request(s) awaiting approval are checked again and approved one by one; those with errors or needing a second approver are reported.`,
              )
            : t('Mọi yêu cầu còn trả lại được trong danh sách sẽ về đơn vị kèm lý do.', 'Every returnable request of the batch goes back to its unit with the reasons.')}
        </p>
        <Form layout="vertical">
          <CommentField
            id="batch-review-comment"
            label={step === 'return' ? t('Lý do trả lại', 'Why it is returned') : t('Ý kiến (không bắt buộc)', 'Comment (optional)')}
            required={step === 'return'}
            value={comment}
            error={commentError}
            onChange={(v) => {
              setComment(v);
              setCommentError('');
            }}
          />
          {step === 'return' && <FieldReasons value={reasons} onChange={setReasons} />}
        </Form>
      </Modal>
      {results && summary && (
        <div data-testid="batch-review-results" style={{ marginTop: 16 }}>
          <Alert
            type={summary.refused ? 'warning' : 'success'}
            showIcon
            closable
            onClose={() => setResults(null)}
            style={{ marginBottom: 8 }}
            message={
              (results.step === 'approve' ? t('Kết quả duyệt cả danh sách', 'Outcome of approving the batch') : t('Kết quả trả lại cả danh sách', 'Outcome of returning the batch')) +
              ': ' +
              t(`${summary.ok}/${summary.total} yêu cầu thành công`, `${summary.ok}/${summary.total} request(s) done`) +
              (summary.refused ? t(`, ${summary.refused} bị từ chối`, `, ${summary.refused} refused`) : '')
            }
            description={Object.entries(summary.byState)
              .map(([s, n]) =>
                results.step === 'approve' && s === 'forwarded' ? t(`Chờ người thứ hai duyệt: ${n}`, `Awaiting a second approver: ${n}`) : `${stateLabel(s, lang)}: ${n}`,
              )
              .join(' · ')}
          />
          <Table<ResultRow>
            size="small"
            bordered
            pagination={false}
            scroll={{ x: true }}
            dataSource={rows}
            caption={t('Kết quả từng yêu cầu', 'Outcome per request')}
            columns={[
              { title: t('Yêu cầu', 'Request'), dataIndex: 'request_id', render: (id: number) => <RequestLink id={id} />, width: 90 },
              {
                title: t('Kết quả', 'Outcome'),
                key: 'ok',
                render: (_: unknown, r) =>
                  r.ok ? (
                    <Space size={4} wrap>
                      {t('Thành công, nay', 'Done, now')} <StateTag state={r.state} />
                      {r.state === 'forwarded' && results.step === 'approve' && t('(chờ người thứ hai duyệt)', '(awaits a second approver)')}
                    </Space>
                  ) : (
                    <span style={{ color: '#a8071a' }}>{r.message || t('Không thực hiện được', 'Refused')}</span>
                  ),
              },
              ...(rows.some((r) => r.findings.length)
                ? [{ title: t('Lỗi theo trường', 'Errors by field'), key: 'f', render: (_: unknown, r: ResultRow) => <FindingList findings={r.findings} lang={lang} /> }]
                : []),
            ]}
          />
        </div>
      )}
    </div>
  );
}
