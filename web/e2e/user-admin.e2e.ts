// The administrator's user list (/admin/users): disabling an account ends its open session at once
// and refuses its sign-ins until it is enabled again; changing a role (a refusal stays in the
// dialog, a role that signs in with TOTP asks for a reset link with a new secret, a scoped role
// takes an organization); the admin's own row offers neither. The users changed here are ones no
// other journey signs in as (donvi.stc, daumoi5); the server is shared by the spec files of a run,
// so both are put back at the end.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newUserPage, pickOption, shot, signIn } from './harness';

const MANAGER = 'donvi.stc';
const OTHER = 'daumoi5';

interface UserRow {
  id: number;
  login: string;
  role: string;
  org_id: number | null;
  active?: boolean;
}
interface OrgRow {
  id: number;
  name: string;
  active?: boolean;
}

let browser: Browser;
let admin: Page;
let users: Map<string, UserRow>;
let orgs: OrgRow[];

/** A state-changing call as the signed-in administrator (the CSRF token comes with the session). */
async function adminCall(method: 'POST' | 'PUT', path: string, data?: unknown): Promise<number> {
  const session = (await (await admin.request.get('/api/v1/session')).json()) as { csrf_token: string };
  const r = await admin.request.fetch(path, { method, data, headers: { 'X-CSRF-Token': session.csrf_token } });
  return r.status();
}

function row(login: string) {
  return admin.locator(`[data-testid="users-table"] tr[data-row-key="${users.get(login)!.id}"]`);
}

/** Picks an option of a Select in the dialog, then waits for its list to close (it would cover the buttons). */
async function pick(testId: string, text: string): Promise<void> {
  await pickOption(admin, testId, text);
  await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
}

async function rowState(login: string): Promise<string | null> {
  return row(login).locator('[data-state]').getAttribute('data-state');
}

beforeAll(async () => {
  browser = await launch();
  admin = (await newUserPage(browser)).page;
  await signIn(admin, 'quantri');
  const list = (await (await admin.request.get('/api/v1/users?limit=200')).json()) as { items: UserRow[] };
  users = new Map(list.items.map((u) => [u.login, u]));
  orgs = ((await (await admin.request.get('/api/v1/organizations?limit=1000')).json()) as { items: OrgRow[] }).items;
  expect(users.get(MANAGER)).toMatchObject({ role: 'unit_manager', active: true });
  expect(users.get(OTHER)).toMatchObject({ role: 'aggregator' });
});

afterAll(async () => {
  // Put back what the journeys changed, whatever step they stopped at.
  if (users) {
    expect(await adminCall('POST', `/api/v1/users/${users.get(MANAGER)!.id}/enable`)).toBe(200);
    const other = users.get(OTHER)!;
    expect(await adminCall('PUT', `/api/v1/users/${other.id}/role`, { role: other.role, org_id: other.org_id })).toBe(200);
  }
  await browser?.close();
});

