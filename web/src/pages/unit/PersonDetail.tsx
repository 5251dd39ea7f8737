// /people/:id — one person: their data, their certificates with expiry, their key devices, their
// requests, and the requests that make sense to start for them; "edit the data" while no
// certificate is in force.
import { EditOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Descriptions, Space, Spin, Table, Tag } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api } from '../../api/client';
import type { CertRequest, Certificate, Page, Subscriber } from '../../api/types';
import { useSession } from '../../auth/session';
import { ErrorAlert } from '../../components/ErrorAlert';
import { CertStatusTag, NotFound, PageTitle } from '../../components/Status';
import { formatDate, formatSerial } from '../../lib/format';
import { useLang } from '../../lib/i18n';
import { deviceLabel, typeLabel } from '../../lib/labels';
import { useApi } from '../../lib/useApi';
import { hasCertInForce, isCurrent, personRequestTypes } from './certs';
import { ExpiryText } from './ExpiryText';
import { LoadFailure } from './LoadFailure';
import { PersonDevices } from './PersonDevices';
import { CREATOR_ROLES, newRequestLink, typesForCertificate } from './requestForm';
import { RequestsTable } from './RequestsTable';
import { VisuallyHidden } from './VisuallyHidden';

export function PersonDetail() {
  const { id } = useParams();
  const sid = Number(id);
  if (!Number.isInteger(sid) || sid <= 0) return <NotFound />;
  return <PersonDetailOf id={sid} />;
}

