// The request's documents: kind, name, size, who attached it; view beside the data or download;
// for a draft or returned request, attach another (PDF/PNG/JPEG, sent as the raw body) or take
// one off (DELETE …/attachments/{id}).
import { DeleteOutlined, DownloadOutlined, EyeOutlined, UploadOutlined } from '@ant-design/icons';
import { Alert, App, Button, Card, Form, Popconfirm, Select, Space, Table, Typography, Upload } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useState } from 'react';
import { api, saveBlob } from '../../api/client';
import type { Attachment, CertRequest, Finding } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useErrorMessage } from '../../components/useErrorMessage';
import { formatBytes } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { ATTACHMENT_KINDS, attachmentKindLabel } from '../../lib/labels';
import { useBusy, useBusyKey } from '../../lib/useBusy';
import type { PreviewSource } from './AttachmentPreview';
import { attachmentFileName, firstMissingKind, uploadMediaType } from './requestDetail';
import { VisuallyHidden } from './VisuallyHidden';
import { FindingLines } from '../../components/FindingLines';

interface Props {
  request: CertRequest;
  editable: boolean;
  missing: Finding[];
  selected?: string;
  onPreview: (s: PreviewSource) => void;
  onChanged: () => void;
}

export function previewOf(requestId: number, a: Attachment, lang: 'vi' | 'en'): PreviewSource {
  return {
    key: `att-${requestId}-${a.id}`,
    title: `${attachmentKindLabel(a.kind, lang)} — ${a.name}`,
    fileName: attachmentFileName(a),
    mediaType: a.media_type,
    load: () => api.blob(a.href || `/api/v1/requests/${requestId}/attachments/${a.id}`),
  };
}

