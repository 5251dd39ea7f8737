// The module's slots and the tokens in them: serial, label, model, blank or initialized, the PIN
// flags the token reports and the device register's state of it.
import { Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useLang } from '../../lib/i18n';
import { VisuallyHidden } from '../unit/VisuallyHidden';
import { DeviceStateTag } from '../devices/DeviceStateTag';
import type { StationSlot } from './types';

interface Flag {
  key: string;
  color: string;
  vi: string;
  en: string;
}

/** The PIN flags worth saying, worst first; none means the PINs are in order. */
function pinFlags(s: StationSlot): Flag[] {
  const out: Flag[] = [];
  if (s.so_pin_locked) out.push({ key: 'so_locked', color: 'red', vi: 'PIN quản trị (SO) bị khóa', en: 'SO PIN locked' });
  if (s.user_pin_locked) out.push({ key: 'locked', color: 'red', vi: 'PIN người dùng bị khóa', en: 'User PIN locked' });
  else if (s.user_pin_count_low) out.push({ key: 'low', color: 'orange', vi: 'PIN đã nhập sai, sắp bị khóa', en: 'Wrong PIN entered, near lock' });
  if (s.initialized && s.user_pin_initialized === false) {
    out.push({ key: 'unset', color: 'default', vi: 'Chưa đặt PIN người dùng', en: 'User PIN not set' });
  }
  return out;
}

export function SlotsTable({ slots, loading }: { slots: StationSlot[]; loading: boolean }) {
  const { t } = useLang();
  const columns: ColumnsType<StationSlot> = [
    { title: t('Khe', 'Slot'), key: 'slot', render: (_, s) => <span style={{ fontFamily: 'monospace' }}>{s.slot_id}</span> },
    {
      title: t('Số hiệu thiết bị', 'Token serial'),
      key: 'serial',
      render: (_, s) =>
        s.token_present ? (
          <span style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>{s.serial || '—'}</span>
        ) : (
          <Typography.Text type="secondary">{t('Không có thiết bị', 'No token')}</Typography.Text>
        ),
    },
    { title: t('Nhãn', 'Label'), key: 'label', render: (_, s) => s.label || '—' },
    {
      title: t('Hãng, mẫu', 'Maker, model'),
      key: 'model',
      responsive: ['md'],
      render: (_, s) => [s.manufacturer, s.model].filter(Boolean).join(' — ') || s.description || '—',
    },
    {
      title: t('Khởi tạo', 'Initialized'),
      key: 'initialized',
      render: (_, s) => {
        if (!s.token_present || s.initialized === null) return '—';
        return s.initialized ? (
          <Tag data-initialized="true">{t('Đã khởi tạo', 'Initialized')}</Tag>
        ) : (
          <Tag color="blue" data-initialized="false">
            {t('Trắng, chưa khởi tạo', 'Blank, not initialized')}
          </Tag>
        );
      },
    },
    {
      title: t('Mã PIN', 'PIN'),
      key: 'pin',
      render: (_, s) => {
        if (!s.token_present || !s.initialized) return '—';
        const flags = pinFlags(s);
        if (flags.length === 0) return t('Bình thường', 'In order');
        return flags.map((f) => (
          <Tag key={f.key} color={f.color} data-flag={f.key}>
            {t(f.vi, f.en)}
          </Tag>
        ));
      },
    },
    {
      title: t('Sổ đăng ký', 'Register'),
      key: 'device_state',
      render: (_, s) =>
        s.device_state ? (
          <DeviceStateTag state={s.device_state} />
        ) : s.token_present ? (
          <Typography.Text type="secondary">{t('Chưa đăng ký', 'Not registered')}</Typography.Text>
        ) : (
          '—'
        ),
    },
    {
      title: t('Lỗi đọc', 'Read error'),
      key: 'error',
      render: (_, s) => (s.error ? <Typography.Text type="danger">{s.error}</Typography.Text> : '—'),
    },
  ];
  return (
    <Table<StationSlot>
      rowKey="slot_id"
      size="middle"
      loading={loading}
      columns={columns}
      dataSource={slots}
      scroll={{ x: true }}
      pagination={false}
      caption={<VisuallyHidden>{t('Các khe và thiết bị lưu khóa đang cắm', 'The slots and the tokens plugged in')}</VisuallyHidden>}
      locale={{ emptyText: t('Không thấy khe nào', 'No slot found') }}
      data-testid="station-slots"
    />
  );
}
