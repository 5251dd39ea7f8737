// The token station's "Bỏ dở" and a request's devices, in the browser, on the server's SoftHSM2.
// Abandon applies only to an enrolment that has not issued its certificate yet (stages
// `initializing`/`initialized`, app/token_station_abandon.cpp); the station's own "Khởi tạo thiết
// bị" goes through to the end in one call, so the interrupted enrolment is made by the CLI on the
// same instance and token store with the station's test hook CHUNGTHU_TEST_FAIL_AT=after-key (the
// token initialized and its key made, nothing issued: as a token pulled out at that point).
//   - The CA operator sees the enrolment in progress on its token, abandons it with a note: the
//     request still waits (enrolment "not started"), the token is in the register `formatted`
//     with the note in its history, and is then enrolled again for the same request from the
//     station; the request's page lists both events of the token.
//   - An abandon made stale by the enrolment going on to issue (another station, the CLI) is
//     refused: the dialog says to report the token damaged and file a reissue, in Vietnamese and
//     in English.
//   - A request completed on a token shows the token's event on its page to the registration
//     officer and to its school's manager; another school's manager gets "not found".
// Everything is made here for a school no other journey uses (truong4), one request per test.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newUserPage, pickOption, shot, signIn } from './harness';
import { approvedNew, ct, ctRun, type Waiting } from './station-data';

let browser: Browser;
const pages: Page[] = [];
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [i, page] of pages.entries()) await shot(page, `failed-token-abandon-${i}`).catch(() => undefined);
});

/** The school whose people get the tokens here: no other journey touches its requests or devices. */
const UNIT = 'truong4';
const NOTE = 'Thiết bị bị rút ra giữa chừng khi đang sinh khóa';

