// A searchable organization picker (diacritics optional), indented by level, from
// GET /api/v1/organizations. Deactivated organizations stay in the list (their units are
// indented under them) but cannot be picked: they take no new people, accounts or units.
import { Select } from 'antd';
import { api } from '../../api/client';
import type { Page } from '../../api/types';
import { fold } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { orgOptions, type OrgRow } from './orgTree';

export function useOrgs(deps: unknown[] = []) {
  return useApi(() => api.get<Page<OrgRow>>('/api/v1/organizations', { limit: 1000 }), deps);
}

interface Props {
  id?: string;
  value?: number;
  onChange?: (v: number | undefined) => void;
  rows: OrgRow[];
  loading?: boolean;
  testId: string;
  placeholder?: string;
}

export function OrgSelect({ id, value, onChange, rows, loading, testId, placeholder }: Props) {
  const { t } = useLang();
  const options = orgOptions(rows).map((o) => ({
    value: o.value,
    title: o.label,
    disabled: o.inactive,
    label: (
      <span style={{ paddingInlineStart: o.depth * 16 }}>
        {o.label}
        {o.inactive && ` (${t('ngừng hoạt động', 'deactivated')})`}
      </span>
    ),
  }));
  return (
    <Select<number>
      id={id}
      value={value}
      onChange={(v) => onChange?.(v)}
      options={options}
      loading={loading}
      showSearch
      allowClear
      placeholder={placeholder}
      data-testid={testId}
      optionLabelProp="title"
      filterOption={(input, opt) => fold(String(opt?.title ?? '')).includes(fold(input))}
      style={{ width: '100%' }}
    />
  );
}