function PersonDetailOf({ id }: { id: number }) {
  const { lang, t } = useLang();
  const { user, hasRole } = useSession();
  const navigate = useNavigate();
  const person = useApi(() => api.get<Subscriber>(`/api/v1/subscribers/${id}`), [id]);
  const certs = useApi(() => api.get<Page<Certificate>>('/api/v1/certificates', { subscriber_id: id, limit: 100 }), [id]);
  const reqs = useApi(() => api.get<Page<CertRequest>>('/api/v1/requests', { subscriber_id: id, limit: 100 }), [id]);
  const mayCreate = !!user && CREATOR_ROLES.includes(user.role);

  if (person.loading && !person.data) return <Spin size="large" style={{ display: 'block', margin: '64px auto' }} />;
  if (person.error || !person.data) return <LoadFailure error={person.error} />;
  const p = person.data;
  const d = p.data;
  const certList = certs.data?.items ?? [];
  const startTypes = personRequestTypes(certList, p.mailbox_provisioned);
  // Decided once the certificates are known: a direct edit, or a change_info request.
  const mayEdit = hasRole('unit_manager', 'aggregator', 'admin') && !!certs.data;
  const inForce = hasCertInForce(certList);
  const changeFrom = certList.find((c) => isCurrent(c));

  const certColumns: ColumnsType<Certificate> = [
    {
      title: t('Số hiệu', 'Serial'),
      key: 'serial',
      render: (_, c) => (
        <Link to={`/certificates?q=${encodeURIComponent(c.serial)}`} style={{ fontFamily: 'monospace', whiteSpace: 'nowrap' }}>
          {formatSerial(c.serial)}
        </Link>
      ),
    },
    { title: t('Trạng thái', 'Status'), key: 'status', render: (_, c) => <CertStatusTag status={c.status} /> },
    { title: t('Hiệu lực đến', 'Valid until'), key: 'not_after', render: (_, c) => <ExpiryText notAfter={c.not_after} status={c.status} /> },
    { title: t('Hồ sơ', 'Profile'), key: 'profile', dataIndex: 'profile' },
    ...(mayCreate
      ? [
          {
            title: t('Đề nghị', 'Request'),
            key: 'actions',
            render: (_: unknown, c: Certificate) => (
              <Space wrap size={4}>
                {typesForCertificate(c.status).map((type) => (
                  <Button
                    key={type}
                    size="small"
                    data-testid={`start-${type}-${c.serial}`}
                    onClick={() => navigate(newRequestLink(type, id, c.serial))}
                  >
                    {typeLabel(type, lang)}
                  </Button>
                ))}
              </Space>
            ),
          },
        ]
      : []),
  ];

  return (
    <>
      <PageTitle
        extra={
          mayCreate && (
            <Space wrap>
              {startTypes.map((type) => (
                <Button
                  key={type}
                  type={type === 'new' ? 'primary' : 'default'}
                  icon={<PlusOutlined />}
                  data-testid={`start-${type}`}
                  onClick={() => navigate(newRequestLink(type, id))}
                >
                  {type === 'new' ? t('Đề nghị cấp mới', 'Request a new certificate') : t('Đề nghị hòm thư công vụ', 'Request a mailbox')}
                </Button>
              ))}
            </Space>
          )
        }
      >
        {d.full_name}
      </PageTitle>
      <Card
        title={t('Thông tin người đề nghị', 'Person')}
        style={{ marginBottom: 16 }}
        extra={
          mayEdit &&
          !inForce && (
            <Button icon={<EditOutlined />} data-testid="person-edit" onClick={() => navigate(`/people/${id}/edit`)}>
              {t('Sửa thông tin', 'Edit the data')}
            </Button>
          )
        }
      >
        {mayEdit && inForce && (
          <Alert
            type="info"
            showIcon
            style={{ marginBottom: 16 }}
            data-testid="person-edit-note"
            message={t(
              'Người này đang có chứng thư số còn hiệu lực: thay đổi thông tin qua đề nghị thay đổi thông tin (Mẫu 04).',
              'This person holds a certificate in force: changes to the data go through a change-of-details request (Form 04).',
            )}
            action={
              mayCreate &&
              changeFrom && (
                <Button size="small" onClick={() => navigate(newRequestLink('change_info', id, changeFrom.serial))}>
                  {t('Tạo đề nghị', 'Start a request')}
                </Button>
              )
            }
          />
        )}
        <Descriptions column={{ xs: 1, sm: 1, md: 2, lg: 3 }} size="small">
          <Descriptions.Item label={t('Đối tượng', 'Kind')}>
            {d.kind === 'organization' ? t('Cơ quan, tổ chức (Mẫu 02)', 'Organization (Form 02)') : t('Cá nhân (Mẫu 01)', 'Individual (Form 01)')}
          </Descriptions.Item>
          {d.kind !== 'organization' && (
            <>
              <Descriptions.Item label={t('Ngày sinh', 'Date of birth')}>{d.dob}</Descriptions.Item>
              <Descriptions.Item label={t('Số CCCD', 'Citizen ID')}>
                <span style={{ fontFamily: 'monospace' }}>{d.cccd}</span>
              </Descriptions.Item>
              <Descriptions.Item label={t('Ngày cấp, nơi cấp', 'Issued on, by')}>
                {[d.cccd_date, d.cccd_place].filter(Boolean).join(' — ')}
              </Descriptions.Item>
              <Descriptions.Item label={t('Chức vụ', 'Position')}>{d.position}</Descriptions.Item>
            </>
          )}
          {d.kind === 'organization' && (
            <Descriptions.Item label={t('Người quản lý chứng thư', 'Certificate manager')}>{d.manager_name}</Descriptions.Item>
          )}
          <Descriptions.Item label={t('Thư điện tử', 'E-mail')}>{d.email}</Descriptions.Item>
          <Descriptions.Item label={t('Điện thoại', 'Phone')}>{d.phone}</Descriptions.Item>
          <Descriptions.Item label={t('Thiết bị', 'Device')}>
            {d.device ? deviceLabel(d.device, lang) : ''} {d.carrier && `(${d.carrier})`}
          </Descriptions.Item>
          <Descriptions.Item label={t('Hòm thư công vụ', 'Official mailbox')}>
            {p.mailbox_provisioned ? <Tag color="green">{t('Đã cấp', 'Provisioned')}</Tag> : <Tag>{t('Chưa cấp', 'Not yet')}</Tag>}
          </Descriptions.Item>
          <Descriptions.Item label={t('Ngày tạo', 'Created')}>{formatDate(p.created_at)}</Descriptions.Item>
        </Descriptions>
      </Card>
      <Card title={t('Chứng thư số', 'Certificates')} style={{ marginBottom: 16 }}>
        <ErrorAlert error={certs.error} />
        <Table<Certificate>
          rowKey="serial"
          size="small"
          loading={certs.loading}
          columns={certColumns}
          dataSource={certList}
          pagination={false}
          scroll={{ x: true }}
          caption={<VisuallyHidden>{t('Chứng thư số của người này', "This person's certificates")}</VisuallyHidden>}
          data-testid="person-certificates"
        />
      </Card>
      <PersonDevices subscriberId={id} />
      <Card title={t('Yêu cầu', 'Requests')}>
        <ErrorAlert error={reqs.error} />
        <RequestsTable
          rows={reqs.data?.items ?? []}
          loading={reqs.loading}
          hidePerson
          caption={t('Yêu cầu của người này', "This person's requests")}
        />
      </Card>
    </>
  );
}
