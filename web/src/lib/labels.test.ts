import { describe, expect, it } from 'vitest';
import type { MailKind } from '../api/types';
import { MAIL_KINDS, MAIL_STATE_COLORS, REVOKE_REASONS, mailKindLabel, mailStateLabel, revokeReasonLabel } from './labels';

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

describe('mail labels', () => {
  // Every kind the server sends (a Record over MailKind: tsc fails when a kind is added).
  const KINDS: Record<MailKind, true> = {
    'request.submitted': true,
    'request.returned': true,
    'request.rejected': true,
    'request.approved': true,
    'request.completed': true,
    'cert.revoked': true,
    'cert.held': true,
    'cert.released': true,
    'cert.expiry.opens': true,
    'cert.expiry.closing': true,
    'cert.expiry.closed': true,
    'round.deadline': true,
    'digest.daily': true,
    'user.activation': true,
    'user.password_reset': true,
  };

  it('names every kind in both languages, and no other', () => {
    expect(Object.keys(MAIL_KINDS).sort()).toEqual(Object.keys(KINDS).sort());
    for (const kind of Object.keys(KINDS)) {
      const vi = mailKindLabel(kind, 'vi');
      const en = mailKindLabel(kind, 'en');
      expect(vi, kind).not.toBe(kind);
      expect(en, kind).not.toBe(kind);
      expect(vi, kind).not.toBe(en);
      expect(vi.normalize('NFC'), kind).toBe(vi);
    }
    expect(mailKindLabel('request.returned', 'vi')).toBe('Yêu cầu bị trả lại');
    expect(mailKindLabel('digest.daily', 'en')).toBe('Daily digest');
  });

  it('shows a kind it does not know as the server wrote it', () => {
    expect(mailKindLabel('cert.something.new', 'vi')).toBe('cert.something.new');
  });

  it('names and colours the three states', () => {
    expect(mailStateLabel('queued', 'vi')).toBe('Chờ gửi');
    expect(mailStateLabel('sent', 'en')).toBe('Sent');
    expect(mailStateLabel('failed', 'vi')).toBe('Gửi lỗi');
    expect(Object.keys(MAIL_STATE_COLORS).sort()).toEqual(['failed', 'queued', 'sent']);
  });
});
