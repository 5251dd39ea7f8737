import { describe, expect, it } from 'vitest';
import type { Finding } from '../api/types';
import {
  ageOn,
  checkPerson,
  findingText,
  findingsByField,
  hasErrors,
  optionalEmailRule,
  validCccd,
  validEmail,
  validVnPhone,
} from './validation';

const today = new Date('2026-11-21T03:00:00Z');

describe('field checks', () => {
  it('CCCD is exactly 12 digits', () => {
    expect(validCccd('027992100202')).toBe(true);
    expect(validCccd('02799210020')).toBe(false);
    expect(validCccd('02799210020a')).toBe(false);
  });
  it('Vietnamese phones: mobile, landline, +84, separators', () => {
    for (const ok of ['0912340202', '+84912340202', '0912 340 202', '02223 123 456', '0388.123.456'])
      expect(validVnPhone(ok), ok).toBe(true);
    for (const bad of ['0112340202', '912340202', '091234020', '0912-34o-202', '+8491234020'])
      expect(validVnPhone(bad), bad).toBe(false);
  });
  it('e-mail syntax like the server', () => {
    expect(validEmail('linh.nh203@bacninh.gov.vn')).toBe(true);
    for (const bad of ['linh@', '@bacninh.gov.vn', 'a..b@x.vn', 'a@b@c.vn', 'a@x.v', 'nguyễn@x.vn', 'a@x.1'])
      expect(validEmail(bad), bad).toBe(false);
  });
  it('an optional e-mail field takes nothing, blanks or a valid address, in the chosen language', async () => {
    const rule = optionalEmailRule((_vi, en) => en);
    for (const ok of [undefined, '', '   ', ' linh.nh203@bacninh.gov.vn ']) await expect(rule.validator(null, ok), String(ok)).resolves.toBeUndefined();
    await expect(rule.validator(null, 'linh@')).rejects.toThrow('Invalid e-mail');
    await expect(optionalEmailRule((vi) => vi).validator(null, 'a@b@c.vn')).rejects.toThrow('Thư điện tử không hợp lệ');
  });
  it('age counts the birthday in Vietnam', () => {
    expect(ageOn('21/11/2008', today)).toBe(18);
    expect(ageOn('22/11/2008', today)).toBe(17);
    expect(ageOn('31/02/2000', today)).toBeNull();
  });
});

describe('checkPerson', () => {
  it('passes a complete, correct person', () => {
    expect(
      checkPerson(
        {
          full_name: 'Nguyễn Hữu Linh',
          cccd: '027992100202',
          dob: '07/11/1992',
          cccd_date: '19/03/2021',
          email: 'linh.nh203@bacninh.gov.vn',
          phone: '0912340202',
        },
        today,
      ),
    ).toEqual({});
  });
  it('names each bad field in both languages', () => {
    const r = checkPerson(
      { full_name: ' ', cccd: '0279921002', dob: '01/01/2010', cccd_date: '01/01/2027', email: 'x@', phone: '12345' },
      today,
    );
    expect(Object.keys(r).sort()).toEqual(['cccd', 'cccd_date', 'dob', 'email', 'full_name', 'phone']);
    for (const m of Object.values(r)) {
      expect(m.vi).not.toBe('');
      expect(m.en).not.toBe('');
      expect(m.vi).not.toBe(m.en);
    }
    expect(r.dob.vi).toContain('18');
  });
  it('refuses an ID issued before birth', () => {
    expect(checkPerson({ dob: '01/01/1990', cccd_date: '01/01/1980' }, today).cccd_date?.en).toMatch(/before/);
  });
});

describe('server findings', () => {
  const f = (field: string, severity = 'error'): Finding => ({
    field,
    code: 'c',
    severity,
    message_vi: `vi ${field}`,
    message_en: `en ${field}`,
  });
  it('go into the shown field or the general list', () => {
    const g = findingsByField([f('cccd'), f('attachments'), f('cccd')], ['cccd', 'email']);
    expect(g.cccd).toHaveLength(2);
    expect(g['']).toHaveLength(1);
    expect(g.email).toBeUndefined();
  });
  it('pick the language and tell errors from warnings', () => {
    expect(findingText(f('x'), 'vi')).toBe('vi x');
    expect(findingText(f('x'), 'en')).toBe('en x');
    expect(hasErrors([f('a', 'warning')])).toBe(false);
    expect(hasErrors([f('a', 'warning'), f('b')])).toBe(true);
  });
});
