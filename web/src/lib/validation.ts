// Checks the browser can make while a form is typed, mirroring the server's syntax rules
// (src/registry/validation*.cpp). The server stays the judge: its findings (from the dry-run
// routes …/validate and from 422 answers) are shown in the same fields.
import type { Finding } from '../api/types';
import { parseVnDate, type Lang } from './format';

export interface FieldMessage {
  vi: string;
  en: string;
}

export function validCccd(v: string): boolean {
  return /^\d{12}$/.test(v.trim());
}

/** Mobile 0 + 9 digits (03, 05, 07, 08, 09), landline 02 + 9 digits, "+84" for the 0. */
export function validVnPhone(v: string): boolean {
  let s = v.trim();
  let digits = '';
  if (s.startsWith('+84')) {
    digits = '0';
    s = s.slice(3);
  }
  for (const c of s) {
    if (c === ' ' || c === '.' || c === '-') continue;
    if (c < '0' || c > '9') return false;
    digits += c;
  }
  if (digits.length < 2 || digits[0] !== '0') return false;
  if (digits.length === 10) return '35789'.includes(digits[1]);
  if (digits.length === 11) return digits[1] === '2';
  return false;
}

export function validEmail(v: string): boolean {
  const e = v.trim();
  const at = e.indexOf('@');
  if (at <= 0 || at !== e.lastIndexOf('@') || e.length > 254) return false;
  const local = e.slice(0, at);
  const domain = e.slice(at + 1);
  if (local.length > 64 || local.startsWith('.') || local.endsWith('.') || local.includes('..')) return false;
  if (!/^[A-Za-z0-9._+%-]+$/.test(local)) return false;
  if (domain.length < 4 || !domain.includes('.') || domain.startsWith('.') || domain.endsWith('.') || domain.includes('..'))
    return false;
  if (!/^[A-Za-z0-9.-]+$/.test(domain)) return false;
  const tld = domain.slice(domain.lastIndexOf('.') + 1);
  return tld.length >= 2 && /^[A-Za-z]+$/.test(tld);
}

/**
 * The form rule of an optional e-mail field: empty passes (the field is left out, or removes the
 * address), anything else must pass validEmail.
 */
export function optionalEmailRule(t: (vi: string, en: string) => string) {
  return {
    validator: (_: unknown, v?: string) =>
      !v?.trim() || validEmail(v) ? Promise.resolve() : Promise.reject(new Error(t('Thư điện tử không hợp lệ', 'Invalid e-mail'))),
  };
}

/** Age in whole years on `today` of someone born on a dd/MM/yyyy date; null if unreadable. */
export function ageOn(dob: string, today: Date = new Date()): number | null {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(dob.trim());
  if (!m || !parseVnDate(dob)) return null;
  const vnToday = new Date(today.getTime() + 7 * 3600 * 1000);
  let age = vnToday.getUTCFullYear() - Number(m[3]);
  const month = vnToday.getUTCMonth() + 1;
  if (month < Number(m[2]) || (month === Number(m[2]) && vnToday.getUTCDate() < Number(m[1]))) age -= 1;
  return age;
}

export interface PersonFields {
  full_name?: string;
  cccd?: string;
  cccd_date?: string;
  cccd_place?: string;
  dob?: string;
  email?: string;
  phone?: string;
  position?: string;
}

/** The messages for one person's fields, by field name; empty when all checks pass. */
export function checkPerson(p: PersonFields, today: Date = new Date()): Record<string, FieldMessage> {
  const out: Record<string, FieldMessage> = {};
  if (p.full_name !== undefined && !p.full_name.trim())
    out.full_name = { vi: 'Nhập họ và tên', en: 'Enter the full name' };
  if (p.cccd && !validCccd(p.cccd))
    out.cccd = {
      vi: 'Số căn cước công dân phải gồm đúng 12 chữ số',
      en: 'The citizen ID number must be exactly 12 digits',
    };
  for (const f of ['dob', 'cccd_date'] as const) {
    const v = p[f];
    if (v && !parseVnDate(v))
      out[f] = { vi: 'Ngày phải viết dạng dd/MM/yyyy và có thật', en: 'Dates must be written dd/MM/yyyy and exist' };
  }
  if (p.dob && !out.dob) {
    const age = ageOn(p.dob, today);
    if (age !== null && age < 18)
      out.dob = { vi: `Người đề nghị phải đủ 18 tuổi (hiện ${age} tuổi)`, en: `The person must be at least 18 (now ${age})` };
  }
  if (p.cccd_date && !out.cccd_date) {
    const issued = parseVnDate(p.cccd_date);
    const born = p.dob ? parseVnDate(p.dob) : null;
    if (issued && issued.getTime() > today.getTime())
      out.cccd_date = { vi: 'Ngày cấp không được ở tương lai', en: 'The issue date cannot be in the future' };
    else if (issued && born && issued.getTime() < born.getTime())
      out.cccd_date = { vi: 'Ngày cấp không được trước ngày sinh', en: 'The issue date cannot be before the birth date' };
  }
  if (p.email && !validEmail(p.email))
    out.email = { vi: 'Địa chỉ thư điện tử không hợp lệ', en: 'Invalid e-mail address' };
  if (p.phone && !validVnPhone(p.phone))
    out.phone = {
      vi: 'Số điện thoại không hợp lệ (10 số bắt đầu bằng 0, cố định 11 số, hoặc +84)',
      en: 'Invalid phone number (10 digits starting with 0, 11 for a landline, or +84)',
    };
  return out;
}

/**
 * Groups server findings by the form field they concern. Findings with a field the form does
 * not show go under "" so the form can list them above its buttons.
 */
export function findingsByField(findings: Finding[], shownFields: readonly string[]): Record<string, Finding[]> {
  const out: Record<string, Finding[]> = {};
  for (const f of findings) {
    const key = shownFields.includes(f.field) ? f.field : '';
    (out[key] ??= []).push(f);
  }
  return out;
}

export function findingText(f: Finding, lang: Lang): string {
  return lang === 'vi' ? f.message_vi || f.message_en : f.message_en || f.message_vi;
}

export function hasErrors(findings: Finding[]): boolean {
  return findings.some((f) => f.severity === 'error');
}
