// "/admin/organizations": the organization tree (built from parent_id/path) with state-body flag,
// tax code and province, and the form to add one.
import { Col, Row, Table, Tag, Typography } from 'antd';
import type { ColumnsType } from 'antd/es/table';
import { useEffect, useMemo, useState, type Key } from 'react';
import { ErrorAlert } from '../../components/ErrorAlert';
import { PageTitle } from '../../components/Status';
import { useLang } from '../../lib/i18n';
import { CreateOrg } from './CreateOrg';
import { useOrgs } from './OrgSelect';
import { buildOrgTree, parentKeys, type OrgNode } from './orgTree';

export function Organizations() {
  const { t } = useLang();
  const [tick, setTick] = useState(0);
  const { data, error, loading } = useOrgs([tick]);
  const rows = useMemo(() => data?.items ?? [], [data]);
  const tree = useMemo(() => buildOrgTree(rows), [rows]);
  const [expanded, setExpanded] = useState<readonly Key[]>([]);
  useEffect(() => {
    setExpanded(parentKeys(tree));
  }, [tree]);

  const columns: ColumnsType<OrgNode> = [
    {
      title: t('Tên cơ quan', 'Name'),
      dataIndex: 'name',
      onCell: () => ({ style: { minWidth: 260 } }),
      render: (v: string, o) => <span data-testid={`org-row-${o.id}`}>{v}</span>,
    },
    {
      title: t('Cơ quan nhà nước', 'State body'),
      dataIndex: 'state_body',
      render: (v?: boolean) => (v ? <Tag color="green">{t('Có', 'Yes')}</Tag> : <Tag color="orange">{t('Không', 'No')}</Tag>),
    },
    { title: t('Mã số thuế', 'Tax code'), dataIndex: 'tax_code', render: (v?: string) => v || '—' },
    { title: t('Tỉnh, thành phố', 'Province'), dataIndex: 'province', render: (v?: string) => v || '—' },
    { title: t('Cấp', 'Level'), dataIndex: 'level', width: 60 },
  ];

  return (
    <>
      <PageTitle>{t('Cơ quan, tổ chức', 'Organizations')}</PageTitle>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={15}>
          <Typography.Title level={3} style={{ fontSize: 18 }} id="orgs-title">
            {t('Cây cơ quan', 'Organization tree')}
          </Typography.Title>
          <ErrorAlert error={error} />
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
        <Col xs={24} xl={9}>
          <CreateOrg orgs={rows} orgsLoading={loading} onCreated={() => setTick((n) => n + 1)} />
        </Col>
      </Row>
    </>
  );
}
