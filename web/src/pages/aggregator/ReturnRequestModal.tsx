// "Trả lại đơn vị": the aggregator sends one submitted request back to its unit with a comment
// and reasons per field (POST /api/v1/requests/{id}/return). The reasons start from the
// request's error findings.
import { App, Form, Modal } from 'antd';
import { useEffect, useState } from 'react';
import type { ButtonProps } from 'antd';
import { api } from '../../api/client';
import type { CertRequest } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { typeLabel } from '../../lib/labels';
import { type ReasonRow, reasonsFromFindings, reasonsObject } from '../../lib/reasons';
import { useBusy } from '../../lib/useBusy';
import { CommentField, commentErrorOf } from './CommentField';
import { FieldReasons } from './FieldReasons';

export function ReturnRequestModal({ request, onClose, onReturned }: { request: CertRequest | null; onClose: () => void; onReturned: () => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [comment, setComment] = useState('');
  const [commentError, setCommentError] = useState('');
  const [reasons, setReasons] = useState<ReasonRow[]>([]);
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    setComment('');
    setCommentError('');
    setError(undefined);
    setReasons(request ? reasonsFromFindings(request.findings ?? [], lang) : []);
  }, [request, lang]);

  const send = async () => {
    if (!request) return;
    if (!comment.trim()) {
      setCommentError(t('Nhập lý do trả lại', 'Enter why it is returned'));
      return;
    }
    setError(undefined);
    await run(
      async () => {
        await api.post<CertRequest>(`/api/v1/requests/${request.id}/return`, { comment: comment.trim(), field_reasons: reasonsObject(reasons) });
        message.success(t(`Đã trả lại yêu cầu ${request.id} cho đơn vị`, `Request ${request.id} returned to its unit`));
        onReturned();
        onClose();
      },
      (e) => {
        const c = commentErrorOf(e, lang);
        if (c) setCommentError(c);
        else setError(e);
      },
    );
  };

  return (
    <Modal
      open={request !== null}
      title={request ? t(`Trả lại yêu cầu ${request.id} cho đơn vị`, `Return request ${request.id} to its unit`) : ''}
      onCancel={onClose}
      onOk={send}
      okText={t('Trả lại', 'Return')}
      cancelText={t('Hủy', 'Cancel')}
      confirmLoading={busy}
      okButtonProps={{ danger: true, 'data-testid': 'return-confirm' } as ButtonProps}
      width={640}
      destroyOnHidden
    >
      {request && (
        <p>
          {typeLabel(request.type, lang)} — {request.data?.subject?.full_name}
        </p>
      )}
      <ErrorAlert error={error} />
      <Form layout="vertical">
        <CommentField
          id="return-comment"
          label={t('Lý do trả lại', 'Why it is returned')}
          required
          value={comment}
          error={commentError}
          onChange={(v) => {
            setComment(v);
            setCommentError('');
          }}
        />
        <FieldReasons value={reasons} onChange={setReasons} />
      </Form>
    </Modal>
  );
}
