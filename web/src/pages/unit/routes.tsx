// The unit manager's screens (people) and the request and certificate screens every role shares.
import { FileAddOutlined, FileTextOutlined, SafetyCertificateOutlined, TeamOutlined } from '@ant-design/icons';
import type { Role } from '../../api/types';
import type { PortalRoute } from '../../routes/types';
import { CertificateList } from './CertificateList';
import { PeopleList } from './PeopleList';
import { PersonDetail } from './PersonDetail';
import { PersonNew } from './PersonNew';
import { RequestDetail } from './RequestDetail';
import { RequestList } from './RequestList';
import { RequestNew } from './RequestNew';

const SIGNED_IN: Role[] = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer', 'ca_operator', 'auditor', 'admin'];
const PEOPLE: Role[] = ['unit_manager', 'aggregator', 'admin'];
const CREATORS: Role[] = ['subscriber', 'unit_manager', 'aggregator'];

export const unitRoutes: PortalRoute[] = [
  {
    path: '/people',
    element: <PeopleList />,
    roles: PEOPLE,
    menu: { vi: 'Nhân sự đơn vị', en: 'People', icon: <TeamOutlined />, order: 20 },
  },
  { path: '/people/new', element: <PersonNew />, roles: PEOPLE },
  { path: '/people/:id', element: <PersonDetail />, roles: [...PEOPLE, 'subscriber'] },
  {
    path: '/requests',
    element: <RequestList />,
    roles: SIGNED_IN,
    menu: { vi: 'Yêu cầu', en: 'Requests', icon: <FileTextOutlined />, order: 30 },
  },
  {
    path: '/requests/new',
    element: <RequestNew />,
    roles: CREATORS,
    menu: { vi: 'Tạo yêu cầu', en: 'New request', icon: <FileAddOutlined />, order: 31 },
  },
  { path: '/requests/:id', element: <RequestDetail />, roles: SIGNED_IN },
  {
    path: '/certificates',
    element: <CertificateList />,
    roles: SIGNED_IN,
    menu: { vi: 'Chứng thư số', en: 'Certificates', icon: <SafetyCertificateOutlined />, order: 40 },
  },
];
