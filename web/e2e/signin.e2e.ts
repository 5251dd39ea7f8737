// Sign-in through the portal: a role without and a role with the TOTP code (one form), a wrong password
// refused with a bilingual message, and the English switch.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage, shot, signIn, signOut } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('sign-in', () => {
  it('signs in a unit manager with a password only, and out again', async () => {
    const { page, context } = await newUserPage(browser);
    await signIn(page, 'truong1');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('truong1');
    await signOut(page);
    await context.close();
  });

  it('signs in the registration office with password and TOTP code together', async () => {
    const { page, context } = await newUserPage(browser);
    await page.goto('/signin');
    await shot(page, 'signin');
    await signIn(page, 'tiepnhan1');
    await expect(page.getByTestId('current-user').textContent()).resolves.toContain('tiepnhan1');
    await context.close();
  });

  it('refuses a wrong password in Vietnamese, then in English', async () => {
    const { page, context } = await newUserPage(browser);
    await page.goto('/signin');
    await page.getByLabel('Tên đăng nhập').fill('truong2');
    await page.getByLabel('Mật khẩu').fill('not the password');
    await page.getByTestId('sign-in-submit').click();
    const alert = page.getByRole('alert').first();
    await alert.waitFor();
    const vi = await alert.textContent();
    expect(vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    await page.getByTestId('lang-switch').click();
    await page.getByLabel('Login').fill('truong2');
    await page.getByLabel('Password').fill('still wrong');
    await page.getByTestId('sign-in-submit').click();
    await expect.poll(async () => page.getByRole('alert').first().textContent()).not.toBe(vi);
    await context.close();
  });
});
