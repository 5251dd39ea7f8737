// The home page for visitors who are not signed in: what the portal is, and the public services.
import { FileProtectOutlined, LoginOutlined, SearchOutlined } from '@ant-design/icons';
import { Card, Col, Row, Typography } from 'antd';
import type { ReactNode } from 'react';
import { useLang } from '../../lib/i18n';
import { LinkButton } from './LinkButton';

interface Entry {
  to: string;
  testId: string;
  icon: ReactNode;
  primary?: boolean;
  title: string;
  text: string;
  action: string;
}

export function Welcome() {
  const { t } = useLang();
  const entries: Entry[] = [
    {
      to: '/lookup',
      testId: 'welcome-lookup',
      icon: <SearchOutlined />,
      primary: true,
      title: t('Tra cứu chứng thư', 'Look a certificate up'),
      text: t('Tìm theo số hiệu, thư điện tử hoặc họ tên (gõ không dấu cũng được).', 'Search by serial number, e-mail or name (diacritics optional).'),
      action: t('Tra cứu', 'Look up'),
    },
    {
      to: '/check',
      testId: 'welcome-check',
      icon: <FileProtectOutlined />,
      title: t('Kiểm tra tệp chứng thư', 'Check a certificate file'),
      text: t(
        'Tải lên tệp .cer, .crt, .pem hoặc .der để biết chứng thư có do hệ thống cấp và còn hiệu lực không.',
        'Upload a .cer, .crt, .pem or .der file to see whether we issued it and whether it is still good.',
      ),
      action: t('Kiểm tra tệp', 'Check a file'),
    },
    {
      to: '/signin',
      testId: 'welcome-signin',
      icon: <LoginOutlined />,
      title: t('Cán bộ, thuê bao', 'Staff and subscribers'),
      text: t('Đăng nhập để lập yêu cầu, xét duyệt hoặc theo dõi chứng thư của mình.', 'Sign in to file or review requests, or to follow your certificates.'),
      action: t('Đăng nhập', 'Sign in'),
    },
  ];
  return (
    <div style={{ maxWidth: 960 }}>
      <Typography.Title level={2}>{t('Chứng thư số chuyên dùng Chính phủ', 'Government digital certificates')}</Typography.Title>
      <Typography.Paragraph style={{ fontSize: 16 }}>
        {t(
          'Cổng đăng ký và quản lý chứng thư số cho các cơ quan nhà nước: đơn vị lập yêu cầu, đầu mối tổng hợp danh sách, cơ quan tiếp nhận xét duyệt, Cục Chứng thực số cấp và thu hồi chứng thư.',
          'Registration and lifecycle of digital certificates for state bodies: units file requests, aggregators compile lists, the registration office reviews them, the CA issues and revokes certificates.',
        )}
      </Typography.Paragraph>
      <Row gutter={[16, 16]}>
        {entries.map((e) => (
          <Col key={e.to} xs={24} md={8}>
            <Card style={{ height: '100%' }}>
              <Typography.Title level={3} style={{ fontSize: 18, marginTop: 0 }}>
                {e.title}
              </Typography.Title>
              <Typography.Paragraph>{e.text}</Typography.Paragraph>
              <LinkButton to={e.to} type={e.primary ? 'primary' : undefined} icon={e.icon} data-testid={e.testId}>
                {e.action}
              </LinkButton>
            </Card>
          </Col>
        ))}
      </Row>
    </div>
  );
}
