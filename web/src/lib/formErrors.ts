// A server error shown in the form fields it concerns. The server names some fields as its CLI
// options do ("--deadline", "org", "subscriber", "parent"); formField maps them onto the forms'
// names. Nothing here imports React: the forms pass their antd FormInstance.
import type { FormInstance } from 'antd';
import { ApiError } from '../api/client';
import type { Lang } from './format';
import { findingText } from './validation';

const RENAMED: Record<string, string> = { org: 'org_id', subscriber: 'subscriber_id', parent: 'parent_id' };

/** The form field a server error field names. */
export function formField(serverField: string | undefined): string | undefined {
  if (!serverField) return undefined;
  const f = serverField.replace(/^-+/, '');
  return RENAMED[f] ?? f;
}

/** The text under a field: the problem's title alone (its detail repeats it with the field name). */
export function fieldErrorText(e: ApiError, lang: Lang): string {
  const p = e.problem;
  const title = lang === 'vi' ? p.title || p.title_en : p.title_en || p.title;
  return title || e.text(lang);
}

/**
 * Puts an API error into the form fields it concerns (the problem's field and its findings);
 * answers whether everything found a field, i.e. nothing is left to show above the form.
 */
export function showInFields(form: FormInstance, e: unknown, fields: readonly string[], lang: Lang): boolean {
  if (!(e instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  const field = formField(e.field);
  let placed = false;
  if (field && fields.includes(field)) {
    byField.set(field, [fieldErrorText(e, lang)]);
    placed = true;
  }
  let stray = 0;
  for (const f of e.findings) {
    const name = formField(f.field);
    if (name && fields.includes(name)) {
      byField.set(name, [...(byField.get(name) ?? []), findingText(f, lang)]);
    } else {
      stray += 1;
    }
  }
  form.setFields([...byField.entries()].map(([name, errors]) => ({ name, errors })));
  return placed && stray === 0;
}
