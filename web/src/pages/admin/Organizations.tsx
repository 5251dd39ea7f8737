// "/admin/organizations": the organization tree (built from parent_id/path) with state-body flag,
// tax code, province and address, deactivated ones marked; per organization editing, deactivation
// (with its units) and reactivation; and the form to add one.
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Col, Row, Space, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useRef, useState, type Key } from 'react';
import { ApiError } from '../../api/client';
import { ErrorAlert, errorText } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { fieldErrorText } from '../../lib/formErrors';
import { useLang } from '../../lib/i18n';
import { CreateOrg } from './CreateOrg';
import { EditOrg } from './EditOrg';
import { InactiveTag, OrgStateButton } from './OrgState';
import { useOrgs } from './OrgSelect';
import { buildOrgTree, isInactive, parentKeys, type OrgNode, type OrgRow } from './orgTree';

export function Organizations() {
  const { lang, t } = useLang();
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useOrgs([tick]);
  const rows = useMemo(() => data?.items ?? [], [data]);
  const tree = useMemo(() => buildOrgTree(rows), [rows]);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  const [editing, setEditing] = useState<OrgRow>();
  const [actionError, setActionError] = useState<unknown>();
  const errorRef = useRef<HTMLDivElement>(null);
  useEffect(() => {
    setExpanded(parentKeys(tree));
  }, [tree]);
  // A refusal is shown above the tree: bring it into view from a row further down.
  useEffect(() => {
    if (actionError) errorRef.current?.scrollIntoView?.({ block: 'nearest' });
  }, [actionError]);
  const refresh = () => setTick((n) => n + 1);

  const columns: ColumnsType<OrgNode> = [
    {
      title: t('Tên cơ quan', 'Name'),
      dataIndex: 'name',
      onCell: () => ({ style: { minWidth: 260 } }),
      render: (v: string, o) => (
        <>
          <span data-testid={`org-row-${o.id}`} data-active={!isInactive(o)}>
            {isInactive(o) ? <Typography.Text type="secondary">{v}</Typography.Text> : v}
          </span>
          {isInactive(o) && <InactiveTag org={o} />}
        </>
      ),
    },
    {
      title: t('Địa chỉ', 'Address'),
      dataIndex: 'address',
      onCell: () => ({ style: { minWidth: 160 } }),
      render: (v: string | undefined, o) => (v ? <span data-testid={`org-address-${o.id}`}>{v}</span> : '—'),
    },
    {
      title: t('Cơ quan nhà nước', 'State body'),
      dataIndex: 'state_body',
      render: (v?: boolean) => (v ? <Tag color="green">{t('Có', 'Yes')}</Tag> : <Tag color="orange">{t('Không', 'No')}</Tag>),
    },
    { title: t('Mã số thuế', 'Tax code'), dataIndex: 'tax_code', render: (v?: string) => v || '—' },
    { title: t('Tỉnh, thành phố', 'Province'), dataIndex: 'province', render: (v?: string) => v || '—' },
    { title: t('Cấp', 'Level'), dataIndex: 'level', width: 60 },
    {
      title: t('Thao tác', 'Actions'),
      key: 'actions',
      onCell: () => ({ style: { whiteSpace: 'nowrap' } }),
      render: (_: unknown, o) => (
        <Space size={4}>
          <Button
            size="small"
            icon={<EditOutlined />}
            onClick={() => setEditing(o)}
            aria-label={t(`Sửa thông tin «${o.name}»`, `Edit «${o.name}»`)}
            data-testid={`org-edit-${o.id}`}
          >
            {t('Sửa', 'Edit')}
          </Button>
          <OrgStateButton org={o} onChanged={refresh} onError={setActionError} />
        </Space>
      ),
    },
  ];

  return (
    <>
      <PageTitle>{t('Cơ quan, tổ chức', 'Organizations')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xxl={16}>
          <Typography.Title level={3} style={{ fontSize: 18 }} id="orgs-title">
            {t('Cây cơ quan', 'Organization tree')}
          </Typography.Title>
          <ErrorAlert error={error} />
          <div ref={errorRef}>
            {actionError !== undefined && (
              <Alert
                type="error"
                showIcon
                role="alert"
                closable
                onClose={() => setActionError(undefined)}
                style={{ marginBottom: 16 }}
                data-testid="org-action-error"
                // The title alone: the detail repeats it with the field ("(id)") the server names.
                message={actionError instanceof ApiError ? fieldErrorText(actionError, lang) : errorText(actionError, lang)}
              />
            )}
          </div>
          <Table<OrgNode>
            aria-labelledby="orgs-title"
            data-testid="orgs-table"
            rowKey="id"
            size="small"
            loading={loading}
            columns={columns}
            dataSource={tree}
            scroll={{ x: true }}
            pagination={false}
            expandable={{ expandedRowKeys: expanded, onExpandedRowsChange: (keys) => setExpanded(keys) }}
          />
        </Col>
        <Col xs={24} lg={16} xxl={8}>
          <CreateOrg orgs={rows} orgsLoading={loading} onCreated={refresh} />
        </Col>
      </Row>
      {editing && <EditOrg org={editing} onClose={() => setEditing(undefined)} onSaved={refresh} />}
    </>
  );
}
