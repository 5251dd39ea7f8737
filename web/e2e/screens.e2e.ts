// The main screens of each role, checked for what they must show and photographed (desktop
// and phone): the dashboards with their charts, the CA operator's CRL and OCSP status, the
// auditor's chain verification, and "check a certificate file" without sign-in.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PHONE, baseURL, launch, newUserPage, shot, signIn } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function signedIn(login: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await newUserPage(browser, viewport);
  await signIn(page, login);
  return page;
}

describe('main screens', () => {
  it("the unit manager's dashboard has its figures and charts, in Vietnamese and English", async () => {
    const page = await signedIn('truong1');
    await page.goto('/');
    await page.getByTestId('chart-by-state').waitFor();
    await page.getByTestId('kpi-valid').waitFor();
    await shot(page, 'dashboard');
    await page.getByTestId('lang-switch').click();
    await page.getByText('Sign out').waitFor();
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    await page.getByTestId('lang-switch').click();
  });

  it('works on a phone-sized screen', async () => {
    const page = await signedIn('daumoi2', PHONE);
    await page.goto('/');
    await page.getByTestId('chart-by-org').waitFor();
    // Nothing wider than the screen.
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(PHONE.width);
    await shot(page, 'dashboard-phone');
    await page.getByRole('button', { name: /Mở danh mục chức năng/ }).click();
    await page.getByRole('link', { name: 'Danh sách đề nghị' }).click();
    await page.waitForURL(/\/batches$/);
    await shot(page, 'batches-phone');
  });

  it("the CA operator sees the CRL numbers and OCSP freshness, and publishes a CRL", async () => {
    const page = await signedIn('cuc.ca');
    await page.goto('/operations');
    const number = page.getByTestId('crl-number-issuing');
    await number.waitFor();
    const before = Number(await number.textContent());
    await page.getByTestId('ocsp-status').waitFor();
    await page.getByTestId('publish-crl-issuing').click();
    await expect.poll(async () => Number(await number.textContent()), { timeout: 20_000 }).toBeGreaterThan(before);
    await shot(page, 'operations');
  });

  it('the auditor sees the chain verified', async () => {
    const page = await signedIn('kiemtra');
    await page.goto('/audit');
    await page.getByTestId('audit-chain-ok').waitFor();
    await shot(page, 'audit');
  });

  it('anyone checks a certificate file without signing in', async () => {
    const { page } = await newUserPage(browser);
    const found = (await (await fetch(`${baseURL()}/api/v1/public/certificates?q=nguyen`)).json()) as { items: { serial: string }[] };
    const serial = found.items[0].serial;
    const pem = await (await fetch(`${baseURL()}/api/v1/public/certificates/${serial}.pem`)).text();
    const dir = mkdtempSync(join(tmpdir(), 'chungthu-check-'));
    writeFileSync(join(dir, `${serial}.pem`), pem);
    await page.goto('/check');
    const input = page.locator('.ant-upload-drag input[type=file]');
    await input.setInputFiles(join(dir, `${serial}.pem`));
    await page.getByTestId('check-verdict').waitFor();
    expect(await page.getByTestId('check-serial').textContent()).toContain(serial.slice(0, 4));
    await shot(page, 'check');
    // A file that is not a certificate: the server's bilingual refusal, no crash.
    writeFileSync(join(dir, 'rac.cer'), 'không phải chứng thư');
    await input.setInputFiles(join(dir, 'rac.cer'));
    await page.getByRole('alert').first().waitFor();
  });
});
