// The token station of issue 15 in the browser, on the SoftHSM2 the harness gives the server
// (global-setup.ts: one blank, never-initialized slot to begin with). A `new` request without a
// CSR for a TOKEN subscriber is made to wait for a device through the CLI (unit manager creates
// and submits, the aggregator batches it into a round, the registration office approves). Then
// the CA operator opens "Trạm thiết bị", finds the request and the blank token, enrols it, is
// shown the 8-digit PIN once with the token's serial, prints Mẫu 07 (a PDF comes back), closes
// the dialog (the PIN is gone), and after a refresh the request no longer waits. A device
// recovery for that holder then resets the PIN on the same token (another token is refused with
// the server's problem). A unit manager has no such menu entry and is refused the page.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newUserPage, pdfFile, pickOption, shot, signIn } from './harness';
import { approvedNew, ct, forwardAndApprove, type Waiting } from './station-data';

let browser: Browser;
const pages: Page[] = [];
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [i, page] of pages.entries()) await shot(page, `failed-token-station-${i}`).catch(() => undefined);
});

/**
 * The unit whose person gets the token: a school no other journey reads the certificates of
 * (they use truong1's), so the certificate made here changes none of their choices.
 */
const UNIT = 'truong3';

/** A `recover_device` (Mẫu 06) for the certificate on the holder's token, approved: it waits for a PIN reset. */
function approvedRecovery(subscriber: number, cert: string): number {
  const letter = pdfFile(docs, 'mau06.pdf', 'De nghi khoi phuc thiet bi');
  const out = ct('request', 'create', '--as', UNIT, '--type', 'recover_device', '--subscriber', String(subscriber),
    '--cert', cert, '--attach', `request_letter=${letter}`);
  const id = Number(out.trim().split(/\s/)[0]);
  if (!Number.isInteger(id) || id <= 0 || out.includes('[lỗi/error]')) throw new Error(`recover_device refused: ${out}`);
  forwardAndApprove(UNIT, id);
  return id;
}

let docs = '';
let waiting: Waiting;
/** What the enrolment made: the token's serial, the certificate and the PIN shown. */
const enrolled = { device: '', cert: '', pin: '' };

beforeAll(async () => {
  if (!inject('softhsmConf')) throw new Error('SoftHSM2 is not installed (/usr/lib/softhsm/libsofthsm2.so): run scripts/install-deps.sh');
  docs = mkdtempSync(join(tmpdir(), 'chungthu-e2e-station-'));
  waiting = approvedNew(UNIT, docs);
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  if (docs) rmSync(docs, { recursive: true, force: true });
});

