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
  /** False once deactivated (with its whole subtree): it takes no new people, accounts or units. */
  active?: boolean;
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
  /** Deactivated: shown, but not to be picked for anything new. */
  inactive: boolean;
}

/** Whether an organization is deactivated (rows from servers without the flag count as active). */
export function isInactive(o: OrgRow): boolean {
  return o.active === false;
}

/** Depth-first options, the depth for indenting ("UBND tỉnh", "  Sở …", "    Trường …"). */
export function orgOptions(rows: OrgRow[]): OrgOption[] {
  const out: OrgOption[] = [];
  const walk = (list: OrgNode[], depth: number) => {
    for (const n of list) {
      out.push({ value: n.id, label: n.name, depth, inactive: isInactive(n) });
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

/** The fields the administrator edits (PATCH /api/v1/organizations/{id}). */
export interface OrgEdit {
  name: string;
  short_code?: string;
  state_body: boolean;
  tax_code?: string;
  budget_code?: string;
  province?: string;
  email?: string;
  address?: string;
}

export const ORG_EDIT_FIELDS: (keyof OrgEdit)[] = ['name', 'short_code', 'state_body', 'tax_code', 'budget_code', 'province', 'email', 'address'];

/** The form's starting values: the organization's own, empty strings for what it lacks. */
export function orgEditValues(o: OrgRow): OrgEdit {
  return {
    name: o.name,
    short_code: o.short_code ?? '',
    state_body: !!o.state_body,
    tax_code: o.tax_code ?? '',
    budget_code: o.budget_code ?? '',
    province: o.province ?? '',
    email: o.email ?? '',
    address: o.address ?? '',
  };
}

/**
 * The PATCH body: only what changed, texts trimmed (an emptied text is sent as "" and removes it).
 * The province only for a level-1 organization, the one place the server takes it.
 */
export function orgChanges(o: OrgRow, v: OrgEdit): Partial<OrgEdit> {
  const before = orgEditValues(o);
  const out: Partial<OrgEdit> = {};
  for (const k of ORG_EDIT_FIELDS) {
    if (k === 'province' && o.level !== 1) continue;
    if (k === 'state_body') {
      if (!!v.state_body !== before.state_body) out.state_body = !!v.state_body;
      continue;
    }
    const val = String(v[k] ?? '').trim();
    if (val !== before[k]) out[k] = val;
  }
  return out;
}

/** Roles scoped to an organization subtree (SPEC §1): they need an organization. */
export const SCOPED_ROLES = ['subscriber', 'unit_manager', 'aggregator', 'ra_officer'];
/** Roles that sign in with a TOTP code as well. */
export const TOTP_ROLES = ['ra_officer', 'ca_operator', 'admin'];

export function validLogin(login: string): boolean {
  return /^[a-z0-9._-]{3,64}$/.test(login);
}
