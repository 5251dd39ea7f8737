// Puts an API error into the form fields it concerns (the problem's field and its findings);
// answers whether anything was left to show above the form.
import type { FormInstance } from 'antd';
import { ApiError } from '../../api/client';
import type { Lang } from '../../lib/format';
import { findingText } from '../../lib/validation';
import { formField } from './batchHelpers';

export function showInFields(form: FormInstance, e: unknown, fields: readonly string[], lang: Lang): boolean {
  if (!(e instanceof ApiError)) return false;
  const byField = new Map<string, string[]>();
  const field = formField(e.field);
  let placed = false;
  if (field && fields.includes(field)) {
    const p = e.problem;
    byField.set(field, [(lang === 'vi' ? p.title || p.detail : p.title_en || p.detail_en) || e.text(lang)]);
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
