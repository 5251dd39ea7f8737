// Shows an API error (or any thrown value) in the chosen language, with the field it concerns
// and the server's findings listed.
import { Alert } from 'antd';
import { ApiError } from '../api/client';
import { fieldLabel } from '../lib/labels';
import { useLang } from '../lib/i18n';
import { FindingLines } from './FindingLines';

export function errorText(e: unknown, lang: 'vi' | 'en'): string {
  if (e instanceof ApiError) return e.text(lang);
  if (e instanceof Error) return e.message;
  return String(e);
}

export function ErrorAlert({
  error,
  style,
  action,
  'data-testid': testId,
}: {
  error: unknown;
  style?: React.CSSProperties;
  /** A way out beside the message (e.g. start the request the server asks for). */
  action?: React.ReactNode;
  'data-testid'?: string;
}) {
  const { lang, t } = useLang();
  if (!error) return null;
  const findings = error instanceof ApiError ? error.findings : [];
  const field = error instanceof ApiError ? error.field : undefined;
  return (
    <Alert
      type="error"
      showIcon
      role="alert"
      style={{ marginBottom: 16, ...style }}
      action={action}
      data-testid={testId}
      message={errorText(error, lang)}
      description={
        findings.length > 0 || field ? (
          <>
            {field && (
              <div>
                {t('Trường', 'Field')}: <b>{fieldLabel(field, lang)}</b>
              </div>
            )}
            {findings.length > 0 && (
              <FindingLines findings={findings} />
            )}
          </>
        ) : undefined
      }
    />
  );
}
