// What the check read from the sheet: the file, the worksheet, where the headers are, how many
// rows were read and how many are good; below, what that means for writing.
import { Alert, Descriptions, Tag } from 'antd';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { verdict, writeLabel } from './importReport';
import type { ImportReport } from './types';

export function ImportSummary({ report, fileName }: { report: ImportReport; fileName: string }) {
  const { lang, t } = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const v = verdict(report);
  return (
    <div data-testid="import-summary">
      <Descriptions bordered size="small" column={{ xs: 1, sm: 2, lg: 3 }} style={{ marginBottom: 16 }}>
        <Descriptions.Item label={t('Tệp', 'File')}>
          <span data-testid="import-file" style={{ wordBreak: 'break-all' }}>
            {fileName}
          </span>{' '}
          <Tag>{report.format.toUpperCase()}</Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('Trang tính', 'Sheet')}>
          <span data-testid="import-sheet">{report.sheet || '—'}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('Dòng tiêu đề cột', 'Header row')}>
          <span data-testid="import-header-row">{report.header_row > 0 ? n(report.header_row) : t('Không tìm thấy', 'Not found')}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('Số dòng dữ liệu', 'Data rows')}>
          <span data-testid="import-data-rows">{n(report.data_rows)}</span>
        </Descriptions.Item>
        <Descriptions.Item label={t('Dòng hợp lệ', 'Good rows')}>
          <Tag color={report.good_rows > 0 ? 'green' : 'default'} data-testid="import-good-rows" data-count={report.good_rows}>
            {n(report.good_rows)}
          </Tag>
        </Descriptions.Item>
        <Descriptions.Item label={t('Dòng có lỗi', 'Rows with errors')}>
          <Tag color={report.bad_rows > 0 ? 'red' : 'green'} data-testid="import-bad-rows" data-count={report.bad_rows}>
            {n(report.bad_rows)}
          </Tag>
        </Descriptions.Item>
      </Descriptions>
      {!report.committed && (
        <Alert
          showIcon
          style={{ marginBottom: 16 }}
          data-testid="import-verdict"
          data-verdict={v}
          type={v === 'nothing' ? 'error' : v === 'partial' ? 'warning' : 'success'}
          message={
            v === 'nothing'
              ? t('Không có dòng hợp lệ nào để ghi', 'There is no good row to write')
              : v === 'partial'
                ? t(
                    `${n(report.bad_rows)} dòng có lỗi: sửa tệp rồi chọn lại, hoặc chỉ ghi ${n(report.good_rows)} dòng hợp lệ (các dòng có lỗi bị bỏ qua).`,
                    `${n(report.bad_rows)} row(s) with errors: correct the file and choose it again, or write only the ${n(report.good_rows)} good row(s) (the others are left out).`,
                  )
                : t(
                    `Không có lỗi. Chưa có gì được ghi: bấm «${writeLabel(report.good_rows, 'vi')}» để tạo các yêu cầu nháp.`,
                    `No errors. Nothing is written yet: press "${writeLabel(report.good_rows, 'en')}" to create the draft requests.`,
                  )
          }
        />
      )}
    </div>
  );
}
