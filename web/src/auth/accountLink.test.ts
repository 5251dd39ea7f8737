import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/client';
import { groupSecret, isOtpauthUri, linkFailure, needsCode, passwordProblem, repeatProblem, tokenFromHash } from './accountLink';

describe('tokenFromHash', () => {
  it('reads the t parameter of the fragment, alone or among others', () => {
    expect(tokenFromHash('#t=abc123')).toBe('abc123');
    expect(tokenFromHash('#x=1&t=Zm9v_-.~')).toBe('Zm9v_-.~');
    expect(tokenFromHash('t=abc')).toBe('abc');
    expect(tokenFromHash('#t=a%2Bb')).toBe('a+b');
    expect(tokenFromHash('#t=a+b/c=')).toBe('a+b/c=');
  });
  it('gives "" when the fragment has no token', () => {
    for (const hash of ['', '#', '#t=', '#token=abc', '#x=1', '#t=%20%20', '#t=%E0%A4%A']) expect(tokenFromHash(hash), hash).toBe('');
  });
});

describe('groupSecret', () => {
  it('lays a base32 secret out in blocks of four', () => {
    expect(groupSecret('JBSWY3DPEHPK3PXP')).toBe('JBSW Y3DP EHPK 3PXP');
    expect(groupSecret('JBSWY3DPEHPK3PXPA')).toBe('JBSW Y3DP EHPK 3PXP A');
    expect(groupSecret('abc')).toBe('ABC');
  });
  it('drops spaces and padding first', () => {
    expect(groupSecret(' jbsw y3dp=== ')).toBe('JBSW Y3DP');
    expect(groupSecret('')).toBe('');
  });
});

describe('otpauth links', () => {
  it('shows only otpauth://totp/ addresses as links', () => {
    expect(isOtpauthUri('otpauth://totp/chungthu:tiepnhan1?secret=JBSWY3DPEHPK3PXP&issuer=chungthu')).toBe(true);
    for (const bad of [undefined, '', 'javascript:alert(1)', 'https://example.vn/totp/', 'otpauth://hotp/x']) expect(isOtpauthUri(bad), String(bad)).toBe(false);
  });
  it('asks for a code when enrolling or already enrolled', () => {
    expect(needsCode('enrol')).toBe(true);
    expect(needsCode('required')).toBe(true);
    expect(needsCode('none')).toBe(false);
  });
});

describe('new password checks', () => {
  it('wants at least 12 characters, counted as characters', () => {
    expect(passwordProblem('')?.en).toBe('Enter a new password');
    expect(passwordProblem('12345678901')?.vi).toBe('Mật khẩu phải có ít nhất 12 ký tự');
    expect(passwordProblem('123456789012')).toBeNull();
    expect(passwordProblem('Mật khẩu dài')).toBeNull();
    // Six characters outside the BMP are twelve UTF-16 units but still six characters.
    expect(passwordProblem('😀😀😀😀😀😀')).not.toBeNull();
  });
  it('wants at most 1024 bytes and not the login', () => {
    expect(passwordProblem('a'.repeat(1024))).toBeNull();
    expect(passwordProblem('ă'.repeat(513))?.en).toBe('The password is too long');
    expect(passwordProblem('Nguyen.Van.An1', 'nguyen.van.an1')?.vi).toBe('Mật khẩu không được trùng tên đăng nhập');
    expect(passwordProblem('nguyen.van.an1 và thêm', 'nguyen.van.an1')).toBeNull();
  });
  it('wants the repetition equal, in both languages', () => {
    expect(repeatProblem('correct horse battery', 'correct horse battery')).toBeNull();
    const m = repeatProblem('correct horse battery', 'correct horse batterY');
    expect(m?.vi).toBe('Hai mật khẩu không khớp');
    expect(m?.en).toBe('The two passwords do not match');
    expect(repeatProblem('x', '')?.en).toBe('Repeat the new password');
  });
});

describe('linkFailure', () => {
  const err = (status: number, field?: string) => new ApiError(status, { status, title: 't', field });
  it('tells an invalid link, too many attempts and the rest apart', () => {
    expect(linkFailure(err(404, 'token'))).toBe('invalid');
    expect(linkFailure(err(404))).toBe('invalid');
    expect(linkFailure(err(400, 'token'))).toBe('invalid');
    expect(linkFailure(err(429))).toBe('busy');
    expect(linkFailure(err(400, 'password'))).toBe('other');
    expect(linkFailure(err(0))).toBe('other');
    expect(linkFailure(new Error('boom'))).toBe('other');
  });
});
