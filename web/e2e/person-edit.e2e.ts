// Correcting a person's data (/people/:id/edit): a new person without a certificate is edited
// directly, an inline error fixed first; a person with a certificate in force is sent to a
// change_info request instead.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage, pickOption, shot, signIn } from './harness';

let browser: Browser;
let page: Page;
beforeAll(async () => {
  browser = await launch();
  ({ page } = await newUserPage(browser));
  await signIn(page, 'truong1');
});
afterAll(async () => {
  await browser?.close();
});

describe("a person's data", () => {
  it('is corrected while no certificate is in force, an inline error fixed first', async () => {
    await page.goto('/people/new');
    await page.getByTestId('person-full-name').fill('Đỗ Minh Khoa');
    await page.getByTestId('person-dob').fill('20/03/1985');
    await page.getByTestId('person-cccd').fill('027185004321');
    await page.getByTestId('person-cccd-date').fill('12/07/2021');
    await page.getByRole('combobox', { name: 'Nơi cấp' }).fill('C06');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^C06/ }).first().click();
    await page.getByTestId('person-email').fill('khoa.dm@bacninh.gov.vn');
    await page.getByTestId('person-position').fill('Giáo viên');
    await pickOption(page, 'person-device', /^TOKEN/);
    await page.getByTestId('person-save').click();
    await page.waitForURL(/\/people\/\d+$/);
    const detail = page.url();

    await page.getByTestId('person-edit').click();
    await page.waitForURL(/\/people\/\d+\/edit$/);
    await page.getByTestId('person-kind-fixed').waitFor();
    const email = page.getByTestId('person-email');
    await expect.poll(() => email.inputValue()).toBe('khoa.dm@bacninh.gov.vn');
    await email.fill('abc@gmail');
    const help = page.getByTestId('help-email');
    await expect.poll(async () => (await help.count()) > 0 && ((await help.textContent()) ?? '').length > 0).toBe(true);
    await expect.poll(() => page.getByText('Đang kiểm tra').count()).toBe(0);
    await shot(page, 'person-edit-error');
    await email.fill('khoa.dominh@bacninh.gov.vn');
    await expect.poll(() => help.count()).toBe(0);
    await page.getByTestId('person-save').click();
    await page.waitForURL((u) => u.toString() === detail);
    await page.getByText('khoa.dominh@bacninh.gov.vn').waitFor();
  });

  it('goes through a change_info request while a certificate is in force', async () => {
    // A demo certificate in force within the unit manager's reach (GET needs no CSRF token).
    const sid = await page.evaluate(async () => {
      const res = await fetch('/api/v1/certificates?status=valid&limit=100', { credentials: 'same-origin' });
      const list = (await res.json()) as { items: { subscriber_id?: number; not_after: string }[] };
      return list.items.find((c) => c.subscriber_id && Date.parse(c.not_after) > Date.now())?.subscriber_id ?? 0;
    });
    expect(sid).toBeGreaterThan(0);
    await page.goto(`/people/${sid}`);
    await page.getByTestId('person-edit-note').waitFor();
    expect(await page.getByTestId('person-edit').count()).toBe(0);

    // Opened by URL anyway, the server refuses the save and the screen offers the request.
    await page.goto(`/people/${sid}/edit`);
    await page.getByTestId('person-kind-fixed').waitFor();
    const position = page.getByTestId('person-position').or(page.getByTestId('person-manager-name')).first();
    await position.fill('Phó Hiệu trưởng');
    await page.getByTestId('person-save').click();
    await page.getByTestId('person-in-force').waitFor();
    await page.getByTestId('start-change-info').click();
    await page.waitForURL(/\/requests\/new\?type=change_info&subscriber_id=\d+/);
  });
});
