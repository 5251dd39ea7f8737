import { describe, expect, it } from 'vitest';
import { buildOrgTree, isInactive, orgChanges, orgEditValues, orgOptions, parentKeys, parentOf, validLogin, type OrgRow } from './orgTree';

const rows: OrgRow[] = [
  { id: 8, name: 'Trường THPT Hàn Thuyên', parent_id: 3, path: '/1/3/8/' },
  { id: 1, name: 'UBND tỉnh Bắc Ninh', parent_id: null, path: '/1/' },
  { id: 3, name: 'Sở Giáo dục và Đào tạo', parent_id: 1, path: '/1/3/' },
  { id: 2, name: 'Sở Thông tin và Truyền thông', parent_id: 1, path: '/1/2/' },
  { id: 14, name: 'Công ty cổ phần Viễn thông Kinh Bắc', parent_id: 1, path: '/1/14/' },
];

describe('buildOrgTree', () => {
  it('nests children under parents, sorted by Vietnamese name', () => {
    const tree = buildOrgTree(rows);
    expect(tree.map((n) => n.id)).toEqual([1]);
    expect(tree[0].children!.map((n) => n.name)).toEqual([
      'Công ty cổ phần Viễn thông Kinh Bắc',
      'Sở Giáo dục và Đào tạo',
      'Sở Thông tin và Truyền thông',
    ]);
    expect(tree[0].children![1].children!.map((n) => n.id)).toEqual([8]);
    expect(tree[0].children![0].children).toBeUndefined();
  });
  it('makes a row whose parent is out of scope a root, and reads parents from the path', () => {
    const scoped = rows.filter((r) => r.id === 3 || r.id === 8);
    expect(buildOrgTree(scoped).map((n) => n.id)).toEqual([3]);
    expect(parentOf({ id: 8, name: 'x', parent_id: null, path: '/1/3/8/' })).toBe(3);
    expect(parentOf({ id: 1, name: 'x', parent_id: null, path: '/1/' })).toBeNull();
  });
  it('lists options depth-first with depths, and parents to expand', () => {
    expect(orgOptions(rows).map((o) => [o.value, o.depth])).toEqual([
      [1, 0],
      [14, 1],
      [3, 1],
      [8, 2],
      [2, 1],
    ]);
    expect(parentKeys(buildOrgTree(rows)).sort()).toEqual([1, 3]);
  });
});

describe('deactivated organizations', () => {
  it('count as active unless the server says otherwise, and are marked in the options', () => {
    expect(isInactive({ id: 1, name: 'x', parent_id: null })).toBe(false);
    expect(isInactive({ id: 1, name: 'x', parent_id: null, active: true })).toBe(false);
    expect(isInactive({ id: 1, name: 'x', parent_id: null, active: false })).toBe(true);
    const opts = orgOptions(rows.map((r) => (r.id === 3 || r.id === 8 ? { ...r, active: false } : r)));
    expect(opts.filter((o) => o.inactive).map((o) => o.value)).toEqual([3, 8]);
  });
});

describe('editing an organization', () => {
  const school: OrgRow = {
    id: 8,
    name: 'Trường THPT Hàn Thuyên',
    parent_id: 3,
    level: 3,
    state_body: true,
    province: 'Bắc Ninh',
    email: 'thpt@bacninh.gov.vn',
    tax_code: '',
  };
  it('starts from the organization, empty strings for what it lacks', () => {
    expect(orgEditValues(school)).toEqual({
      name: 'Trường THPT Hàn Thuyên',
      short_code: '',
      state_body: true,
      tax_code: '',
      budget_code: '',
      province: 'Bắc Ninh',
      email: 'thpt@bacninh.gov.vn',
      address: '',
    });
  });
  it('sends only what changed, trimmed, an emptied field as ""', () => {
    const v = orgEditValues(school);
    expect(orgChanges(school, v)).toEqual({});
    expect(orgChanges(school, { ...v, address: '  Số 1 Lý Thái Tổ  ', email: '', name: 'Trường THPT Hàn Thuyên ' })).toEqual({
      address: 'Số 1 Lý Thái Tổ',
      email: '',
    });
    expect(orgChanges(school, { ...v, state_body: false })).toEqual({ state_body: false });
  });
  it('sends the province only for a level-1 organization', () => {
    expect(orgChanges(school, { ...orgEditValues(school), province: 'Hà Nội' })).toEqual({});
    const top: OrgRow = { id: 1, name: 'UBND tỉnh Bắc Ninh', parent_id: null, level: 1, province: 'Bắc Ninh' };
    expect(orgChanges(top, { ...orgEditValues(top), province: ' Bắc Giang ' })).toEqual({ province: 'Bắc Giang' });
  });
});

describe('forms', () => {
  it('checks logins like the server', () => {
    expect(validLogin('cuc.ca')).toBe(true);
    expect(validLogin('X')).toBe(false);
    expect(validLogin('ab')).toBe(false);
    expect(validLogin('Nguyen')).toBe(false);
  });
});
