// Pure helpers of the admin screens: the organization tree from parent_id (or path "/1/3/8/"),
// indented options for pickers, and the server's field names mapped to the form's.

export interface OrgRow {
  id: number;
  name: string;
  parent_id: number | null;
  path?: string;
  level?: number;
  state_body?: boolean;
  tax_code?: string;
  budget_code?: string;
  province?: string;
  short_code?: string;
  email?: string;
  address?: string;
  created_at?: string;
}

export type OrgNode = OrgRow & { key: number; children?: OrgNode[] };

/** The parent of a row: parent_id, else the second-to-last id of its path. */
export function parentOf(o: OrgRow): number | null {
  if (o.parent_id !== null && o.parent_id !== undefined) return o.parent_id;
  const ids = (o.path ?? '').split('/').filter(Boolean).map(Number);
  return ids.length >= 2 ? ids[ids.length - 2] : null;
}

/**
 * Roots and their children, each level sorted by name (Vietnamese collation). A row whose parent
 * is not in the list (outside the caller's scope) becomes a root. Leaves have no `children`
 * key, so tables show no expander for them.
 */
export function buildOrgTree(rows: OrgRow[]): OrgNode[] {
  const nodes = new Map<number, OrgNode>();
  for (const r of rows) nodes.set(r.id, { ...r, key: r.id });
  const roots: OrgNode[] = [];
  for (const n of nodes.values()) {
    const p = parentOf(n);
    const parent = p !== null && p !== n.id ? nodes.get(p) : undefined;
    if (parent) (parent.children ??= []).push(n);
    else roots.push(n);
  }
  const sort = (list: OrgNode[]) => {
    list.sort((a, b) => a.name.localeCompare(b.name, 'vi'));
    for (const n of list) if (n.children) sort(n.children);
  };
  sort(roots);
  return roots;
}

export interface OrgOption {
  value: number;
  label: string;
  depth: number;
}

/** Depth-first options, the depth for indenting ("UBND tỉnh", "  Sở …", "    Trường …"). */
export function orgOptions(rows: OrgRow[]): OrgOption[] {
  const out: OrgOption[] = [];
  const walk = (list: OrgNode[], depth: number) => {
    for (const n of list) {
      out.push({ value: n.id, label: n.name, depth });
      if (n.children) walk(n.children, depth + 1);
    }
  };
  walk(buildOrgTree(rows), 0);
  return out;
}

/** Ids of the nodes that have children (to expand the whole tree at once). */
export function parentKeys(tree: OrgNode[]): number[] {
  const out: number[] = [];
  const walk = (list: OrgNode[]) => {
    for (const n of list) {
      if (n.children?.length) {
        out.push(n.id);
        walk(n.children);
      }
    }
  };
  walk(tree);
  return out;
}

/** Roles scoped to an organization subtree (SPEC §1): they need an organization. */
export const SCOPED_ROLES = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer'];
/** Roles that sign in with a TOTP code as well. */
export const TOTP_ROLES = ['ra_officer', 'ca_operator', 'admin'];

export function validLogin(login: string): boolean {
  return /^[a-z0-9._-]{3,64}$/.test(login);
}