export function AttachmentsPanel({ request, editable, missing, selected, onPreview, onChanged }: Props) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const [kind, setKind] = useState<string>(() => firstMissingKind(missing, request.attachments ?? []));
  const [uploading, runUpload] = useBusy();
  const [removing, runRemove] = useBusyKey<number>();
  const [error, setError] = useState<unknown>();
  const list = request.attachments ?? [];

  async function upload(file: File) {
    setError(undefined);
    const type = uploadMediaType(file.name, file.type);
    if (!type) {
      setError(new Error(t('Chỉ nhận tệp PDF, PNG hoặc JPEG', 'Only PDF, PNG or JPEG files are accepted')));
      return;
    }
    await runUpload(async () => {
      const body = file.type === type ? file : new Blob([file], { type });
      await api.upload(`/api/v1/requests/${request.id}/attachments`, body, { kind, name: file.name });
      message.success(t(`Đã đính kèm ${file.name}`, `${file.name} attached`));
      onChanged();
    }, setError);
  }

  function remove(a: Attachment) {
    setError(undefined);
    return runRemove(
      a.id,
      async () => {
        // The answer is the request view; reloading it keeps one way of refreshing the page.
        await api.del<CertRequest>(`/api/v1/requests/${request.id}/attachments/${a.id}`);
        message.success(t(`Đã bỏ ${a.name}`, `${a.name} removed`));
        onChanged();
      },
      setError,
    );
  }

  async function download(a: Attachment) {
    try {
      saveBlob(await api.blob(a.href || `/api/v1/requests/${request.id}/attachments/${a.id}`), attachmentFileName(a));
    } catch (e) {
      showError(e, 8);
    }
  }

  const columns: ColumnsType<Attachment> = [
    { title: t('Loại tài liệu', 'Kind'), key: 'kind', render: (_, a) => attachmentKindLabel(a.kind, lang) },
    {
      title: t('Tên tệp', 'File'),
      key: 'name',
      render: (_, a) => <span style={{ wordBreak: 'break-word', display: 'inline-block', minWidth: 120 }}>{a.name}</span>,
    },
    {
      title: t('Dung lượng', 'Size'),
      key: 'size',
      responsive: ['md'],
      render: (_, a) => <span style={{ whiteSpace: 'nowrap' }}>{formatBytes(a.size, lang)}</span>,
    },
    { title: t('Người đính kèm', 'Attached by'), key: 'by', dataIndex: 'uploaded_by', responsive: ['md'] },
    {
      title: <VisuallyHidden>{t('Thao tác', 'Actions')}</VisuallyHidden>,
      key: 'actions',
      render: (_, a) => (
        <Space size={4}>
          <Button
            size="small"
            type={selected === `att-${request.id}-${a.id}` ? 'primary' : 'default'}
            icon={<EyeOutlined />}
            onClick={() => onPreview(previewOf(request.id, a, lang))}
            data-testid={`attachment-view-${a.id}`}
          >
            {t('Xem', 'View')}
          </Button>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            onClick={() => download(a)}
            aria-label={t(`Tải về ${a.name}`, `Download ${a.name}`)}
            data-testid={`attachment-download-${a.id}`}
          />
          {editable && (
            <Popconfirm
              title={t(`Bỏ tài liệu ${a.name} khỏi yêu cầu?`, `Remove ${a.name} from the request?`)}
              okText={t('Bỏ', 'Remove')}
              cancelText={t('Thôi', 'Cancel')}
              okButtonProps={{ danger: true, 'data-testid': `attachment-remove-confirm-${a.id}` }}
              onConfirm={() => remove(a)}
            >
              <Button size="small" danger icon={<DeleteOutlined />} loading={removing === a.id} data-testid={`attachment-remove-${a.id}`}>
                {t('Bỏ', 'Remove')}
              </Button>
            </Popconfirm>
          )}
        </Space>
      ),
    },
  ];

  return (
    <Card title={t('Tài liệu đính kèm', 'Attached documents')} style={{ marginBottom: 16 }} data-testid="attachments">
      {missing.length > 0 && (
        <Alert
          type={editable ? 'info' : 'warning'}
          showIcon
          style={{ marginBottom: 12 }}
          data-testid="documents-needed"
          message={t('Còn thiếu tài liệu', 'Documents still needed')}
          description={
            <FindingLines findings={missing} withField={false} />
          }
        />
      )}
      <Table<Attachment>
        rowKey="id"
        size="small"
        columns={columns}
        dataSource={list}
        pagination={false}
        scroll={{ x: true }}
        caption={<VisuallyHidden>{t('Tài liệu đính kèm', 'Attached documents')}</VisuallyHidden>}
        locale={{ emptyText: t('Chưa có tài liệu nào', 'No documents yet') }}
        data-testid="attachments-table"
      />
      {editable && (
        <Form layout="vertical" style={{ marginTop: 16 }}>
          <Typography.Title level={5}>{t('Đính kèm tài liệu', 'Attach a document')}</Typography.Title>
          <Space wrap align="end">
            <Form.Item label={t('Loại tài liệu', 'Kind of document')} htmlFor="attachment-kind" style={{ marginBottom: 0 }}>
              <Select
                id="attachment-kind"
                value={kind}
                onChange={setKind}
                style={{ minWidth: 260 }}
                data-testid="attachment-kind"
                options={Object.keys(ATTACHMENT_KINDS).map((k) => ({ value: k, label: attachmentKindLabel(k, lang) }))}
              />
            </Form.Item>
            <Form.Item style={{ marginBottom: 0 }}>
              <Upload
                accept=".pdf,.png,.jpg,.jpeg,application/pdf,image/png,image/jpeg"
                showUploadList={false}
                beforeUpload={(file) => {
                  void upload(file);
                  return false;
                }}
              >
                <Button icon={<UploadOutlined />} loading={uploading} data-testid="attachment-upload">
                  {t('Chọn tệp và đính kèm (PDF, PNG, JPEG)', 'Choose a file and attach (PDF, PNG, JPEG)')}
                </Button>
              </Upload>
            </Form.Item>
          </Space>
          <ErrorAlert error={error} style={{ marginTop: 12 }} />
        </Form>
      )}
    </Card>
  );
}
