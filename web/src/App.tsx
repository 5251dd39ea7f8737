import { App as AntApp, ConfigProvider } from 'antd';
import enUS from 'antd/locale/en_US';
import viVN from 'antd/locale/vi_VN';
import dayjs from 'dayjs';
import 'dayjs/locale/vi';
import { useEffect } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation } from 'react-router-dom';
import { SessionProvider, useSession } from './auth/session';
import { Forbidden, NotFound } from './components/Status';
import { AppShell } from './layout/AppShell';
import { LangProvider, useLang } from './lib/i18n';
import { ROUTES } from './routes';
import { PageLoading, lazyPage } from './routes/lazyPage';
import type { PortalRoute } from './routes/types';

function Guard({ route }: { route: PortalRoute }) {
  const { user, loading } = useSession();
  const location = useLocation();
  if (route.roles === 'public') return <>{route.element}</>;
  if (loading) return <PageLoading />;
  if (!user) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  if (!route.roles.includes(user.role)) return <Forbidden />;
  return <>{route.element}</>;
}

const signIn = lazyPage(() => import('./auth/SignIn'), 'SignIn');

function Themed() {
  const { lang } = useLang();
  useEffect(() => {
    dayjs.locale(lang === 'vi' ? 'vi' : 'en');
  }, [lang]);
  return (
    <ConfigProvider
      locale={lang === 'vi' ? viVN : enUS}
      theme={{
        token: {
          colorPrimary: '#a8071a',
          colorLink: '#a8071a',
          // Secondary texts (captions, labels, hints) dark enough for WCAG AA on white and grey.
          colorTextSecondary: 'rgba(0, 0, 0, 0.66)',
          colorTextTertiary: 'rgba(0, 0, 0, 0.64)',
          colorTextDescription: 'rgba(0, 0, 0, 0.64)',
          // Danger buttons and error texts: red-7 (5.9:1 on white) instead of red-5 (3.3:1).
          colorError: '#cf1322',
          borderRadius: 6,
          fontFamily:
            "'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue', Arial, sans-serif, 'Apple Color Emoji', 'Segoe UI Emoji'",
        },
      }}
    >
      {/* AntApp: message, modal and notification from App.useApp() follow this theme and locale. */}
      <AntApp>
        <BrowserRouter>
          <AppShell>
            <Routes>
              <Route path="/signin" element={signIn} />
              {ROUTES.map((r) => (
                <Route key={r.path} path={r.path} element={<Guard route={r} />} />
              ))}
              <Route path="*" element={<NotFound />} />
            </Routes>
          </AppShell>
        </BrowserRouter>
      </AntApp>
    </ConfigProvider>
  );
}

export function App() {
  return (
    <LangProvider>
      <SessionProvider>
        <Themed />
      </SessionProvider>
    </LangProvider>
  );
}
