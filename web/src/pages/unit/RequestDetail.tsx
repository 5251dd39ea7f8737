// /requests/:id — one request for every role: header, findings per field, the data as the form
// shows it (editable while draft/returned), documents with a preview beside the data, the
// letter, the timeline, what it did to key devices, and the workflow actions the role may take now.
import { FilePdfOutlined, EyeOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Space, Spin } from 'antd';
import { useState } from 'react';
import { useParams } from 'react-router-dom';
import { ApiError, api, saveBlob } from '../../api/client';
import type { CertRequest } from '../../api/types';
import { useSession } from '../../auth/session';
import { NotFound, PageTitle } from '../../components/Status';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useLang } from '../../lib/i18n';
import { typeLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { useBusy } from '../../lib/useBusy';
import { AttachmentPreview, type PreviewSource } from './AttachmentPreview';
import { AttachmentsPanel } from './AttachmentsPanel';
import { FindingsList } from './FindingsList';
import { LoadFailure } from './LoadFailure';
import { RequestActions } from './RequestActions';
import { RequestDataPanel } from './RequestDataPanel';
import { RequestDevices } from './RequestDevices';
import { RequestHeader } from './RequestHeader';
import { RequestTimeline } from './RequestTimeline';
import { availableActions, canEdit, lastReturn } from './requestDetail';
import { FindingLines } from '../../components/FindingLines';

export function RequestDetail() {
  const { id } = useParams();
  const rid = Number(id);
  if (!Number.isInteger(rid) || rid <= 0) return <NotFound />;
  return <RequestDetailOf key={rid} id={rid} />;
}

function RequestDetailOf({ id }: { id: number }) {
  const { lang, t } = useLang();
  const showError = useErrorMessage();
  const { user } = useSession();
  const { data: r, error, loading, reload } = useApi(() => api.get<CertRequest>(`/api/v1/requests/${id}`), [id]);
  const [preview, setPreview] = useState<PreviewSource>();
  const [blocked, setBlocked] = useState<ApiError>();
  const [letterBusy, run] = useBusy();

  if (loading && !r) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (error && !r) return <LoadFailure error={error} />;
  if (!r || !user) return null;

  const editable = canEdit(r, user.role);
  // The reviewer's reasons are shown beside the fields while the request is back with its creator.
  const returned = r.state === 'returned' ? lastReturn(r.timeline) : { comment: '', reasons: {} };
  const { comment: returnComment, reasons } = returned;
  const missing = r.findings.filter((f) => f.field === 'attachments');
  const letterSource: PreviewSource = {
    key: `letter-${r.id}`,
    title: t('Văn bản đề nghị (PDF)', 'Request letter (PDF)'),
    fileName: `van-ban-de-nghi-${r.id}.pdf`,
    mediaType: 'application/pdf',
    load: () => api.blob(`/api/v1/requests/${r.id}/letter`),
  };

  function downloadLetter() {
    return run(
      async () => saveBlob(await api.blob(`/api/v1/requests/${id}/letter`), `van-ban-de-nghi-${id}.pdf`),
      (e) => showError(e, 8),
    );
  }

  const main = (
    <>
      <RequestDataPanel request={r} editable={editable} reasons={reasons} onSaved={reload} narrow={!!preview} />
      <AttachmentsPanel
        request={r}
        editable={editable}
        missing={missing}
        selected={preview?.key}
        onPreview={setPreview}
        onChanged={reload}
      />
    </>
  );

  return (
    <>
      <PageTitle
        extra={
          r.type !== 'mailbox' && (
            <Space wrap>
              <Button icon={<FilePdfOutlined />} loading={letterBusy} onClick={downloadLetter} data-testid="request-letter">
                {t('Văn bản đề nghị (PDF)', 'Request letter (PDF)')}
              </Button>
              <Button icon={<EyeOutlined />} onClick={() => setPreview(letterSource)} data-testid="request-letter-view">
                {t('Xem văn bản', 'View the letter')}
              </Button>
            </Space>
          )
        }
      >
        {t(`Yêu cầu số ${r.id}`, `Request ${r.id}`)} — {typeLabel(r.type, lang)}
      </PageTitle>
      <RequestHeader request={r} />
      {(returnComment || Object.keys(reasons).length > 0) && (
        <Alert
          type="warning"
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="returned-alert"
          message={t('Yêu cầu bị trả lại để sửa', 'The request was returned for correction')}
          description={
            <>
              {returnComment && <div style={{ whiteSpace: 'pre-wrap' }}>{returnComment}</div>}
              {Object.keys(reasons).length > 0 &&
                t('Các trường cần sửa được tô màu bên dưới.', 'The fields to correct are highlighted below.')}
            </>
          }
        />
      )}
      {blocked && (
        <Alert
          type="error"
          showIcon
          closable
          onClose={() => setBlocked(undefined)}
          style={{ marginBottom: 16 }}
          data-testid="action-blocked"
          message={blocked.text(lang).split('\n')[0]}
          description={
            <FindingLines findings={blocked.findings.filter((f) => f.severity === 'error')} withField={false} />
          }
        />
      )}
      {availableActions(r, user.role, user.login).length > 0 && (
        <Card size="small" title={t('Thao tác', 'Actions')} style={{ marginBottom: 16 }}>
          <RequestActions request={r} role={user.role} login={user.login} onDone={reload} onBlocked={setBlocked} />
        </Card>
      )}
      <Card title={t('Kết quả kiểm tra', 'Findings')} size="small" style={{ marginBottom: 16 }} data-testid="request-findings">
        <FindingsList findings={r.findings} />
      </Card>
      {preview ? (
        <Row gutter={16}>
          <Col xs={24} xl={12}>
            {main}
          </Col>
          <Col xs={24} xl={12}>
            <div style={{ position: 'sticky', top: 80, marginBottom: 16 }}>
              <AttachmentPreview source={preview} onClose={() => setPreview(undefined)} />
            </div>
          </Col>
        </Row>
      ) : (
        main
      )}
      <RequestTimeline entries={r.timeline ?? []} />
      <RequestDevices events={r.device_events ?? []} />
    </>
  );
}
