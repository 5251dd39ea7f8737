// The frame around every screen: a "skip to the main content" link for keyboard users, a side
// menu built from the routes the user's role may open (a drawer on phone-sized screens), the
// language switch, the user and sign-out. When a navigation removes the element that had the focus
// (signing in removes the form), the focus goes back to the top, so the next Tab reaches the skip
// link instead of whatever happened to follow the removed element.
import { GlobalOutlined, LogoutOutlined, MenuOutlined, SafetyCertificateFilled } from '@ant-design/icons';
import { Button, Drawer, Grid, Layout, Menu, Space, Tag, Typography } from 'antd';
import { useLayoutEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { Link, useLocation, useNavigate } from 'react-router-dom';
import { useSession } from '../auth/session';
import { useLang } from '../lib/i18n';
import { roleLabel } from '../lib/labels';
import { ROUTES } from '../routes';

const { Header, Sider, Content, Footer } = Layout;

function useMenuItems() {
  const { user } = useSession();
  const { lang } = useLang();
  return useMemo(() => {
    const visible = ROUTES.filter((r) => {
      if (!r.menu) return false;
      if (r.roles === 'public') return true;
      return !!user && r.roles.includes(user.role);
    });
    // menu.group, when set, decides the section ("/" is open to all but belongs to the main one).
    const isOpen = (r: (typeof visible)[number]) => (r.menu!.group ? r.menu!.group === 'public' : r.roles === 'public');
    const signedIn = visible.filter((r) => !isOpen(r)).sort((a, b) => a.menu!.order - b.menu!.order);
    const open = visible.filter(isOpen).sort((a, b) => a.menu!.order - b.menu!.order);
    const item = (r: (typeof visible)[number]) => ({
      key: r.path,
      icon: r.menu!.icon,
      label: <Link to={r.path}>{lang === 'vi' ? r.menu!.vi : r.menu!.en}</Link>,
    });
    const items = signedIn.map(item);
    if (open.length) {
      items.push({ type: 'divider' } as never);
      items.push(...open.map(item));
    }
    return items;
  }, [user, lang]);
}

function selectedKey(pathname: string): string {
  let best = '/';
  for (const r of ROUTES) {
    if (!r.menu) continue;
    if (r.path === pathname) return r.path;
    if (r.path !== '/' && pathname.startsWith(r.path + '/') && r.path.length > best.length) best = r.path;
  }
  return best;
}

export function LangSwitch() {
  const { lang, setLang } = useLang();
  return (
    <Button
      icon={<GlobalOutlined />}
      onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')}
      aria-label={lang === 'vi' ? 'Switch to English' : 'Chuyển sang tiếng Việt'}
      data-testid="lang-switch"
    >
      {lang === 'vi' ? 'English' : 'Tiếng Việt'}
    </Button>
  );
}

export function AppShell({ children }: { children: ReactNode }) {
  const { user, signOut } = useSession();
  const { lang, t } = useLang();
  const screens = Grid.useBreakpoint();
  const narrow = !screens.lg;
  const [drawer, setDrawer] = useState(false);
  const items = useMenuItems();
  const location = useLocation();
  const navigate = useNavigate();
  const top = useRef<HTMLSpanElement>(null);
  const firstPath = useRef(location.pathname);
  useLayoutEffect(() => {
    if (location.pathname === firstPath.current) return;
    firstPath.current = '';
    const active = document.activeElement;
    if (!active || active === document.body) top.current?.focus({ preventScroll: true });
  }, [location.pathname]);
  const menu = (
    <Menu
      mode="inline"
      theme="light"
      items={items}
      selectedKeys={[selectedKey(location.pathname)]}
      onClick={() => setDrawer(false)}
      aria-label={t('Chức năng', 'Navigation')}
      style={{ borderInlineEnd: 'none' }}
    />
  );

  return (
    <Layout style={{ minHeight: '100vh' }}>
      <span ref={top} tabIndex={-1} data-testid="focus-top" style={{ position: 'absolute', outline: 'none' }} />
      <a
        href="#main"
        className="skip-link"
        data-testid="skip-link"
        onClick={(e) => {
          // Focus the content without touching the router's location.
          e.preventDefault();
          document.getElementById('main')?.focus();
        }}
      >
        {t('Bỏ qua, đến nội dung chính', 'Skip to the main content')}
      </a>
      <Header
        style={{
          display: 'flex',
          alignItems: 'center',
          gap: 12,
          padding: narrow ? '0 12px' : '0 24px',
          background: '#7f0d18',
          position: 'sticky',
          top: 0,
          zIndex: 10,
        }}
      >
        {narrow && (
          <Button
            type="text"
            icon={<MenuOutlined style={{ color: '#fff' }} />}
            aria-label={t('Mở danh mục chức năng', 'Open the menu')}
            onClick={() => setDrawer(true)}
          />
        )}
        <Link to="/" style={{ display: 'flex', alignItems: 'center', gap: 8, color: '#fff', minWidth: 0 }}>
          <SafetyCertificateFilled style={{ fontSize: 24, color: '#ffd666' }} aria-hidden />
          <Typography.Text strong style={{ color: '#fff', fontSize: narrow ? 15 : 17, whiteSpace: 'nowrap' }} ellipsis>
            {t('Chứng thư số chuyên dùng', 'Government certificates')}
          </Typography.Text>
        </Link>
        <div style={{ flex: 1 }} />
        <Space size={narrow ? 4 : 12}>
          <LangSwitch />
          {user ? (
            <>
              {!narrow && (
                <span style={{ color: '#fff' }} data-testid="current-user">
                  {user.login} <Tag color="gold">{roleLabel(user.role, lang)}</Tag>
                </span>
              )}
              <Button
                icon={<LogoutOutlined />}
                onClick={async () => {
                  await signOut();
                  navigate('/signin');
                }}
                data-testid="sign-out"
              >
                {narrow ? '' : t('Đăng xuất', 'Sign out')}
              </Button>
            </>
          ) : (
            <Button type="primary" onClick={() => navigate('/signin')} data-testid="go-sign-in">
              {t('Đăng nhập', 'Sign in')}
            </Button>
          )}
        </Space>
      </Header>
      <Layout>
        {!narrow && (
          <Sider width={248} theme="light" style={{ borderInlineEnd: '1px solid #f0f0f0' }}>
            <nav>{menu}</nav>
          </Sider>
        )}
        {narrow && (
          <Drawer placement="left" open={drawer} onClose={() => setDrawer(false)} width={280} title={t('Chức năng', 'Menu')}>
            <nav>{menu}</nav>
          </Drawer>
        )}
        <Layout>
          <Content id="main" tabIndex={-1} style={{ padding: narrow ? 12 : 24, minWidth: 0, outline: 'none' }}>
            {children}
          </Content>
          <Footer style={{ textAlign: 'center', color: '#595959', padding: '12px 24px' }}>
            {t(
              'chungthu — quản lý vòng đời chứng thư số cho cơ quan nhà nước',
              'chungthu — certificate lifecycle for government bodies',
            )}
          </Footer>
        </Layout>
      </Layout>
    </Layout>
  );
}
