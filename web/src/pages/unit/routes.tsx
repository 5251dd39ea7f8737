// The unit manager's screens (people) and the request and certificate screens every role shares.
import { FileAddOutlined, FileTextOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import { lazyPage } from '../../routes/lazyPage';
import type { PortalRoute } from '../../routes/types';

const SIGNED_IN: Role[] = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];
const PEOPLE: Role[] = ['unit_manager', 'aggregator', 'admin'];
const CREATORS: Role[] = ['subscriber', 'unit_manager', 'aggregator'];

export const unitRoutes: PortalRoute[] = [
  {
    path: '/people',
    element: lazyPage(() => import('./PeopleList'), 'PeopleList'),
    roles: PEOPLE,
    menu: { vi: 'Nhân sự đơn vị', en: 'People', icon: <TeamOutlined />, order: 20 },
  },
  { path: '/people/new', element: lazyPage(() => import('./PersonNew'), 'PersonNew'), roles: PEOPLE },
  { path: '/people/:id/edit', element: lazyPage(() => import('./PersonEdit'), 'PersonEdit'), roles: PEOPLE },
  { path: '/people/:id', element: lazyPage(() => import('./PersonDetail'), 'PersonDetail'), roles: [...PEOPLE, 'subscriber'] },
  {
    path: '/requests',
    element: lazyPage(() => import('./RequestList'), 'RequestList'),
    roles: SIGNED_IN,
    menu: { vi: 'Yêu cầu', en: 'Requests', icon: <FileTextOutlined />, order: 30 },
  },
  {
    path: '/requests/new',
    element: lazyPage(() => import('./RequestNew'), 'RequestNew'),
    roles: CREATORS,
    menu: { vi: 'Tạo yêu cầu', en: 'New request', icon: <FileAddOutlined />, order: 31 },
  },
  { path: '/requests/:id', element: lazyPage(() => import('./RequestDetail'), 'RequestDetail'), roles: SIGNED_IN },
  {
    path: '/certificates',
    element: lazyPage(() => import('./CertificateList'), 'CertificateList'),
    roles: SIGNED_IN,
    menu: { vi: 'Chứng thư số', en: 'Certificates', icon: <SafetyCertificateOutlined />, order: 40 },
  },
];
