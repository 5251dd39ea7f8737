// "Ngừng hoạt động" / "Hoạt động trở lại": the administrator deactivates an organization (POST
// /api/v1/organizations/{id}/deactivate), which deactivates its whole subtree, or reactivates it
// (…/activate), which brings back that organization alone. The server refuses to deactivate while
// certificates are in force, requests open or accounts active in the subtree, and to reactivate
// under a deactivated parent; the parent shows the refusal above the tree.
import { CheckCircleOutlined, StopOutlined } from '@ant-design/icons';
import { App, Button, Popconfirm, Tag } from 'antd';
import { api } from '../../api/client';
import { useLang } from '../../lib/i18n';
import { useBusy } from '../../lib/useBusy';
import { isInactive, type OrgNode, type OrgRow } from './orgTree';

/** The mark of a deactivated organization: words, not colour alone. */
export function InactiveTag({ org }: { org: OrgRow }) {
  const { t } = useLang();
  return (
    <Tag data-testid={`org-inactive-${org.id}`} data-state="inactive" style={{ marginInlineStart: 8 }}>
      {t('Ngừng hoạt động', 'Deactivated')}
    </Tag>
  );
}

interface Props {
  org: OrgNode;
  onChanged: (o: OrgRow) => void;
  onError: (e: unknown) => void;
}

/** Deactivate for an active organization (after a confirmation), Reactivate for a deactivated one. */
export function OrgStateButton({ org, onChanged, onError }: Props) {
  const { t } = useLang();
  const { message } = App.useApp();
  const [busy, run] = useBusy();
  const inactive = isInactive(org);

  const act = () => {
    onError(undefined);
    return run(async () => {
      const o = await api.post<OrgRow>(`/api/v1/organizations/${org.id}/${inactive ? 'activate' : 'deactivate'}`);
      if (!inactive) {
        message.success(
          org.children?.length
            ? t(`Đã ngừng hoạt động «${o.name}» và các đơn vị trực thuộc`, `«${o.name}» and its units deactivated`)
            : t(`Đã ngừng hoạt động «${o.name}»`, `«${o.name}» deactivated`),
        );
      } else if (org.children?.some(isInactive)) {
        // Reactivation brings back this organization alone: say so while its units stay deactivated.
        message.success(
          t(
            `«${o.name}» đã hoạt động trở lại; các đơn vị trực thuộc vẫn ngừng hoạt động, hãy cho từng đơn vị hoạt động trở lại nếu cần`,
            `«${o.name}» reactivated; its units stay deactivated: reactivate each one as needed`,
          ),
          6,
        );
      } else {
        message.success(t(`«${o.name}» đã hoạt động trở lại`, `«${o.name}» reactivated`));
      }
      onChanged(o);
    }, onError);
  };

  if (inactive) {
    return (
      <Button
        size="small"
        icon={<CheckCircleOutlined />}
        loading={busy}
        onClick={act}
        aria-label={t(`Cho «${org.name}» hoạt động trở lại`, `Reactivate «${org.name}»`)}
        data-testid={`org-activate-${org.id}`}
      >
        {t('Hoạt động trở lại', 'Reactivate')}
      </Button>
    );
  }
  return (
    <Popconfirm
      title={t(`Ngừng hoạt động «${org.name}»?`, `Deactivate «${org.name}»?`)}
      description={
        <div style={{ maxWidth: 360 }} data-testid={`org-deactivate-note-${org.id}`}>
          {t(
            'Các đơn vị trực thuộc cũng ngừng hoạt động; cơ quan không nhận thêm người, tài khoản, đơn vị hay danh sách mới. Không thể ngừng hoạt động khi cơ quan hoặc đơn vị trực thuộc còn chứng thư số còn hiệu lực, yêu cầu chưa kết thúc hoặc tài khoản đang hoạt động.',
            'Its units are deactivated too; it takes no new people, accounts, units or list rows. It cannot be deactivated while it or its units still have certificates in force, open requests or active accounts.',
          )}
        </div>
      }
      okText={t('Ngừng hoạt động', 'Deactivate')}
      cancelText={t('Hủy', 'Cancel')}
      okButtonProps={{ danger: true, 'data-testid': `org-deactivate-confirm-${org.id}` }}
      onConfirm={act}
    >
      <Button
        size="small"
        danger
        icon={<StopOutlined />}
        loading={busy}
        aria-label={t(`Ngừng hoạt động «${org.name}»`, `Deactivate «${org.name}»`)}
        data-testid={`org-deactivate-${org.id}`}
      >
        {t('Ngừng hoạt động', 'Deactivate')}
      </Button>
    </Popconfirm>
  );
}
