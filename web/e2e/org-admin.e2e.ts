// The administrator's organization tree (/admin/organizations): editing a school (a sibling's name
// is refused under the field, the new address shows in the tree), a department still in use
// cannot be deactivated (the server's message says what keeps it), and a new unit is deactivated
// (marked in words, not picked as a parent any more) and reactivated. The server is shared by the
// spec files of a run: the school's address is put back and the new unit left active at the end.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage, shot, signIn } from './harness';

const SCHOOL = 'Trường THPT Lý Thái Tổ';
const SIBLING = 'Trường THPT Hàn Thuyên';
const DEPARTMENT = 'Phòng Nội vụ';
const ADDRESS = 'Số 1 đường Lý Thái Tổ, phường Suối Hoa, thành phố Bắc Ninh';
const UNIT = 'Tổ công tác chuyển đổi số (thử nghiệm)';

interface OrgRow {
  id: number;
  name: string;
  parent_id: number | null;
  address?: string;
  active?: boolean;
}

let browser: Browser;
let admin: Page;
let orgs: OrgRow[];
let school: OrgRow;
let department: OrgRow;
let unitId: number | undefined;

/** A state-changing call as the signed-in administrator (the CSRF token comes with the session). */
async function adminCall(method: 'POST' | 'PATCH', path: string, data?: unknown): Promise<number> {
  const session = (await (await admin.request.get('/api/v1/session')).json()) as { csrf_token: string };
  const r = await admin.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': session.csrf_token } });
  return r.status();
}

async function listOrgs(): Promise<OrgRow[]> {
  return ((await (await admin.request.get('/api/v1/organizations?limit=1000')).json()) as { items: OrgRow[] }).items;
}

function byName(name: string): OrgRow {
  const o = orgs.find((x) => x.name === name);
  if (!o) throw new Error(`no demo organization ${name}`);
  return o;
}

/** The message of the latest toast (antd's message). */
function toast(): Promise<string | null> {
  return admin.locator('.ant-message').textContent();
}

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