let docs = '';
beforeAll(async () => {
  if (!inject('softhsmConf')) throw new Error('SoftHSM2 is not installed (/usr/lib/softhsm/libsofthsm2.so): run scripts/install-deps.sh');
  docs = mkdtempSync(join(tmpdir(), 'chungthu-e2e-abandon-'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  if (docs) rmSync(docs, { recursive: true, force: true });
});

interface Slot {
  slot_id: number;
  serial: string;
  token_present: boolean;
  initialized: boolean | null;
}

/** The module's slots as the CLI sees them (the server's SoftHSM2). */
const tokenList = () => JSON.parse(ct('token', 'list', '--json')) as Slot[];

/** The slot of a blank, never-initialized token (SoftHSM2 always offers one). */
function blankSlot(): number {
  const s = tokenList().find((t) => t.token_present && t.initialized === false);
  if (!s) throw new Error('SoftHSM2 offers no blank token');
  return s.slot_id;
}

/** The slot holding the token `serial`. */
function slotOf(serial: string): number {
  const s = tokenList().find((t) => t.serial === serial);
  if (!s) throw new Error(`token ${serial} is in no slot`);
  return s.slot_id;
}

/**
 * `token enroll` by cuc.ca stopped by the station's test hook at `point`: after-key leaves the
 * enrolment `initialized` (token initialized, key on it, nothing issued), after-issue `issued`
 * (certificate issued and the request completed, not written to the token).
 */
function enrolUntil(id: number, slot: number, point: 'after-key' | 'after-issue'): void {
  const r = ctRun(['token', 'enroll', String(id), '--slot', String(slot), '--as', 'cuc.ca'], { CHUNGTHU_TEST_FAIL_AT: point });
  if (r.status === 0 || !r.stderr.includes(point)) {
    throw new Error(`token enroll ${id} did not stop at ${point} (${r.status}): ${r.stdout}${r.stderr}`);
  }
}

/** What GET /api/v1/token-station says of a request's enrolment and of the token it is on. */
async function enrolmentOf(page: Page, id: number): Promise<{ stage: string; device_serial: string } | null> {
  const overview = (await (await page.request.get('/api/v1/token-station')).json()) as {
    requests: { request_id: number; enrolment: { stage: string; device_serial: string } | null }[];
  };
  const r = overview.requests.find((q) => q.request_id === id);
  if (!r) throw new Error(`request ${id} is not waiting for a device`);
  return r.enrolment;
}

/** The "Sổ đăng ký" state of the slot row holding `serial` ("" while the register does not know it). */
async function registerState(page: Page, serial: string): Promise<string> {
  const tag = page.getByTestId('station-slots').locator('tr', { hasText: serial }).locator('[data-state]');
  return (await tag.count()) === 0 ? '' : ((await tag.first().getAttribute('data-state')) ?? '');
}

async function openStation(page: Page): Promise<void> {
  await page.goto('/token-station');
  await page.getByTestId('station-requests').waitFor();
  await page.getByTestId('station-slots').locator('[data-initialized]').first().waitFor();
}

describe('abandoning an enrolment at the token station', () => {
  it('the CA operator abandons an enrolment not yet issued: the request still waits, the token is kept formatted and enrolled again', async () => {
    const waiting: Waiting = approvedNew(UNIT, docs);
    const id = waiting.id;
    enrolUntil(id, blankSlot(), 'after-key');

    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'cuc.ca');
    await openStation(page);
    const enrolment = await enrolmentOf(page, id);
    expect(enrolment?.stage).toBe('initialized');
    const serial = enrolment!.device_serial;
    expect(serial).not.toBe('');

    // The request shows its enrolment in progress on that token, picked for it, with "Bỏ dở".
    const row = page.getByTestId('station-requests').locator(`tr[data-row-key="${id}"]`);
    await row.waitFor();
    expect(await row.textContent()).toContain(waiting.holder);
    const stage = row.locator('[data-stage]');
    expect(await stage.getAttribute('data-stage')).toBe('initialized');
    expect(await stage.textContent()).toBe('Đã khởi tạo, chưa cấp chứng thư');
    expect(await row.textContent()).toContain(serial);
    expect(await row.getByTestId(`station-slot-${id}`).textContent()).toContain(serial);
    // The token is initialized and not in the register yet.
    const tokenRow = page.getByTestId('station-slots').locator('tr', { hasText: serial });
    expect(await tokenRow.locator('[data-initialized]').getAttribute('data-initialized')).toBe('true');
    expect(await tokenRow.textContent()).toContain('Chưa đăng ký');
    expect(await registerState(page, serial)).toBe('');
    await shot(page, 'token-station-interrupted');

    // Bỏ dở: the dialog says the token is kept as a blank one; the note goes with it.
    await row.getByTestId(`station-abandon-${id}`).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.textContent()).toContain(`Bỏ dở lần khởi tạo — yêu cầu số ${id}`);
    expect(await dialog.textContent()).toContain(`Thiết bị ${serial} được giữ lại như thiết bị trắng`);
    await dialog.getByLabel('Ghi chú (không bắt buộc)').fill(NOTE);
    await shot(page, 'token-station-abandon');
    const [answer] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/token-station/abandon')),
      dialog.getByTestId('station-abandon-confirm').click(),
    ]);
    expect(answer.status(), await answer.text()).toBe(200);
    expect(JSON.parse(answer.request().postData() ?? '{}')).toEqual({ request_id: id, note: NOTE });
    expect(await answer.json()).toEqual({ request_id: id, device_serial: serial });
    await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
    expect(await page.getByTestId('station-abandon-error').count()).toBe(0);

    // Still waiting for a device, its enrolment not started, nothing left to abandon; the token
    // is registered formatted (a blank one the CA may initialize again).
    await expect.poll(() => row.locator('[data-stage]').count()).toBe(0);
    expect(await row.textContent()).toContain('Chưa bắt đầu');
    expect(await row.getByTestId(`station-abandon-${id}`).count()).toBe(0);
    expect(await row.getByTestId(`station-enroll-${id}`).isEnabled()).toBe(true);
    await expect.poll(() => registerState(page, serial)).toBe('formatted');
    expect(await enrolmentOf(page, id)).toBeNull();
    const detail = (await (await page.request.get(`/api/v1/requests/${id}`)).json()) as { state: string };
    expect(detail.state).toBe('approved');
    await shot(page, 'token-station-abandoned');

    // The register: formatted in the list, and in the token's history with the note.
    await page.goto('/devices');
    const listed = page.getByTestId('devices-table').locator('tr', { has: page.getByTestId(`device-link-${serial}`) });
    await listed.waitFor();
    expect(await listed.locator('[data-state]').first().getAttribute('data-state')).toBe('formatted');
    await page.getByTestId(`device-link-${serial}`).click();
    await page.waitForURL(new RegExp(`/devices/${serial}$`));
    await page.getByTestId('device-header').waitFor();
    expect(await page.getByTestId('device-state').getAttribute('data-state')).toBe('formatted');
    const formatted = page.getByTestId('device-history').getByTestId('device-event').last();
    expect(await formatted.getAttribute('data-action')).toBe('format');
    expect(await formatted.getAttribute('data-to')).toBe('formatted');
    const text = (await formatted.textContent()) ?? '';
    expect(text).toContain('Khởi tạo trắng');
    expect(text).toContain(`bỏ dở khởi tạo cho yêu cầu số ${id}`);
    expect(text).toContain(NOTE);
    expect(text).toContain('cuc.ca');
    expect(await formatted.getByRole('link', { name: `Yêu cầu #${id}` }).getAttribute('href')).toBe(`/requests/${id}`);
    await shot(page, 'device-formatted');

    // Enrolled again for the same request, on the same (formatted) token.
    await openStation(page);
    await row.waitFor();
    await pickOption(page, `station-slot-${id}`, serial);
    await expect.poll(() => row.getByTestId(`station-slot-${id}`).textContent()).toContain(serial);
    const [enrolled] = await Promise.all([
      page.waitForResponse((r) => r.url().endsWith('/api/v1/token-station/enroll'), { timeout: 120_000 }),
      row.getByTestId(`station-enroll-${id}`).click(),
    ]);
    expect(enrolled.status(), await enrolled.text()).toBe(200);
    const result = page.getByTestId('station-result');
    await result.waitFor();
    expect(((await result.getByTestId('station-result-device').textContent()) ?? '').trim()).toBe(serial);
    expect(((await result.getByTestId('station-pin').textContent()) ?? '').replace(/\s/g, '')).toMatch(/^\d{8}$/);
    await page.getByTestId('station-result-close').click();
    await page.getByTestId('station-reload').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => registerState(page, serial)).toBe('active');

    // The request's page: the token's two events, formatted by the abandon, then enrolled.
    await page.goto(`/requests/${id}`);
    const events = page.getByTestId('request-devices').getByTestId('request-device-event');
    await expect.poll(() => events.count()).toBe(2);
    expect(await events.nth(0).getAttribute('data-action')).toBe('format');
    expect(await events.nth(0).getAttribute('data-to')).toBe('formatted');
    expect(await events.nth(1).getAttribute('data-action')).toBe('enrol');
    expect(await events.nth(1).getAttribute('data-to')).toBe('active');
    for (const i of [0, 1]) expect(await events.nth(i).getAttribute('data-serial')).toBe(serial);
    expect(await events.nth(0).textContent()).toContain(NOTE);
  });

  it('an abandon made stale by the certificate being issued is refused, saying to report the token damaged and file a reissue', async () => {
    const { id } = approvedNew(UNIT, docs);
    enrolUntil(id, blankSlot(), 'after-key');

    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'cuc.ca');
    await openStation(page);
    const serial = (await enrolmentOf(page, id))?.device_serial ?? '';
    expect(serial).not.toBe('');
    const row = page.getByTestId('station-requests').locator(`tr[data-row-key="${id}"]`);
    await row.getByTestId(`station-abandon-${id}`).waitFor();

    // Meanwhile the enrolment goes on elsewhere until its certificate is issued.
    enrolUntil(id, slotOf(serial), 'after-issue');
    const issued = (await (await page.request.get(`/api/v1/requests/${id}`)).json()) as { state: string; result_serial: string };
    expect(issued.state).toBe('completed');
    expect(issued.result_serial).toMatch(/^[0-9A-F]+$/);

    // The page, not refreshed, still offers "Bỏ dở": the server refuses, the dialog says why.
    const refuse = async (lang: 'vi' | 'en') => {
      await row.getByTestId(`station-abandon-${id}`).click();
      const dialog = page.getByRole('dialog');
      await dialog.waitFor();
      const [answer] = await Promise.all([
        page.waitForResponse((r) => r.url().endsWith('/api/v1/token-station/abandon')),
        dialog.getByTestId('station-abandon-confirm').click(),
      ]);
      expect(answer.status()).toBe(409);
      const problem = dialog.getByTestId('station-abandon-error');
      await problem.waitFor();
      const text = (await problem.textContent()) ?? '';
      await shot(page, `token-station-abandon-refused-${lang}`);
      await dialog.getByTestId('station-abandon-close').click();
      await expect.poll(() => page.getByRole('dialog').count()).toBe(0);
      return text;
    };
    const vi = await refuse('vi');
    expect(vi).toContain(`Chứng thư số ${issued.result_serial} của yêu cầu số ${id} đã được cấp`);
    expect(vi).toContain('hãy báo thiết bị hỏng');
    expect(vi).toContain('lập yêu cầu cấp lại');

    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Token station' }).waitFor();
    const en = await refuse('en');
    expect(en).toContain(`Certificate ${issued.result_serial} of request ${id} is issued`);
    expect(en).toContain('report the token damaged');
    expect(en).toContain('file a reissue');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Trạm thiết bị' }).waitFor();

    // After a refresh the request waits no more and its token is registered in use: nothing
    // was abandoned.
    await page.getByTestId('station-reload').click();
    await expect.poll(() => row.count()).toBe(0);
    await expect.poll(() => registerState(page, serial)).toBe('active');

    // The certificate is written to the token (the enrolment resumed), as the station would.
    const done = JSON.parse(ct('token', 'enroll', String(id), '--slot', String(slotOf(serial)), '--as', 'cuc.ca', '--json')) as {
      certificate_serial: string;
    };
    expect(done.certificate_serial).toBe(issued.result_serial);
  });
});

