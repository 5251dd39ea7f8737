// "Mở đợt": an aggregator or the registration office opens a registration round with a deadline
// (POST /api/v1/rounds). The server's errors are shown in the field they concern.
import { App, Button, Card, DatePicker, Form, Input, Select, Switch } from 'antd';
import type { Dayjs } from 'dayjs';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Round } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { useLang } from '../../lib/i18n';
import { showInFields } from '../../lib/formErrors';
import { useBusy } from '../../lib/useBusy';

interface Values {
  name: string;
  deadline?: Dayjs;
  allow_late: boolean;
  org_id?: number;
}

const FIELDS = ['name', 'deadline', 'allow_late', 'org_id'] as const;

export function NewRoundForm({ orgNames, onOpened }: { orgNames: ReadonlyMap<number, string>; onOpened: (r: Round) => void }) {
  const { lang, t } = useLang();
  const { message } = App.useApp();
  const { user } = useSession();
  const [form] = Form.useForm<Values>();
  const [busy, run] = useBusy();
  const [error, setError] = useState<unknown>();

  const submit = (v: Values) => {
    setError(undefined);
    return run(
      async () => {
        const body: { name: string; deadline: string; allow_late: boolean; org_id?: number } = {
          name: v.name.trim(),
          deadline: v.deadline ? v.deadline.format('DD/MM/YYYY') : '',
          allow_late: !!v.allow_late,
        };
        if (v.org_id) body.org_id = v.org_id;
        const round = await api.post<Round>('/api/v1/rounds', body);
        message.success(t(`Đã mở đợt "${round.name}", hạn chót ${round.deadline}`, `Round "${round.name}" opened, deadline ${round.deadline}`));
        form.resetFields();
        onOpened(round);
      },
      (e) => {
        if (!showInFields(form, e, FIELDS, lang)) setError(e);
      },
    );
  };

  const orgOptions = [...orgNames.entries()].map(([value, label]) => ({ value, label }));

  return (
    <Card title={<h2 style={{ margin: 0, fontSize: 16 }}>{t('Mở đợt đăng ký mới', 'Open a new round')}</h2>} style={{ marginBottom: 16 }}>
      <ErrorAlert error={error} />
      <Form<Values>
        form={form}
        layout="vertical"
        onFinish={submit}
        initialValues={{ allow_late: false, org_id: user?.org_id ?? undefined }}
        requiredMark
        style={{ maxWidth: 640 }}
      >
        <Form.Item
          name="name"
          label={t('Tên đợt', 'Round name')}
          rules={[{ required: true, whitespace: true, message: t('Nhập tên đợt', 'Enter the round name') }]}
        >
          <Input data-testid="round-name" placeholder={t('Ví dụ: Đợt 1 năm 2026', 'e.g. Round 1 of 2026')} maxLength={200} />
        </Form.Item>
        <Form.Item
          name="deadline"
          label={t('Hạn chót (hết ngày)', 'Deadline (end of the day)')}
          rules={[{ required: true, message: t('Chọn hạn chót', 'Pick the deadline') }]}
        >
          <DatePicker format="DD/MM/YYYY" placeholder="dd/mm/yyyy" data-testid="round-deadline" style={{ width: '100%' }} />
        </Form.Item>
        {orgOptions.length > 0 && (
          <Form.Item name="org_id" label={t('Phạm vi (cơ quan và đơn vị trực thuộc)', 'Scope (organization and its units)')}>
            <Select
              options={orgOptions}
              showSearch
              optionFilterProp="label"
              allowClear
              data-testid="round-org"
              aria-label={t('Phạm vi', 'Scope')}
            />
          </Form.Item>
        )}
        <Form.Item name="allow_late" label={t('Nhận nộp muộn', 'Accept late entries')} valuePropName="checked">
          <Switch data-testid="round-allow-late" aria-label={t('Nhận nộp muộn', 'Accept late entries')} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={busy} data-testid="round-open">
          {t('Mở đợt', 'Open the round')}
        </Button>
      </Form>
    </Card>
  );
}
