import { FileProtectOutlined, SearchOutlined } from '@ant-design/icons';
import type { PortalRoute } from '../../routes/types';
import { CheckFile } from './CheckFile';
import { Lookup } from './Lookup';

export const publicRoutes: PortalRoute[] = [
  {
    path: '/lookup',
    element: <Lookup />,
    roles: 'public',
    menu: { vi: 'Tra cứu chứng thư', en: 'Certificate lookup', icon: <SearchOutlined />, order: 90, group: 'public' },
  },
  {
    path: '/check',
    element: <CheckFile />,
    roles: 'public',
    menu: { vi: 'Kiểm tra tệp chứng thư', en: 'Check a certificate file', icon: <FileProtectOutlined />, order: 91, group: 'public' },
  },
];
