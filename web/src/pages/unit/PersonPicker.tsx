// A person chooser: type a name, CCCD or e-mail, the server searches (GET /api/v1/subscribers?q=);
// the chosen person is loaded whole (GET /api/v1/subscribers/{id}) for the form to use.
import { Select, Spin } from 'antd';
import { useEffect, useMemo, useState } from 'react';
import { api } from '../../api/client';
import type { Page, Subscriber } from '../../api/types';
import { useLang } from '../../lib/i18n';
import { useDebounced } from '../../lib/useDebounced';

interface Props {
  id?: string;
  value?: number;
  onChange?: (id: number | undefined) => void;
  onPicked: (s: Subscriber | undefined) => void;
  status?: 'error' | 'warning';
}

function label(s: Subscriber): string {
  const d = s.data;
  return [d.full_name, d.cccd || d.manager_name, d.email].filter(Boolean).join(' · ');
}

export function PersonPicker({ id, value, onChange, onPicked, status }: Props) {
  const { t } = useLang();
  const [search, setSearch] = useState('');
  const q = useDebounced(search.trim(), 300);
  const [found, setFound] = useState<Subscriber[]>([]);
  const [loading, setLoading] = useState(false);
  const [picked, setPicked] = useState<Subscriber>();

  useEffect(() => {
    let live = true;
    setLoading(true);
    api
      .get<Page<Subscriber>>('/api/v1/subscribers', { q, limit: 20 })
      .then((p) => live && setFound(p.items))
      .catch(() => live && setFound([]))
      .finally(() => live && setLoading(false));
    return () => {
      live = false;
    };
  }, [q]);

  useEffect(() => {
    if (!value) {
      setPicked(undefined);
      onPicked(undefined);
      return undefined;
    }
    if (picked?.id === value) return undefined;
    let live = true;
    api
      .get<Subscriber>(`/api/v1/subscribers/${value}`)
      .then((s) => {
        if (!live) return;
        setPicked(s);
        onPicked(s);
      })
      .catch(() => {
        if (!live) return;
        setPicked(undefined);
        onPicked(undefined);
      });
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [value]);

  const options = useMemo(() => {
    const list = picked && !found.some((s) => s.id === picked.id) ? [picked, ...found] : found;
    return list.map((s) => ({ value: s.id, label: label(s) }));
  }, [found, picked]);

  return (
    <Select<number>
      id={id}
      showSearch
      allowClear
      value={value}
      status={status}
      filterOption={false}
      onSearch={setSearch}
      onChange={(v) => onChange?.(v)}
      options={options}
      notFoundContent={loading ? <Spin size="small" /> : t('Không tìm thấy', 'Nobody found')}
      placeholder={t('Gõ tên, số CCCD hoặc thư điện tử', 'Type a name, citizen ID or e-mail')}
      aria-label={t('Người đề nghị', 'Person')}
      data-testid="request-person"
      style={{ width: '100%' }}
    />
  );
}
