// The optional mails the signed-in user may turn off (GET and PATCH
// /api/v1/notifications/settings), one switch each; only the ones that concern the role.
import { App, Card, Space, Switch, Typography } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { NotificationSettings } from '../../api/types';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useErrorMessage } from '../../components/useErrorMessage';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { useBusyKey } from '../../lib/useBusy';
import type { SettingKey } from './settings';

const PATH = '/api/v1/notifications/settings';

function useTexts(): Record<SettingKey, { label: string; help: string }> {
  const { t } = useLang();
  return {
    digest: {
      label: t('Thư tổng hợp hằng ngày', 'Daily digest'),
      help: t(
        'Mỗi sáng một thư liệt kê các yêu cầu đang chờ cơ quan tiếp nhận xử lý.',
        'Every morning, one mail listing the requests waiting for the registration office.',
      ),
    },
    unit_reminders: {
      label: t('Nhắc hạn chứng thư của đơn vị', "Expiry reminders for the unit's people"),
      help: t(
        'Thư nhắc khi chứng thư số của người trong đơn vị sắp hết hạn và cần gia hạn.',
        "Mails when a certificate of someone in the unit is about to expire and should be renewed.",
      ),
    },
  };
}

export function MailSettingsCard({ keys }: { keys: SettingKey[] }) {
  const { t } = useLang();
  const { message } = App.useApp();
  const showError = useErrorMessage();
  const texts = useTexts();
  const { data, error, loading } = useApi(() => api.get<NotificationSettings>(PATH), []);
  // The PATCH answer is the settings as now stored: it replaces what was loaded.
  const [saved, setSaved] = useState<NotificationSettings>();
  const current = saved ?? data;
  const [saving, run] = useBusyKey<SettingKey>();

  const save = (key: SettingKey, on: boolean) =>
    run(
      key,
      async () => {
        setSaved(await api.patch<NotificationSettings>(PATH, { [key]: on }));
        message.success(on ? t('Đã bật', 'Turned on') : t('Đã tắt', 'Turned off'));
      },
      showError,
    );

  return (
    <Card size="small" title={t('Thư tùy chọn', 'Optional mails')} style={{ marginBottom: 16 }} data-testid="mail-settings">
      <ErrorAlert error={error} />
      <Space direction="vertical" size={12}>
        {keys.map((key) => (
          <div key={key} style={{ display: 'flex', gap: 12, alignItems: 'flex-start' }}>
            <Switch
              id={`mail-setting-${key}`}
              aria-describedby={`mail-setting-${key}-help`}
              checked={current?.[key] ?? false}
              disabled={!current}
              loading={loading || saving === key}
              onChange={(on) => save(key, on)}
              data-testid={`mail-setting-${key}`}
            />
            <div>
              <label htmlFor={`mail-setting-${key}`} style={{ fontWeight: 600 }}>
                {texts[key].label}
              </label>
              <Typography.Paragraph type="secondary" id={`mail-setting-${key}-help`} style={{ margin: 0 }}>
                {texts[key].help}
              </Typography.Paragraph>
            </div>
          </div>
        ))}
      </Space>
    </Card>
  );
}
