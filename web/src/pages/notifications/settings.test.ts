import { describe, expect, it } from 'vitest';
import type { Role } from '../../api/types';
import { settingsFor } from './settings';

describe('settingsFor', () => {
  it.each<[Role | undefined, string[]]>([
    ['ra_officer', ['digest']],
    ['unit_manager', ['unit_reminders']],
    ['subscriber', []],
    ['aggregator', []],
    ['ca_operator', []],
    ['auditor', []],
    ['admin', []],
    [undefined, []],
  ])('%s sees %j', (role, keys) => {
    expect(settingsFor(role)).toEqual(keys);
  });
});