describe("a request's devices on its page", () => {
  it('the registration officer and the school see the token enrolled for the request; another school gets not found', async () => {
    const { id } = approvedNew(UNIT, docs);
    const done = JSON.parse(ct('token', 'enroll', String(id), '--slot', String(blankSlot()), '--as', 'cuc.ca', '--json')) as {
      device_serial: string;
      certificate_serial: string;
    };
    const serial = done.device_serial;
    expect(serial).not.toBe('');

    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'tiepnhan1');
    await page.goto(`/requests/${id}`);
    await page.getByTestId('request-header').waitFor();
    const block = page.getByTestId('request-devices');
    await block.waitFor();
    const events = block.getByTestId('request-device-event');
    expect(await events.count()).toBe(1);
    const enrolled = events.first();
    expect(await enrolled.getAttribute('data-serial')).toBe(serial);
    expect(await enrolled.getAttribute('data-action')).toBe('enrol');
    expect(await enrolled.getAttribute('data-to')).toBe('active');
    const text = (await enrolled.textContent()) ?? '';
    expect(text).toContain('Khởi tạo, cấp chứng thư');
    expect(text).toContain('cuc.ca');
    expect(text).toContain('khởi tạo / enrolled');
    expect(await enrolled.locator('[data-state="active"]').count()).toBe(1);
    await shot(page, 'request-devices');

    // The serial leads to the device, whose history leads back to the request.
    const link = block.getByTestId(`request-device-${serial}`);
    expect(await link.getAttribute('href')).toBe(`/devices/${serial}`);
    await link.click();
    await page.waitForURL(new RegExp(`/devices/${serial}$`));
    await page.getByTestId('device-header').waitFor();
    expect(await page.getByTestId('device-state').getAttribute('data-state')).toBe('active');
    const step = page.getByTestId('device-history').locator('[data-testid="device-event"][data-action="enrol"]').last();
    expect(await step.getByRole('link', { name: `Yêu cầu #${id}` }).getAttribute('href')).toBe(`/requests/${id}`);

    // The school's own manager sees the same block.
    const own = (await newUserPage(browser)).page;
    pages.push(own);
    await signIn(own, UNIT);
    await own.goto(`/requests/${id}`);
    await own.getByTestId('request-devices').getByTestId(`request-device-${serial}`).waitFor();
    expect(await own.getByTestId('request-device-event').getAttribute('data-serial')).toBe(serial);

    // Another school's manager: not found, and nothing of the token.
    const other = (await newUserPage(browser)).page;
    pages.push(other);
    await signIn(other, 'truong2');
    const api = await other.request.get(`/api/v1/requests/${id}`);
    expect([403, 404]).toContain(api.status());
    await other.goto(`/requests/${id}`);
    await other.locator('.ant-result-403, .ant-result-404').waitFor();
    expect(await other.getByTestId('request-header').count()).toBe(0);
    expect(await other.getByTestId('request-devices').count()).toBe(0);
    expect(await other.getByTestId('request-device-event').count()).toBe(0);
    expect(await other.locator('body').textContent()).not.toContain(serial);
  });
});
