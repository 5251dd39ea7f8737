// A failure shown as a passing message (for actions whose screen has no place for an ErrorAlert).
import { App } from 'antd';
import { useLang } from '../lib/i18n';
import { errorText } from './ErrorAlert';

/** show(e, seconds?): the error in the chosen language, for `seconds` (antd's default without). */
export function useErrorMessage(): (e: unknown, seconds?: number) => void {
  const { lang } = useLang();
  const { message } = App.useApp();
  return (e, seconds) => {
    message.error(errorText(e, lang), seconds);
  };
}
