// The new TOTP secret of an activation or a re-enrolment (RFC 6238, added to an authenticator
// app by hand or through its otpauth:// address), shown in blocks of four for reading and copied
// whole.
import { Alert, Descriptions, Typography } from 'antd';
import { useLang } from '../lib/i18n';
import { groupSecret, isOtpauthUri } from './accountLink';

export function TotpEnrol({ secret, uri }: { secret: string; uri?: string }) {
  const { t } = useLang();
  return (
    <section aria-labelledby="totp-enrol-title" style={{ marginBottom: 16 }} data-testid="totp-enrol">
      <Typography.Title level={3} id="totp-enrol-title" style={{ fontSize: 16 }}>
        {t('Đăng ký ứng dụng xác thực', 'Add the account to an authenticator app')}
      </Typography.Title>
      <Typography.Paragraph>
        {t(
          'Mở ứng dụng xác thực trên điện thoại (Google Authenticator, Microsoft Authenticator, FreeOTP…), chọn thêm tài khoản bằng cách nhập khóa và nhập khóa dưới đây (loại: theo thời gian). Trên điện thoại, có thể nhấn liên kết otpauth:// để thêm thẳng. Sau đó nhập mã 6 chữ số ứng dụng hiển thị vào ô «Mã xác thực».',
          'Open an authenticator app on your phone (Google Authenticator, Microsoft Authenticator, FreeOTP…), choose to add an account by entering a key, and enter the key below (type: time based). On the phone, the otpauth:// link adds it directly. Then type the 6-digit code the app shows into “Authentication code”.',
        )}
      </Typography.Paragraph>
      <Descriptions column={1} size="small" bordered>
        <Descriptions.Item label={t('Khóa bí mật', 'Secret key')}>
          <Typography.Text code copyable={{ text: secret.replace(/\s/g, '') }} style={{ fontSize: 15 }} data-testid="totp-secret">
            {groupSecret(secret)}
          </Typography.Text>
        </Descriptions.Item>
        {isOtpauthUri(uri) && (
          <Descriptions.Item label="otpauth://">
            <Typography.Link href={uri} copyable={{ text: uri }} style={{ wordBreak: 'break-all', fontSize: 12 }} data-testid="totp-uri">
              {uri}
            </Typography.Link>
          </Descriptions.Item>
        )}
      </Descriptions>
      <Alert
        type="warning"
        showIcon
        style={{ marginTop: 12 }}
        message={t(
          'Không chia sẻ khóa này với ai, kể cả quản trị hệ thống.',
          'Share this key with no one, the administrator included.',
        )}
      />
    </section>
  );
}
