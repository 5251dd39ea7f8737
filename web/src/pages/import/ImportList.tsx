// "/import" for the roles that add people and make requests (unit managers, aggregators): choose a
// list (XLSX, CSV or a Word table, kept in the browser), the server checks it without writing anything (POST
// /api/v1/imports?dry_run=true), the page shows what was read and every bad cell; then the good
// rows are written as draft requests (dry_run=false, good_rows_only when some rows are bad), or
// the sheet comes back with its bad cells marked (POST /api/v1/imports/report).
import { DownloadOutlined, FileExcelOutlined, InboxOutlined, ReloadOutlined, SaveOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Space, Spin, Typography, Upload } from 'antd';
import { useState } from 'react';
import { api, saveBlob } from '../../api/client';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useBusyKey } from '../../lib/useBusy';
import { ImportDone } from './ImportDone';
import { ImportIssues } from './ImportIssues';
import { ImportSummary } from './ImportSummary';
import {
  MAX_IMPORT_BYTES,
  REPORT_FILE_NAME,
  TEMPLATE_FILE_NAME,
  canWrite,
  checkQuery,
  reportFromError,
  withoutFindings,
  writeLabel,
  writeQuery,
} from './importReport';
import type { ImportReport } from './types';

type Busy = 'check' | 'write' | 'report' | 'template';

/** The file as the raw body: the server reads XLSX, CSV or DOCX whatever type the browser guessed. */
const body = (file: File) => new Blob([file], { type: 'application/octet-stream' });

