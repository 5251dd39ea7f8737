import { FileProtectOutlined, MailOutlined, SearchOutlined } from '@ant-design/icons';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

export const publicRoutes: PortalRoute[] = [
  {
    path: '/lookup',
    element: lazyPage(() => import('./Lookup'), 'Lookup'),
    roles: 'public',
    menu: { vi: 'Tra cứu chứng thư', en: 'Certificate lookup', icon: <SearchOutlined />, order: 90, group: 'public' },
  },
  {
    path: '/check',
    element: lazyPage(() => import('./CheckFile'), 'CheckFile'),
    roles: 'public',
    menu: { vi: 'Kiểm tra tệp chứng thư', en: 'Check a certificate file', icon: <FileProtectOutlined />, order: 91, group: 'public' },
  },
  {
    // The footer of every mail links to this exact path (src/notify/templates.cpp on the server).
    path: '/huong-dan/kiem-tra-thu',
    element: lazyPage(() => import('./MailCheckGuide'), 'MailCheckGuide'),
    roles: 'public',
    menu: { vi: 'Kiểm tra thư điện tử', en: 'Check a mail', icon: <MailOutlined />, order: 92, group: 'public' },
  },
  {
    // Activation and password-reset mails link to {portal}/activate#t=TOKEN (the token in the
    // fragment). Not in the menu: the page is only useful through such a link.
    path: '/activate',
    element: lazyPage(() => import('../../auth/Activate'), 'Activate'),
    roles: 'public',
  },
];
