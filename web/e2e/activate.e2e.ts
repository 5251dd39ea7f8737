// The page of the mailed activation and reset links (/activate#t=TOKEN), without sign-in: a made-up
// token is refused by the server (404) and said so in Vietnamese and English, with the way to a
// new link; the token leaves the address bar at once; a link without a token says so.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('the account link page', () => {
  it('refuses a made-up link in both languages and removes the token from the address', async () => {
    const { page, context } = await newUserPage(browser);
    await page.goto('/activate#t=not-a-real-token');
    const alert = page.getByTestId('account-link-invalid');
    await alert.waitFor();
    expect(new URL(page.url()).hash).toBe('');
    expect(page.url()).not.toContain('not-a-real-token');
    expect(await page.evaluate(() => window.location.href)).not.toContain('#');
    const vi = (await alert.textContent()) ?? '';
    expect(vi).toContain('Quên mật khẩu?');
    expect(vi).toMatch(/[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/i);
    await page.getByTestId('lang-switch').click();
    await expect.poll(async () => alert.textContent()).toContain('Forgot your password?');
    expect(await alert.textContent()).not.toBe(vi);
    await context.close();
  });

  it('says so when the link has no token, without asking the server', async () => {
    const { page, context } = await newUserPage(browser);
    const asked: string[] = [];
    page.on('request', (r) => {
      if (r.url().includes('/api/v1/account-link')) asked.push(r.url());
    });
    await page.goto('/activate');
    await page.getByTestId('account-link-missing').waitFor();
    expect(asked).toEqual([]);
    await context.close();
  });
});
