import { describe, expect, it } from 'vitest';
import { REVOKE_REASONS, revokeReasonLabel } from './labels';

describe('revocation reasons', () => {
  it('offers every reason the API takes, holds included', () => {
    expect(Object.keys(REVOKE_REASONS).sort()).toEqual(
      [
        'affiliationChanged',
        'certificateHold',
        'cessationOfOperation',
        'keyCompromise',
        'privilegeWithdrawn',
        'removeFromCRL',
        'superseded',
        'unspecified',
      ].sort(),
    );
    expect(revokeReasonLabel('keyCompromise', 'vi')).toContain('Lộ khóa');
    expect(revokeReasonLabel('other', 'en')).toBe('other');
  });
});