describe('the token station', () => {
  it('the CA operator enrols a blank token for a waiting request and prints Mẫu 07 with the PIN shown once', async () => {
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'cuc.ca');

    await page.getByRole('link', { name: 'Trạm thiết bị', exact: true }).click();
    await page.waitForURL(/\/token-station$/);
    const requests = page.getByTestId('station-requests');
    const row = requests.locator(`tr[data-row-key="${waiting.id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(waiting.holder);
    expect(await row.textContent()).toContain('Cấp mới');
    expect(await row.getByTestId(`station-request-link-${waiting.id}`).getAttribute('href')).toBe(`/requests/${waiting.id}`);
    expect(await page.getByTestId('station-module-error').count()).toBe(0);

    // SoftHSM2's blank slot, never initialized, is listed and picked for the new certificate.
    const slots = page.getByTestId('station-slots');
    const blank = slots.locator('[data-initialized="false"]').first();
    await blank.waitFor();
    const blankSlot = await blank.locator('xpath=ancestor::tr').getAttribute('data-row-key');
    const picker = row.getByTestId(`station-slot-${waiting.id}`);
    expect(await picker.textContent()).toContain(`Khe ${blankSlot}`);
    expect(await picker.textContent()).toContain('chưa khởi tạo');
    expect(await row.getByTestId(`station-abandon-${waiting.id}`).count()).toBe(0);
    await shot(page, 'token-station');

    // Khởi tạo thiết bị: the key pair is made on the token (seconds); the button waits meanwhile.
    const enrolResponse = page.waitForResponse((r) => r.url().endsWith('/api/v1/token-station/enroll'), { timeout: 120_000 });
    await row.getByTestId(`station-enroll-${waiting.id}`).click();
    const answer = await enrolResponse;
    expect(answer.status(), await answer.text()).toBe(200);

    const result = page.getByTestId('station-result');
    await result.waitFor();
    const pin = ((await result.getByTestId('station-pin').textContent()) ?? '').replace(/\s/g, '');
    expect(pin).toMatch(/^\d{8}$/);
    const device = ((await result.getByTestId('station-result-device').textContent()) ?? '').trim();
    expect(device).not.toBe('');
    const cert = (await result.getByTestId('station-result-certificate').getAttribute('data-serial')) ?? '';
    expect(cert).toMatch(/^[0-9A-Fa-f]+$/);
    Object.assign(enrolled, { device, cert, pin });
    expect(await result.getByTestId('station-pin-warning').textContent()).toContain('chỉ hiển thị một lần');
    await shot(page, 'token-station-pin');

    // In biên bản bàn giao (Mẫu 07): the PIN goes in the body of a POST, a PDF comes back and is saved.
    const [letter, download] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/token-station/letter')),
      page.waitForEvent('download'),
      page.getByTestId('station-letter').click(),
    ]);
    expect(letter.status()).toBe(200);
    expect(letter.headers()['content-type']).toContain('application/pdf');
    expect(letter.request().method()).toBe('POST');
    expect(JSON.parse(letter.request().postData() ?? '{}')).toEqual({ request_id: waiting.id, user_pin: pin });
    expect(download.suggestedFilename()).toBe(`mau-07-${waiting.id}.pdf`);
    const saved = await download.path();
    expect(readFileSync(saved).subarray(0, 5).toString('latin1')).toBe('%PDF-');

    // The PIN is in no address and no storage of the page.
    expect(page.url()).not.toContain(pin);
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }) + JSON.stringify({ ...sessionStorage }));
    expect(stored).not.toContain(pin);

    // Closing the dialog forgets the PIN.
    await page.getByTestId('station-result-close').click();
    await expect.poll(() => page.getByTestId('station-pin').count()).toBe(0);
    expect(await page.locator('body').textContent()).not.toContain(pin.slice(0, 4) + ' ' + pin.slice(4));

    // After a refresh the request waits no more, and the token is registered in use.
    await page.getByTestId('station-reload').click();
    await expect.poll(() => row.count()).toBe(0);
    const enrolledToken = slots.locator('tr', { hasText: device });
    await expect.poll(() => enrolledToken.locator('[data-state]').first().getAttribute('data-state')).toBe('active');
    const detail = (await (await page.request.get(`/api/v1/requests/${waiting.id}`)).json()) as { state: string };
    expect(detail.state).toBe('completed');
    await shot(page, 'token-station-done');

    // In English.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Token station' }).waitFor();
    expect(await slots.locator('[data-initialized="false"]').first().textContent()).toBe('Blank, not initialized');
    await page.getByTestId('lang-switch').click();
  });

  it("the CA operator resets the PIN of the holder's token for a device recovery", async () => {
    expect(enrolled.device, 'the enrolment above').not.toBe('');
    const id = approvedRecovery(waiting.subscriber, enrolled.cert);
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'cuc.ca');
    await page.goto('/token-station');
    const row = page.getByTestId('station-requests').locator(`tr[data-row-key="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain('Khôi phục thiết bị');
    // The holder's registered token is the one picked.
    await expect.poll(() => row.getByTestId(`station-slot-${id}`).textContent()).toContain(enrolled.device);

    // A token not the holder's: the server refuses, and says why in Vietnamese.
    await pickOption(page, `station-slot-${id}`, 'chưa khởi tạo');
    await row.getByTestId(`station-reset-pin-${id}`).click();
    const refusal = page.getByTestId('station-error');
    await refusal.waitFor();
    expect(await refusal.textContent()).toContain('không phải thiết bị đã đăng ký');
    expect(await page.getByTestId('station-pin').count()).toBe(0);
    await shot(page, 'token-station-refused');

    await pickOption(page, `station-slot-${id}`, enrolled.device);
    await row.getByTestId(`station-reset-pin-${id}`).click();
    await page.getByTestId('station-result').waitFor({ timeout: 120_000 });
    expect(await page.getByTestId('station-error').count()).toBe(0);
    const pin = ((await page.getByTestId('station-pin').textContent()) ?? '').replace(/\s/g, '');
    expect(pin).toMatch(/^\d{8}$/);
    expect((await page.getByTestId('station-result-device').textContent())?.trim()).toBe(enrolled.device);
    expect(await page.getByTestId('station-result-certificate').getAttribute('data-serial')).toBe(enrolled.cert);
    await shot(page, 'token-station-reset-pin');
    await page.getByTestId('station-result-close').click();
    await expect.poll(() => page.getByTestId('station-pin').count()).toBe(0);
    await page.getByTestId('station-reload').click();
    await expect.poll(() => row.count()).toBe(0);
  });

  it('a unit manager has no token station in the menu and is refused the page', async () => {
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'truong1');
    expect(await page.getByRole('link', { name: 'Trạm thiết bị', exact: true }).count()).toBe(0);
    await page.goto('/token-station');
    await page.locator('.ant-result-403').waitFor();
    expect(await page.getByTestId('station-requests').count()).toBe(0);
    const res = await page.request.get('/api/v1/token-station');
    expect(res.status()).toBe(403);
  });
});