/** Serious and critical WCAG 2 A/AA violations axe-core finds on the settled screen. */
async function seriousViolations(page: Page): Promise<string[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  await page
    .waitForFunction(() => document.querySelectorAll('.ant-spin-spinning').length === 0, null, { timeout: 10_000 })
    .catch(() => undefined);
  await page.evaluate(axeSource);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  })) as { violations: { id: string; impact: string | null; nodes: { target: string[] }[] }[] };
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id}: ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`);
}

beforeAll(async () => {
  browser = await launch();
  admin = (await newUserPage(browser)).page;
  await signIn(admin, 'quantri');
  orgs = await listOrgs();
  school = byName(SCHOOL);
  department = byName(DEPARTMENT);
  expect(byName(SIBLING).parent_id).toBe(school.parent_id);
});

afterAll(async () => {
  // Put back what the journeys changed, whatever step they stopped at.
  if (admin && school) {
    await adminCall('PATCH', `/api/v1/organizations/${school.id}`, { name: SCHOOL, address: school.address ?? '' }).catch(() => undefined);
    if (unitId) await adminCall('POST', `/api/v1/organizations/${unitId}/activate`).catch(() => undefined);
  }
  await browser?.close();
});

describe("the administrator's organization tree", () => {
  it("edits a school: a sibling's name is refused under the field, the new address shows in the tree", async () => {
    await admin.goto('/admin/organizations');
    await admin.getByTestId(`org-row-${school.id}`).waitFor();
    expect(await admin.getByTestId(`org-inactive-${school.id}`).count()).toBe(0);

    await admin.getByTestId(`org-edit-${school.id}`).click();
    const dialog = admin.locator('.ant-modal-content');
    await dialog.waitFor();
    expect(await admin.getByTestId('org-edit-name').inputValue()).toBe(SCHOOL);
    // The province is the level-1 organization's: shown, not editable, with the note saying so.
    expect(await admin.getByTestId('org-edit-province').inputValue()).toBe('Bắc Ninh');
    expect(await admin.getByTestId('org-edit-province').isDisabled()).toBe(true);
    expect(await dialog.textContent()).toContain('sửa ở cơ quan cấp 1, cả cây trực thuộc đổi theo');

    // Another school under the same department has that name: refused (409), under the name.
    await admin.getByTestId('org-edit-name').fill(SIBLING);
    await admin.getByTestId('org-edit-save').click();
    const nameError = dialog.locator('.ant-form-item-explain-error').filter({ hasText: 'Đã có cơ quan' });
    await nameError.waitFor();
    expect(await nameError.textContent()).toContain(SIBLING);
    expect(await dialog.isVisible()).toBe(true);
    await shot(admin, 'admin-org-edit-refused');

    await admin.getByTestId('org-edit-name').fill(SCHOOL);
    await admin.getByTestId('org-edit-address').fill(ADDRESS);
    await admin.getByTestId('org-edit-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(toast).toContain(`Đã lưu thông tin cơ quan «${SCHOOL}»`);
    await expect.poll(() => admin.getByTestId(`org-address-${school.id}`).textContent().catch(() => null)).toBe(ADDRESS);
    const saved = (await listOrgs()).find((o) => o.id === school.id)!;
    expect(saved).toMatchObject({ name: SCHOOL, address: ADDRESS, active: true });
    await shot(admin, 'admin-org-edited');

    // Put the address back through the same dialog: an emptied field removes it.
    await admin.getByTestId(`org-edit-${school.id}`).click();
    await dialog.waitFor();
    expect(await admin.getByTestId('org-edit-address').inputValue()).toBe(ADDRESS);
    await admin.getByTestId('org-edit-address').fill(school.address ?? '');
    await admin.getByTestId('org-edit-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => admin.getByTestId(`org-address-${school.id}`).count()).toBe(school.address ? 1 : 0);
  });

  it('cannot deactivate a department still in use: the refusal says what keeps it', async () => {
    await admin.goto('/admin/organizations');
    await admin.getByTestId(`org-deactivate-${department.id}`).click();
    const note = admin.getByTestId(`org-deactivate-note-${department.id}`);
    await note.waitFor();
    expect(await note.textContent()).toContain('Các đơn vị trực thuộc cũng ngừng hoạt động');
    expect(await note.textContent()).toContain('chứng thư số còn hiệu lực, yêu cầu chưa kết thúc hoặc tài khoản đang hoạt động');
    await admin.getByTestId(`org-deactivate-confirm-${department.id}`).click();

    const refusal = admin.getByTestId('org-action-error');
    await refusal.waitFor();
    const text = (await refusal.textContent()) ?? '';
    expect(text).toContain(`Không thể ngừng hoạt động «${DEPARTMENT}»`);
    expect(text).toMatch(/còn \d+ chứng thư số còn hiệu lực/);
    // The title alone, without the server's field name after it.
    expect(text).not.toContain('(id)');
    expect(await admin.getByTestId(`org-inactive-${department.id}`).count()).toBe(0);
    expect((await listOrgs()).find((o) => o.id === department.id)?.active).toBe(true);
    await shot(admin, 'admin-org-deactivate-refused');
  });

  it('creates a unit, deactivates it (marked in words, no longer a parent to pick) and reactivates it', async () => {
    await admin.goto('/admin/organizations');
    await admin.getByTestId(`org-row-${department.id}`).waitFor();
    await admin.getByTestId('org-name').fill(UNIT);
    // Typed first: the picker's list is virtual and shows only some of the organizations.
    await admin.getByTestId('org-parent').click();
    await admin.keyboard.type(DEPARTMENT);
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: DEPARTMENT })
      .first()
      .click();
    await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await admin.getByTestId('org-create').click();
    await expect.poll(toast).toContain(`Đã tạo cơ quan "${UNIT}"`);
    const unit = (await listOrgs()).find((o) => o.name === UNIT)!;
    expect(unit).toMatchObject({ parent_id: department.id, active: true });
    unitId = unit.id;
    await admin.getByTestId(`org-row-${unit.id}`).waitFor();

    await admin.getByTestId(`org-deactivate-${unit.id}`).click();
    await admin.getByTestId(`org-deactivate-note-${unit.id}`).waitFor();
    await admin.getByTestId(`org-deactivate-confirm-${unit.id}`).click();
    const tag = admin.getByTestId(`org-inactive-${unit.id}`);
    await tag.waitFor();
    expect(await tag.textContent()).toBe('Ngừng hoạt động');
    await expect.poll(toast).toContain(`Đã ngừng hoạt động «${UNIT}»`);
    expect(await admin.getByTestId(`org-row-${unit.id}`).getAttribute('data-active')).toBe('false');
    await admin.getByTestId(`org-activate-${unit.id}`).waitFor();
    expect(await admin.getByTestId(`org-deactivate-${unit.id}`).count()).toBe(0);
    expect(await admin.getByTestId('org-action-error').count()).toBe(0);
    expect((await listOrgs()).find((o) => o.id === unit.id)?.active).toBe(false);

    // Checked on a fresh screen: a Select opened before leaves antd's own list in the page, whose
    // options carry aria-selected without a role (axe's aria-allowed-attr, not this screen's).
    await admin.reload();
    await tag.waitFor();
    expect(await seriousViolations(admin)).toEqual([]);
    await shot(admin, 'admin-org-deactivated');

    // The create form offers it as a parent no more: shown, marked, disabled.
    await admin.getByTestId('org-parent').click();
    await admin.keyboard.type(UNIT);
    const option = admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: UNIT });
    await option.first().waitFor();
    expect(await option.first().getAttribute('class')).toContain('ant-select-item-option-disabled');
    expect(await option.first().textContent()).toContain('(ngừng hoạt động)');
    // Closed by a click outside it (Escape, while the search text is there, does not always close it).
    await admin.locator('#orgs-title').click();
    await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });

    await admin.getByTestId(`org-activate-${unit.id}`).click();
    await expect.poll(toast).toContain(`«${UNIT}» đã hoạt động trở lại`);
    await tag.waitFor({ state: 'detached' });
    await admin.getByTestId(`org-deactivate-${unit.id}`).waitFor();
    expect(await admin.getByTestId(`org-row-${unit.id}`).getAttribute('data-active')).toBe('true');
    expect((await listOrgs()).find((o) => o.id === unit.id)?.active).toBe(true);
    await shot(admin, 'admin-organizations');
  });
});
