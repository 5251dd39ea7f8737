// After a commit: how many drafts were made, a link to each (the first ones when there are many)
// and to the list of drafts, where they get their documents and are sent.
import { Alert, Space } from 'antd';
import { Link } from 'react-router-dom';
import { RequestLink } from '../../components/requestColumns';
import { formatNumber } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import type { ImportReport } from './types';

/** Links shown one by one; past that, the list of drafts. */
const SHOWN = 20;

export function ImportDone({ report }: { report: ImportReport }) {
  const { lang, t } = useLang();
  const n = (v: number) => formatNumber(v, lang);
  const ids = report.request_ids;
  const people = report.new_subscribers.length;
  const left = report.bad_rows;
  return (
    <Alert
      type="success"
      showIcon
      role="status"
      style={{ marginBottom: 16 }}
      data-testid="import-done"
      message={t(`Đã tạo ${n(ids.length)} yêu cầu nháp`, `${n(ids.length)} draft request${ids.length === 1 ? '' : 's'} created`)}
      description={
        <>
          <div>
            {t(
              `${n(people)} người mới được thêm vào danh sách nhân sự; những người đã có được dùng lại.`,
              `${n(people)} new ${people === 1 ? 'person' : 'people'} added to the people list; those already registered were reused.`,
            )}
            {left > 0 &&
              ' ' +
                t(
                  `${n(left)} dòng có lỗi không được ghi: sửa rồi nhập riêng các dòng đó.`,
                  `${n(left)} row(s) with errors were left out: correct them and import those rows on their own.`,
                )}
          </div>
          {ids.length > 0 && (
            <Space size={[8, 4]} wrap style={{ marginTop: 8 }} data-testid="import-request-links">
              {ids.slice(0, SHOWN).map((id) => (
                <RequestLink key={id} id={id} />
              ))}
              {ids.length > SHOWN && <span>{t(`và ${n(ids.length - SHOWN)} yêu cầu khác`, `and ${n(ids.length - SHOWN)} more`)}</span>}
            </Space>
          )}
          <div style={{ marginTop: 8 }}>
            {t('Các yêu cầu nháp cần được bổ sung tài liệu rồi gửi đi: ', 'The drafts need their documents before they are sent: ')}
            <Link to="/requests?state=draft" data-testid="import-drafts-link">
              {t('xem các yêu cầu nháp', 'see the draft requests')}
            </Link>
          </div>
        </>
      }
    />
  );
}
