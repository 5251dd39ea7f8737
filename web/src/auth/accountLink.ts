// Pure helpers of the one-time account links (activation and password reset): the token read
// from the URL fragment ({portal}/activate#t=TOKEN, never sent to a server or written to its
// logs), the TOTP secret laid out for reading, the new password's checks (the server stays the
// judge) and what a refusal means for the page.
import { ApiError } from '../api/client';
import type { AccountLink } from '../api/types';
import type { FieldMessage } from '../lib/validation';

/** The server's bounds (registry check_new_password): at least 12 characters, at most 1024 UTF-8 bytes. */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_BYTES = 1024;

/**
 * The `t` parameter of a location.hash ("#t=…", "#a=1&t=…"), percent-decoded; "" when there is
 * none. A "+" stays a "+" (URLSearchParams would make it a space and break a base64 token).
 */
export function tokenFromHash(hash: string): string {
  for (const part of hash.replace(/^#/, '').split('&')) {
    const eq = part.indexOf('=');
    if (eq < 0 || part.slice(0, eq) !== 't') continue;
    try {
      return decodeURIComponent(part.slice(eq + 1)).trim();
    } catch {
      return '';
    }
  }
  return '';
}

/** A base32 secret without spaces or padding, upper case, in blocks of 4 for reading: "JBSW Y3DP …". */
export function groupSecret(secret: string): string {
  const s = secret.replace(/[\s=]/g, '').toUpperCase();
  return s.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Whether `uri` may be shown as a link for an authenticator app (otpauth://totp/… only). */
export function isOtpauthUri(uri: string | undefined): uri is string {
  return !!uri && /^otpauth:\/\/totp\//i.test(uri);
}

/** Whether the page asks for a 6-digit code (a new enrolment, or the app already enrolled). */
export function needsCode(totp: AccountLink['totp']): boolean {
  return totp === 'enrol' || totp === 'required';
}

/**
 * Why a new password is refused before sending; null when it passes. Length counts characters
 * (not UTF-16 units); the login may not be the password, whatever the case of its letters.
 */
export function passwordProblem(password: string | undefined, login?: string): FieldMessage | null {
  if (!password) return { vi: 'Nhập mật khẩu mới', en: 'Enter a new password' };
  if ([...password].length < MIN_PASSWORD_LENGTH)
    return {
      vi: `Mật khẩu phải có ít nhất ${MIN_PASSWORD_LENGTH} ký tự`,
      en: `The password must be at least ${MIN_PASSWORD_LENGTH} characters long`,
    };
  if (new TextEncoder().encode(password).length > MAX_PASSWORD_BYTES)
    return { vi: 'Mật khẩu quá dài', en: 'The password is too long' };
  if (login && password.toLowerCase() === login.toLowerCase())
    return { vi: 'Mật khẩu không được trùng tên đăng nhập', en: 'The password must not be the login' };
  return null;
}

/** Why the repeated password is refused; null when both are equal. */
export function repeatProblem(password: string | undefined, repeat: string | undefined): FieldMessage | null {
  if (!repeat) return { vi: 'Nhập lại mật khẩu mới', en: 'Repeat the new password' };
  if (repeat !== password) return { vi: 'Hai mật khẩu không khớp', en: 'The two passwords do not match' };
  return null;
}

/**
 * What a refused account call means: "invalid" — the link is unknown, used or expired (404, the
 * problem's field is "token"); "busy" — too many attempts (429); "other" — anything else, shown as is.
 */
export type LinkFailure = 'invalid' | 'busy' | 'other';

export function linkFailure(e: unknown): LinkFailure {
  if (!(e instanceof ApiError)) return 'other';
  if (e.status === 429) return 'busy';
  if (e.status === 404 || e.field === 'token') return 'invalid';
  return 'other';
}