export function ImportList() {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const [file, setFile] = useState<File>();
  const [report, setReport] = useState<ImportReport>();
  const [error, setError] = useState<unknown>();
  const [busy, run] = useBusyKey<Busy>();
  const n = (v: number) => formatNumber(v, lang);

  const reset = () => {
    setFile(undefined);
    setReport(undefined);
    setError(undefined);
  };

  const check = (f: File) => {
    setFile(f);
    setReport(undefined);
    setError(undefined);
    if (f.size > MAX_IMPORT_BYTES) {
      setError(new Error(t(`Tệp "${f.name}" lớn hơn 10 MB`, `"${f.name}" is larger than 10 MB`)));
      return;
    }
    return run(
      'check',
      async () => {
        // A sheet with errors comes back as a 422 carrying the same report.
        const r = await api.upload<ImportReport>('/api/v1/imports', body(f), checkQuery(f.name)).catch((e: unknown) => {
          const within = reportFromError(e);
          if (within) return within;
          throw e;
        });
        setReport(r);
      },
      setError,
    );
  };

  const write = () => {
    if (!file || !report) return;
    setError(undefined);
    return run(
      'write',
      async () => {
        const r = await api.upload<ImportReport>('/api/v1/imports', body(file), writeQuery(file.name, report));
        setReport(r);
        message.success(t(`Đã tạo ${n(r.request_ids.length)} yêu cầu nháp`, `${n(r.request_ids.length)} draft request(s) created`));
      },
      (e) => {
        // Refused with its report (rows found bad since the check): nothing was written; show why.
        const within = reportFromError(e);
        if (within) setReport(within);
        setError(within ? withoutFindings(e) : e);
      },
    );
  };

  const downloadReport = () => {
    if (!file) return;
    setError(undefined);
    return run(
      'report',
      async () => {
        saveBlob(await api.uploadBlob('/api/v1/imports/report', body(file), { name: file.name }), REPORT_FILE_NAME);
        message.success(t(`Đã tải về ${REPORT_FILE_NAME}`, `Downloaded ${REPORT_FILE_NAME}`));
      },
      setError,
    );
  };

  const downloadTemplate = () =>
    run(
      'template',
      async () => {
        saveBlob(await api.blob('/api/v1/imports/template'), TEMPLATE_FILE_NAME);
        message.success(t(`Đã tải về ${TEMPLATE_FILE_NAME}`, `Downloaded ${TEMPLATE_FILE_NAME}`));
      },
      setError,
    );

  const good = report?.good_rows ?? 0;
  const bad = report?.bad_rows ?? 0;

  return (
    <>
      <PageTitle
        extra={
          <Button icon={<DownloadOutlined />} loading={busy === 'template'} onClick={downloadTemplate} data-testid="import-template">
            {t('Tải mẫu danh sách', 'Download the template')}
          </Button>
        }
      >
        {t('Nhập danh sách', 'Import a list')}
      </PageTitle>
      <Typography.Paragraph style={{ maxWidth: 860 }}>
        {t(
          'Chọn bảng tính XLSX hoặc CSV gồm nhân sự và đề nghị cấp chứng thư số. Các cột được nhận ra theo tiêu đề, theo thứ tự bất kỳ, và có thể có các dòng tên bảng phía trên; tệp được kiểm tra trước, chưa có gì được ghi cho đến khi bạn xác nhận.',
          'Choose an XLSX or CSV sheet of people and certificate requests. The columns are recognised by their headers, in any order, and title rows above the table are fine; the file is checked first and nothing is written until you confirm.',
        )}
      </Typography.Paragraph>

      {!report && (
        // In a block of its own: the drop zone's height (100%) would otherwise be the whole page's.
        <div style={{ maxWidth: 860 }}>
          <Upload.Dragger
            accept=".xlsx,.csv,.docx"
            multiple={false}
            showUploadList={false}
            disabled={busy === 'check'}
            data-testid="import-upload"
            beforeUpload={(f) => {
              void check(f);
              return false;
            }}
          >
            <p className="ant-upload-drag-icon">
              <InboxOutlined aria-hidden />
            </p>
            <p className="ant-upload-text">{t('Kéo tệp vào đây hoặc bấm để chọn tệp', 'Drop a file here or click to choose one')}</p>
            <p className="ant-upload-hint">
              {t(
                'Bảng tính .xlsx hoặc .csv (UTF-8), hoặc bảng trong văn bản Word .docx, tối đa 10 MB.',
                'An .xlsx or .csv (UTF-8) sheet, or a table in a Word .docx document, at most 10 MB.',
              )}
            </p>
          </Upload.Dragger>
        </div>
      )}

      <div style={{ marginTop: 16 }} aria-live="polite">
        {busy === 'check' && (
          <Spin tip={t('Đang kiểm tra tệp…', 'Checking the file…')} style={{ display: 'block', margin: '24px auto' }}>
            <div style={{ minHeight: 48 }} />
          </Spin>
        )}
        <ErrorAlert error={error} data-testid="import-error" />
        {report?.committed && <ImportDone report={report} />}
      </div>

      {report && file && (
        <section aria-labelledby="import-result-title">
          <Typography.Title level={3} style={{ fontSize: 18 }} id="import-result-title">
            {report.committed ? t('Kết quả ghi', 'What was written') : t('Kết quả kiểm tra', 'Check results')}
          </Typography.Title>
          <ImportSummary report={report} fileName={file.name} />
          <Space wrap style={{ marginBottom: 16 }}>
            {!report.committed && (
              <Popconfirm
                title={t(`${writeLabel(good, 'vi')} thành yêu cầu nháp?`, `${writeLabel(good, 'en')} as draft requests?`)}
                description={
                  bad > 0
                    ? t(`${n(bad)} dòng có lỗi sẽ bị bỏ qua, không được ghi.`, `The ${n(bad)} row(s) with errors are left out, not written.`)
                    : t('Mỗi dòng thành một yêu cầu nháp; người chưa có được thêm vào danh sách nhân sự.', 'Each row becomes a draft request; people not yet registered are added.')
                }
                okText={t('Ghi', 'Write')}
                cancelText={t('Thôi', 'Cancel')}
                okButtonProps={{ 'data-testid': 'import-write-confirm' }}
                onConfirm={write}
                disabled={!canWrite(report)}
              >
                <Button type="primary" icon={<SaveOutlined />} disabled={!canWrite(report)} loading={busy === 'write'} data-testid="import-write">
                  {writeLabel(good, lang)}
                </Button>
              </Popconfirm>
            )}
            <Button icon={<FileExcelOutlined />} loading={busy === 'report'} onClick={downloadReport} data-testid="import-report">
              {t('Tải báo cáo kiểm tra (XLSX)', 'Download the checked sheet (XLSX)')}
            </Button>
            <Button icon={<ReloadOutlined />} onClick={reset} disabled={busy === 'write'} data-testid="import-another">
              {t('Chọn tệp khác', 'Choose another file')}
            </Button>
          </Space>
          <Typography.Title level={4} style={{ fontSize: 16 }}>
            {t(`Lỗi và cảnh báo (${n(report.issues.length)})`, `Errors and warnings (${n(report.issues.length)})`)}
          </Typography.Title>
          <ImportIssues issues={report.issues} />
        </section>
      )}
    </>
  );
}