describe("the administrator's user list", () => {
  it('disables a unit manager, whose open session ends at once, and enables it again', async () => {
    const manager = (await newUserPage(browser)).page;
    await signIn(manager, MANAGER);

    await admin.goto('/admin/users');
    await row(MANAGER).waitFor();
    expect(await rowState(MANAGER)).toBe('activated');
    await admin.getByTestId(`user-disable-${MANAGER}`).click();
    const confirm = admin.locator('.ant-popconfirm');
    await confirm.waitFor();
    expect(await confirm.textContent()).toContain('kết thúc ngay');
    await admin.getByTestId(`user-disable-confirm-${MANAGER}`).click();
    await expect.poll(() => rowState(MANAGER)).toBe('disabled');
    expect(await row(MANAGER).locator('[data-state]').textContent()).toBe('Đã khóa');
    await admin.getByTestId(`user-enable-${MANAGER}`).waitFor();
    expect(await admin.getByTestId(`user-disable-${MANAGER}`).count()).toBe(0);
    await shot(admin, 'admin-users-disabled');

    // The manager, signed in before, is sent to the sign-in page by the next screen it opens.
    await manager.locator('a[href="/requests"]').first().click();
    await manager.waitForURL(/\/signin/);
    // Signing in again is refused like a wrong password.
    await manager.getByLabel('Tên đăng nhập').fill(MANAGER);
    await manager.getByLabel('Mật khẩu').fill(inject('users')[MANAGER].password);
    await manager.getByTestId('sign-in-submit').click();
    await manager.getByRole('alert').first().waitFor();
    expect(await manager.getByRole('alert').first().textContent()).toContain('Sai tên đăng nhập');
    expect(await manager.getByTestId('current-user').count()).toBe(0);

    await admin.getByTestId(`user-enable-${MANAGER}`).click();
    await expect.poll(() => rowState(MANAGER)).toBe('activated');
    await admin.getByTestId(`user-disable-${MANAGER}`).waitFor();
    await signIn(manager, MANAGER);
    expect(await manager.getByTestId('current-user').textContent()).toContain(MANAGER);
    await manager.context().close();
  });

  it("changes another user's role: a refusal stays in the dialog, a TOTP role asks for a reset link, a scoped role takes an organization", async () => {
    await admin.goto('/admin/users');
    await row(OTHER).waitFor();
    const dialog = admin.locator('.ant-modal-content');

    // The subscriber role is for accounts bound to a subscriber: refused, the dialog stays open.
    await admin.getByTestId(`user-role-${OTHER}`).click();
    await dialog.waitFor();
    await pick('change-role-role', 'Thuê bao');
    await admin.getByTestId('change-role-save').click();
    const refusal = admin.getByTestId('change-role-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('thuê bao');
    expect(await dialog.isVisible()).toBe(true);
    await shot(admin, 'admin-users-role-refused');

    // A registration officer signs in with TOTP: the admin is told to send a reset link with a new secret.
    await pick('change-role-role', 'Cơ quan tiếp nhận');
    await admin.getByTestId('change-role-save').click();
    await dialog.waitFor({ state: 'detached' });
    const notice = admin.getByTestId('role-totp-notice');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('Vai trò mới đăng nhập bằng mã TOTP: hãy gửi liên kết đặt lại kèm mã TOTP mới');
    expect(await admin.locator('.ant-message').textContent()).toContain('Vai trò mới đăng nhập bằng mã TOTP');
    await expect.poll(() => row(OTHER).textContent()).toContain('Cơ quan tiếp nhận');
    await admin.getByTestId('role-totp-reset-link').click();
    await admin.getByTestId('reset-link-send').waitFor();
    expect(await admin.getByTestId('reset-link-totp').isChecked()).toBe(true);
    await admin.getByTestId('reset-link-send').click();
    await notice.waitFor({ state: 'detached' });
    await expect.poll(() => admin.locator('.ant-message').textContent()).toContain('Đã gửi liên kết đặt lại mật khẩu');

    // Back to aggregator, of another organization this time: the organization is required.
    const original = users.get(OTHER)!.org_id;
    const target = orgs.find((o) => o.id !== original && o.id !== 1 && o.active !== false)!;
    await admin.getByTestId(`user-role-${OTHER}`).click();
    await dialog.waitFor();
    await pick('change-role-role', 'Đầu mối tổng hợp');
    await admin.getByTestId('change-role-org').waitFor();
    // Typed first: the picker's list is virtual and shows only some of the organizations.
    await admin.getByTestId('change-role-org').click();
    await admin.keyboard.type(target.name);
    await admin
      .locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option')
      .filter({ hasText: new RegExp(`^${target.name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .first()
      .click();
    await admin.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').waitFor({ state: 'hidden' });
    await admin.getByTestId('change-role-save').click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => row(OTHER).textContent()).toContain('Đầu mối tổng hợp');
    expect(await row(OTHER).textContent()).toContain(target.name);
    expect(await admin.getByTestId('role-totp-notice').count()).toBe(0);
    const saved = (await (await admin.request.get('/api/v1/users?limit=200')).json()) as { items: UserRow[] };
    expect(saved.items.find((u) => u.login === OTHER)).toMatchObject({ role: 'aggregator', org_id: target.id });

    // The admin's own row: no way to disable oneself or change one's own role.
    await row('quantri').waitFor();
    expect(await admin.getByTestId('user-disable-quantri').count()).toBe(0);
    expect(await admin.getByTestId('user-role-quantri').count()).toBe(0);
    await shot(admin, 'admin-users');
  });
});
