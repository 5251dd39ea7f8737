// A refused account call (activation, password reset): an unknown, used or expired link says
// how to get a new one; too many attempts asks to wait; anything else is shown as usual.
import { Alert } from 'antd';
import { Link } from 'react-router-dom';
import { ErrorAlert, errorText } from '../components/ErrorAlert';
import { useLang } from '../lib/i18n';
import { linkFailure } from './accountLink';

export function AccountError({ error }: { error: unknown }) {
  const { lang, t } = useLang();
  if (!error) return null;
  switch (linkFailure(error)) {
    case 'invalid':
      return (
        <Alert
          type="error"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          data-testid="account-link-invalid"
          message={errorText(error, lang)}
          description={
            <>
              {t(
                'Liên kết chỉ dùng được một lần và trong thời gian ngắn. Hãy đề nghị quản trị hệ thống gửi liên kết mới, hoặc dùng «Quên mật khẩu?» ở ',
                'A link works once and for a short time only. Ask the administrator for a new link, or use “Forgot your password?” on ',
              )}
              <Link to="/signin">{t('trang đăng nhập', 'the sign-in page')}</Link>.
            </>
          }
        />
      );
    case 'busy':
      return (
        <Alert
          type="warning"
          showIcon
          role="alert"
          style={{ marginBottom: 16 }}
          data-testid="account-busy"
          message={t('Có quá nhiều yêu cầu. Vui lòng thử lại sau ít phút.', 'Too many attempts. Please try again shortly.')}
          description={errorText(error, lang)}
        />
      );
    default:
      return <ErrorAlert error={error} />;
  }
}
