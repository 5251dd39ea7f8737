// The workflow buttons a role may use on a request in its state — submit, cancel, approve,
// return (with reasons per field), reject (reason required), retry — each a real API call.
import { CheckOutlined, CloseCircleOutlined, RedoOutlined, RollbackOutlined, SendOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Form, Modal, Space, Typography } from 'antd';
import { useState } from 'react';
import { ApiError, api } from '../../api/client';
import type { CertRequest, Role } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { ModalFooter, TextAreaItem } from '../../components/ModalParts';
import { useLang } from '../../lib/i18n';
import { useBusyKey } from '../../lib/useBusy';
import { ReturnModal } from './ReturnModal';
import { availableActions, type RequestAction } from './requestDetail';

interface Props {
  request: CertRequest;
  role: Role;
  login: string;
  onDone: () => void;
  /** A refused submit or approve: the findings the server saved are shown in the fields after reload. */
  onBlocked: (e: ApiError) => void;
}

type CommentAction = 'approve' | 'reject' | 'cancel' | 'retry';

export function RequestActions({ request, role, login, onDone, onBlocked }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const actions = availableActions(request, role, login);
  const [busy, run] = useBusyKey<RequestAction>();
  const [open, setOpen] = useState<CommentAction | 'return'>();
  const [comment, setComment] = useState('');
  const [error, setError] = useState<unknown>();

  function act(action: RequestAction, body?: unknown) {
    setError(undefined);
    return run(
      action,
      async () => {
        const r = await api.post<CertRequest>(`/api/v1/requests/${request.id}/${action}`, body);
        message.success(doneText(action, r?.state));
        setOpen(undefined);
        setComment('');
        onDone();
        return true;
      },
      (e) => {
        if (e instanceof ApiError && e.status === 422 && e.findings.length) {
          setOpen(undefined);
          onBlocked(e);
          onDone();
        } else setError(e);
        return false;
      },
    );
  }

  function doneText(action: RequestAction, state?: string): string {
    switch (action) {
      case 'submit':
        return state === 'forwarded'
          ? t('Đã gửi thẳng cơ quan tiếp nhận', 'Submitted straight to the registration office')
          : t('Đã gửi yêu cầu', 'Request submitted');
      case 'approve':
        return state === 'approved' ? t('Đã phê duyệt', 'Approved') : t('Đã ghi phê duyệt lần 1, chờ người thứ hai', 'First approval recorded; a second person must approve');
      case 'return':
        return t('Đã trả lại yêu cầu', 'Request returned');
      case 'reject':
        return t('Đã từ chối yêu cầu', 'Request rejected');
      case 'cancel':
        return t('Đã hủy yêu cầu', 'Request cancelled');
      default:
        return t('Đã đưa lại vào hàng đợi thực hiện', 'Queued again');
    }
  }

  if (actions.length === 0) return null;
  const commentModal: Record<CommentAction, { title: string; ok: string; required: boolean; danger?: boolean }> = {
    approve: { title: t('Phê duyệt yêu cầu', 'Approve the request'), ok: t('Phê duyệt', 'Approve'), required: false },
    reject: { title: t('Từ chối yêu cầu', 'Reject the request'), ok: t('Từ chối', 'Reject'), required: true, danger: true },
    cancel: {
      title: t('Hủy yêu cầu? Yêu cầu đã hủy không khôi phục được.', 'Cancel the request? A cancelled request cannot be reopened.'),
      ok: t('Hủy yêu cầu', 'Cancel the request'),
      required: false,
      danger: true,
    },
    retry: { title: t('Thực hiện lại thao tác CA', 'Retry the CA operation'), ok: t('Thực hiện lại', 'Retry'), required: false },
  };
  const m = open && open !== 'return' ? commentModal[open] : undefined;

  return (
    <div data-testid="request-actions">
      <Space wrap>
        {actions.includes('submit') && (
          <Button type="primary" icon={<SendOutlined />} loading={busy === 'submit'} onClick={() => act('submit')} data-testid="action-submit">
            {t('Gửi yêu cầu', 'Submit')}
          </Button>
        )}
        {actions.includes('approve') && (
          <Button type="primary" icon={<CheckOutlined />} onClick={() => setOpen('approve')} data-testid="action-approve">
            {request.approvals?.length ? t('Phê duyệt lần 2', 'Second approval') : t('Phê duyệt', 'Approve')}
          </Button>
        )}
        {actions.includes('return') && (
          <Button icon={<RollbackOutlined />} onClick={() => setOpen('return')} data-testid="action-return">
            {t('Trả lại', 'Return')}
          </Button>
        )}
        {actions.includes('reject') && (
          <Button danger icon={<StopOutlined />} onClick={() => setOpen('reject')} data-testid="action-reject">
            {t('Từ chối', 'Reject')}
          </Button>
        )}
        {actions.includes('retry') && (
          <Button icon={<RedoOutlined />} onClick={() => setOpen('retry')} data-testid="action-retry">
            {t('Thực hiện lại', 'Retry')}
          </Button>
        )}
        {actions.includes('cancel') && (
          <Button danger icon={<CloseCircleOutlined />} onClick={() => setOpen('cancel')} data-testid="action-cancel">
            {t('Hủy yêu cầu', 'Cancel request')}
          </Button>
        )}
      </Space>
      {!open && <ErrorAlert error={error} style={{ marginTop: 12 }} />}
      {m && open && open !== 'return' && (
        <Modal
          open
          title={m.title}
          onCancel={() => {
            setOpen(undefined);
            setError(undefined);
          }}
          footer={
            <ModalFooter
              onClose={() => {
                setOpen(undefined);
                setError(undefined);
              }}
              onConfirm={() => act(open, comment.trim() ? { comment: comment.trim() } : undefined)}
              confirmLabel={m.ok}
              busy={busy === open}
              danger={m.danger}
              disabled={m.required && !comment.trim()}
              confirmTestId="action-confirm"
            />
          }
        >
          <Form layout="vertical">
            <TextAreaItem
              id="action-comment"
              label={m.required ? t('Lý do (bắt buộc)', 'Reason (required)') : t('Ý kiến (không bắt buộc)', 'Comment (optional)')}
              value={comment}
              onChange={setComment}
              minRows={3}
              maxLength={1000}
              required={m.required}
            />
          </Form>
          {open === 'approve' && request.findings.some((f) => f.severity === 'warning') && (
            <Typography.Text type="warning">
              {t('Yêu cầu còn cảnh báo; xem phần kiểm tra trước khi duyệt.', 'The request has warnings; read the findings before approving.')}
            </Typography.Text>
          )}
          <ErrorAlert error={error} style={{ marginTop: 12 }} />
        </Modal>
      )}
      {open === 'return' && (
        <ReturnModal
          busy={busy === 'return'}
          error={error}
          onCancel={() => {
            setOpen(undefined);
            setError(undefined);
          }}
          onSubmit={(body) => act('return', body)}
        />
      )}
    </div>
  );
}
