// The preview pane beside the request's data: a PDF in an <iframe>, an image as <img>, both from
// a blob: URL fetched with the session (the registration office checks documents side by side).
import { CloseOutlined, DownloadOutlined } from '@ant-design/icons';
import { Button, Card, Space, Spin, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { saveBlob } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { previewKind } from './requestDetail';

export interface PreviewSource {
  key: string;
  title: string;
  fileName: string;
  mediaType: string;
  load: () => Promise<Blob>;
}

export function AttachmentPreview({ source, onClose }: { source: PreviewSource; onClose: () => void }) {
  const { t } = useLang();
  const [url, setUrl] = useState<string>();
  const [blob, setBlob] = useState<Blob>();
  const [error, setError] = useState<unknown>();

  useEffect(() => {
    let live = true;
    let made: string | undefined;
    setUrl(undefined);
    setError(undefined);
    source
      .load()
      .then((b) => {
        if (!live) return;
        const typed = b.type ? b : new Blob([b], { type: source.mediaType });
        made = URL.createObjectURL(typed);
        setBlob(typed);
        setUrl(made);
      })
      .catch((e) => live && setError(e));
    return () => {
      live = false;
      if (made) URL.revokeObjectURL(made);
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [source.key]);

  const kind = previewKind(source.mediaType);
  return (
    <Card
      size="small"
      title={<Typography.Text ellipsis style={{ maxWidth: '100%' }}>{source.title}</Typography.Text>}
      extra={
        <Space size={4}>
          <Button
            size="small"
            icon={<DownloadOutlined />}
            aria-label={t('Tải về', 'Download')}
            disabled={!blob}
            onClick={() => blob && saveBlob(blob, source.fileName)}
          />
          <Button size="small" icon={<CloseOutlined />} aria-label={t('Đóng xem trước', 'Close the preview')} onClick={onClose} data-testid="preview-close" />
        </Space>
      }
      data-testid="attachment-preview"
      styles={{ body: { padding: 8 } }}
    >
      <ErrorAlert error={error} />
      {!url && !error && <Spin style={{ display: 'block', margin: '48px auto' }} />}
      {url && kind === 'pdf' && (
        <iframe title={source.title} src={url} style={{ width: '100%', height: '75vh', minHeight: 360, border: 0 }} />
      )}
      {url && kind === 'image' && <img src={url} alt={source.title} style={{ maxWidth: '100%', display: 'block', margin: '0 auto' }} />}
      {url && kind === 'none' && (
        <Typography.Text type="secondary">{t('Không xem trước được loại tệp này.', 'This kind of file cannot be previewed.')}</Typography.Text>
      )}
    </Card>
  );
}
