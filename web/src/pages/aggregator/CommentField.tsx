// The comment box of a return or a decision, with the message the server gives about it.
import { Form, Input } from 'antd';
import { ApiError } from '../../api/client';
import type { Lang } from '../../lib/format';

/** The server's message when it refused the comment itself (field "comment"), else undefined. */
export function commentErrorOf(e: unknown, lang: Lang): string | undefined {
  return e instanceof ApiError && e.field === 'comment' ? e.text(lang) : undefined;
}

/** `id` names the box for its label and is its data-testid; `error` is shown under it. */
export function CommentField({
  id,
  label,
  required,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  required: boolean;
  value: string;
  error: string;
  onChange: (value: string) => void;
}) {
  return (
    <Form.Item label={label} htmlFor={id} required={required} validateStatus={error ? 'error' : undefined} help={error || undefined}>
      <Input.TextArea id={id} rows={3} value={value} onChange={(e) => onChange(e.target.value)} data-testid={id} />
    </Form.Item>
  );
}
