// Findings as a plain list for an alert: each in the chosen language, after the label of its
// field when `withField` (left out where the context already says which field).
import type { Finding } from '../api/types';
import { useLang } from '../lib/i18n';
import { fieldLabel } from '../lib/labels';
import { findingText } from '../lib/validation';

export function FindingLines({ findings, withField = true }: { findings: readonly Finding[]; withField?: boolean }) {
  const { lang } = useLang();
  return (
    <ul style={{ margin: 0, paddingLeft: 20 }}>
      {findings.map((f, i) => (
        <li key={i}>
          {withField && (
            <>
              <b>{fieldLabel(f.field, lang)}</b>:{' '}
            </>
          )}
          {findingText(f, lang)}
        </li>
      ))}
    </ul>
  );
}
