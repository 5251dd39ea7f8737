// A device's state as a coloured tag; the name is always written out, never the colour alone.
import { Tag } from 'antd';
import { useLang } from '../../lib/i18n';
import { DEVICE_STATE_COLORS, deviceStateLabel } from './deviceStates';

export function DeviceStateTag({ state, 'data-testid': testId }: { state: string; 'data-testid'?: string }) {
  const { lang } = useLang();
  return (
    <Tag color={DEVICE_STATE_COLORS[state] ?? 'default'} data-state={state} data-testid={testId}>
      {deviceStateLabel(state, lang)}
    </Tag>
  );
}
