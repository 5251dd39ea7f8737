import { describe, expect, it } from 'vitest';
import type { Finding } from '../api/types';
import { reasonsFromFindings, reasonsObject } from './reasons';

const f = (field: string, severity: string, vi: string): Finding => ({ field, code: 'X', severity, message_vi: vi, message_en: `${vi} (en)` });

describe('reasonsObject', () => {
  it('drops empty rows and joins reasons for one field', () => {
    expect(
      reasonsObject([
        { field: 'email', reason: ' Dùng thư công vụ ' },
        { field: '', reason: 'x' },
        { field: 'cccd', reason: '  ' },
        { field: 'email', reason: 'Sai miền' },
      ]),
    ).toEqual({ email: 'Dùng thư công vụ; Sai miền' });
  });
});

describe('reasonsFromFindings', () => {
  it('drafts one row per field in error, in the chosen language', () => {
    const rows = reasonsFromFindings([f('email', 'error', 'Sai miền'), f('phone', 'warning', 'Lưu ý'), f('email', 'error', 'Thiếu @')], 'vi');
    expect(rows).toEqual([{ field: 'email', reason: 'Sai miền; Thiếu @' }]);
    expect(reasonsFromFindings([f('cccd', 'error', 'Sai')], 'en')).toEqual([{ field: 'cccd', reason: 'Sai (en)' }]);
  });
});
