// One waiting request's actions: the token to use (a select of the tokens present, the likely one
// picked first), "Khởi tạo thiết bị" or "Đặt lại PIN", and "Bỏ dở" while an enrolment begun for
// it has not been issued yet. Every button waits while any token operation runs.
import { Button, Select, Space } from 'antd';
import { useState } from 'react';
import { api } from '../../api/client';
import type { KeyDevice } from '../devices/types';
import { useLang } from '../../lib/i18n';
import { useApi } from '../../lib/useApi';
import { actionOf, canAbandon, defaultSlot, slotLabel, usable } from './station';
import type { StationAction, StationSlot, WaitingRequest } from './types';

interface Props {
  request: WaitingRequest;
  slots: StationSlot[];
  /** The request whose operation is running, if any. */
  running: number | undefined;
  onRun: (request: WaitingRequest, action: StationAction, slot: number) => void;
  onAbandon: (request: WaitingRequest) => void;
}

/** The serials of the holder's devices that may have their PIN reset (active or locked). */
function useHolderDevices(request: WaitingRequest): string[] {
  const recovery = actionOf(request) === 'reset-pin';
  const { data } = useApi(
    () =>
      recovery
        ? api.get<{ items: KeyDevice[] }>('/api/v1/devices', { subscriber_id: request.subscriber_id })
        : Promise.resolve({ items: [] as KeyDevice[] }),
    [recovery, request.subscriber_id],
  );
  return (data?.items ?? []).filter((d) => d.state === 'active' || d.state === 'locked').map((d) => d.serial);
}

export function RequestActions({ request, slots, running, onRun, onAbandon }: Props) {
  const { lang, t } = useLang();
  const holderDevices = useHolderDevices(request);
  const [chosen, setChosen] = useState<number>();
  const present = slots.filter(usable);
  const fallback = defaultSlot(request, slots, holderDevices);
  const slot = chosen !== undefined && present.some((s) => s.slot_id === chosen) ? chosen : fallback;
  const action = actionOf(request);
  const id = request.request_id;
  const busy = running !== undefined;

  return (
    <Space wrap>
      <Select<number>
        style={{ minWidth: 240 }}
        value={slot}
        onChange={setChosen}
        disabled={busy}
        placeholder={t('Không có thiết bị nào đang cắm', 'No token plugged in')}
        aria-label={t(`Thiết bị dùng cho yêu cầu số ${id}`, `Token to use for request ${id}`)}
        options={present.map((s) => ({ value: s.slot_id, label: slotLabel(s, lang) }))}
        data-testid={`station-slot-${id}`}
      />
      <Button
        type="primary"
        disabled={slot === undefined || (busy && running !== id)}
        loading={running === id}
        onClick={() => slot !== undefined && onRun(request, action, slot)}
        data-testid={`station-${action}-${id}`}
      >
        {action === 'enroll' ? t('Khởi tạo thiết bị', 'Enrol the token') : t('Đặt lại PIN', 'Reset the PIN')}
      </Button>
      {canAbandon(request) && (
        <Button danger disabled={busy} onClick={() => onAbandon(request)} data-testid={`station-abandon-${id}`}>
          {t('Bỏ dở', 'Abandon')}
        </Button>
      )}
    </Space>
  );
}
