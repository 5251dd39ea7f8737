// The device pages of issue 15: the unit manager finds a demo token in the unit's devices, reports
// it temporarily lost with a note and then found, each after a confirmation that says what happens
// to the certificates; a change made stale by another tab is refused with the server's problem,
// shown in the dialog; the auditor reads the same device without any report button; the holder's
// page lists the person's tokens with their state and handover, linked back to the device. The
// registration officer records the handover of DEMO-TK-0003 (a token the tests above leave alone)
// with the receiver's name; the list filters tokens by handover; the unit manager sees the
// handover without any button to record one.
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage, pickOption, shot, signIn } from './harness';

let browser: Browser;
const pages: Page[] = [];
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [i, page] of pages.entries()) await shot(page, `failed-devices-${i}`).catch(() => undefined);
});

interface Listed {
  serial: string;
  state: string;
  subscriber_id: number | null;
  handed_over_at: string | null;
}

const NOTE = 'Để quên trên xe buýt khi đi công tác';

/** The device page's state tag (data-state is the API's code). */
const stateOf = (page: Page) => page.getByTestId('device-state').getAttribute('data-state');

async function openDevice(page: Page, serial: string): Promise<void> {
  await page.goto('/devices');
  await page.getByTestId(`device-link-${serial}`).click();
  await page.waitForURL(new RegExp(`/devices/${serial}$`));
  const header = page.getByTestId('device-header');
  await header.or(page.locator('.ant-result')).first().waitFor();
  if ((await header.count()) === 0) {
    const res = await page.request.get(`/api/v1/devices/${encodeURIComponent(serial)}`);
    throw new Error(`the page of device ${serial} did not open: GET /api/v1/devices/${serial} answered ${res.status()}`);
  }
}

describe("the unit's devices", () => {
  let serial = '';
  let events = 0;

  it('the unit manager reports a token temporarily lost, then found', async () => {
    const { context, page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'truong1');

    // The demo's tokens of the first school: active ones, and DEMO-TK-0002 locked.
    const listed = ((await (await page.request.get('/api/v1/devices')).json()) as { items: Listed[] }).items;
    serial = listed.find((d) => d.state === 'active')?.serial ?? '';
    expect(serial, 'an active demo token in reach of truong1').not.toBe('');

    await page.getByRole('link', { name: 'Thiết bị', exact: true }).click();
    await page.waitForURL(/\/devices$/);
    const table = page.getByTestId('devices-table');
    await table.getByTestId(`device-link-${serial}`).waitFor();
    if (listed.some((d) => d.serial === 'DEMO-TK-0002')) {
      const locked = table.locator('tr', { hasText: 'DEMO-TK-0002' }).locator('[data-state]');
      expect(await locked.getAttribute('data-state')).toBe('locked');
      expect(await locked.textContent()).toMatch(/bị khóa/i);
    }
    await shot(page, 'devices');

    await openDevice(page, serial);
    expect(await stateOf(page)).toBe('active');
    const history = page.getByTestId('device-history');
    const eventsBefore = await history.getByTestId('device-event').count();

    // Báo mất tạm thời: the dialog says the certificates go on hold; a note goes with it.
    await page.getByTestId('device-change-temporarily_lost').click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    expect(await dialog.getByTestId('device-change-effect').textContent()).toContain('tạm dừng');
    await dialog.getByLabel('Ghi chú (không bắt buộc)').fill(NOTE);
    await shot(page, 'device-report-lost');
    await dialog.getByTestId('device-change-confirm').click();
    await expect.poll(() => stateOf(page)).toBe('temporarily_lost');
    expect(await page.getByTestId('device-state').textContent()).toMatch(/bị mất tạm thời/i);
    await expect.poll(() => history.getByTestId('device-event').count()).toBe(eventsBefore + 1);
    const lost = history.locator('[data-testid="device-event"][data-to="temporarily_lost"]').last();
    expect(await lost.textContent()).toContain(NOTE);
    expect(await lost.textContent()).toContain('truong1');
    await shot(page, 'device-lost');

    // A second tab still shows the lost device.
    const stale = await context.newPage();
    pages.push(stale);
    await stale.goto(`/devices/${serial}`);
    await stale.getByTestId('device-change-active').waitFor();

    // Đã tìm thấy: the hold is lifted.
    await page.getByTestId('device-change-active').click();
    await dialog.waitFor();
    expect(await dialog.getByTestId('device-change-effect').textContent()).toContain('tiếp tục hiệu lực');
    await dialog.getByTestId('device-change-confirm').click();
    await expect.poll(() => stateOf(page)).toBe('active');
    expect(await page.getByTestId('device-state').textContent()).toMatch(/đang sử dụng/i);
    await expect.poll(() => history.getByTestId('device-event').count()).toBe(eventsBefore + 2);
    expect(await history.getByTestId('device-event').last().getAttribute('data-to')).toBe('active');
    events = eventsBefore + 2;

    // The stale tab tries the same "found": the server refuses and the dialog shows why.
    await stale.getByTestId('device-change-active').click();
    await stale.getByTestId('device-change-confirm').click();
    const problem = stale.getByTestId('device-change-error');
    await problem.waitFor();
    expect(((await problem.textContent()) ?? '').trim()).not.toBe('');
    expect(await stale.getByTestId('page-failed').count()).toBe(0);
    await shot(stale, 'device-change-refused');
    await stale.getByTestId('device-change-close').click();
    await stale.reload();
    await expect.poll(() => stateOf(stale)).toBe('active');
  });

  it('the auditor reads the device and its history without any report button', async () => {
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'kiemtra');
    await openDevice(page, serial);
    expect(await stateOf(page)).toBe('active');
    await expect.poll(() => page.getByTestId('device-event').count()).toBe(events);
    expect(await page.getByTestId('device-changes').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Báo mất|Đã tìm thấy|Báo hỏng|Báo bị khóa|Thu hồi thiết bị/ }).count()).toBe(0);
  });

  it("the holder's page lists the person's demo tokens, linked to the device", async () => {
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'truong1');

    const listed = ((await (await page.request.get('/api/v1/devices')).json()) as { items: Listed[] }).items;
    const token = listed.find((d) => /^DEMO-TK-000\d$/.test(d.serial) && d.subscriber_id);
    expect(token, 'a demo token with a holder in reach of truong1').toBeDefined();
    const { serial: tk, subscriber_id: holder } = token!;
    const mine = listed.filter((d) => d.subscriber_id === holder);

    // From the device to its holder: the person's page lists every device the API gives for them.
    await openDevice(page, tk);
    expect(((await page.getByTestId('device-handover').textContent()) ?? '').trim()).not.toBe('');
    await page.getByTestId(`device-holder-${holder}`).click();
    await page.waitForURL(new RegExp(`/people/${holder}$`));
    const table = page.getByTestId('person-devices');
    const link = table.getByTestId(`person-device-${tk}`);
    await link.waitFor();
    expect(await table.getByRole('link').count()).toBe(mine.length);
    const row = table.locator('tr', { has: page.getByTestId(`person-device-${tk}`) });
    expect(await row.locator('[data-state]').getAttribute('data-state')).toBe(token!.state);
    const handover = ((await table.getByTestId(`person-device-handover-${tk}`).textContent()) ?? '').trim();
    if (token!.handed_over_at) expect(handover).toMatch(/^Đã bàn giao \d{2}\/\d{2}\/\d{4}$/);
    else if (token!.state === 'active') expect(handover).toBe('Chưa bàn giao');
    await shot(page, 'person-devices');

    // And back to the device.
    await link.click();
    await page.waitForURL(new RegExp(`/devices/${tk}$`));
    await page.getByTestId('device-header').waitFor();
  });
});

describe('the handover of a token to its holder', () => {
  // Active with a holder in the demo and not touched by the tests above (they take the first
  // active token, DEMO-TK-0001, and the holder of the first demo token).
  const TOKEN = 'DEMO-TK-0003';
  const RECEIVER = 'Lê Thị Nhận (văn thư nhà trường)';
  const RECORD = 'Biên bản bàn giao số 15/2026/BB-TN';

  it('the registration officer records it from the device page, and the list filters by it', async () => {
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'tiepnhan1');

    const before = (await (await page.request.get(`/api/v1/devices/${TOKEN}`)).json()) as Listed;
    expect(before.state).toBe('active');
    expect(before.handed_over_at).toBeNull();
    expect(before.subscriber_id).not.toBeNull();
    const holder = (await (await page.request.get(`/api/v1/subscribers/${before.subscriber_id}`)).json()) as {
      data: { full_name: string };
    };

    // The list's "Chưa bàn giao": the token is there, the locked DEMO-TK-0002 is not.
    await page.goto('/devices');
    const table = page.getByTestId('devices-table');
    await table.getByTestId(`device-link-${TOKEN}`).waitFor();
    expect(((await table.getByTestId(`device-row-handover-${TOKEN}`).textContent()) ?? '').trim()).toBe('Chưa bàn giao');
    await pickOption(page, 'device-handover-filter', 'Chưa bàn giao');
    await expect.poll(() => table.getByTestId('device-link-DEMO-TK-0002').count()).toBe(0);
    expect(await table.getByTestId(`device-link-${TOKEN}`).count()).toBe(1);

    await openDevice(page, TOKEN);
    expect(((await page.getByTestId('device-handover').textContent()) ?? '').trim()).toBe('Chưa bàn giao');
    const history = page.getByTestId('device-history');
    const eventsBefore = await history.getByTestId('device-event').count();

    // The dialog: the receiver is prefilled with the holder's name and required.
    await page.getByRole('button', { name: 'Ghi nhận bàn giao' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const receiver = dialog.getByLabel('Người nhận');
    await expect.poll(() => receiver.inputValue()).toBe(holder.data.full_name);
    await receiver.fill('');
    await dialog.getByTestId('device-handover-confirm').click();
    await dialog.getByText('Nhập tên người nhận thiết bị').waitFor();
    await receiver.fill(RECEIVER);
    await dialog.getByLabel('Ghi chú (không bắt buộc)').fill(RECORD);
    await shot(page, 'device-handover');
    await dialog.getByTestId('device-handover-confirm').click();

    // Handed over: the header says so, the button is gone, the history has the step.
    await expect.poll(async () => ((await page.getByTestId('device-handover').textContent()) ?? '').trim()).toMatch(
      /^Đã bàn giao \d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/,
    );
    expect(await stateOf(page)).toBe('active');
    expect(await page.getByTestId('device-handover-open').count()).toBe(0);
    await expect.poll(() => history.getByTestId('device-event').count()).toBe(eventsBefore + 1);
    const step = history.getByTestId('device-event').last();
    expect(await step.getAttribute('data-action')).toBe('handover');
    const text = (await step.textContent()) ?? '';
    expect(text).toContain('Bàn giao');
    expect(text).toContain(RECEIVER);
    expect(text).toContain(RECORD);
    expect(text).toContain('tiepnhan1');
    await shot(page, 'device-handed-over');

    // The list: among "Đã bàn giao" with its date, no longer among "Chưa bàn giao".
    await page.goto('/devices');
    await table.getByTestId(`device-link-${TOKEN}`).waitFor();
    await pickOption(page, 'device-handover-filter', 'Đã bàn giao');
    await expect.poll(() => table.getByTestId('device-link-DEMO-TK-0002').count()).toBe(0);
    expect(((await table.getByTestId(`device-row-handover-${TOKEN}`).textContent()) ?? '').trim()).toMatch(
      /^Đã bàn giao \d{2}\/\d{2}\/\d{4}$/,
    );
    await pickOption(page, 'device-handover-filter', 'Chưa bàn giao');
    await expect.poll(() => table.getByTestId(`device-link-${TOKEN}`).count()).toBe(0);
    await shot(page, 'devices-not-handed-over');
  });

  it('the unit manager sees the handover but has no button to record one', async () => {
    const { page } = await newUserPage(browser);
    pages.push(page);
    await signIn(page, 'truong1');

    await openDevice(page, TOKEN);
    expect(((await page.getByTestId('device-handover').textContent()) ?? '').trim()).toMatch(/^Đã bàn giao /);
    expect(await page.getByRole('button', { name: 'Ghi nhận bàn giao' }).count()).toBe(0);

    // Nor on an active token still waiting for its handover.
    const listed = ((await (await page.request.get('/api/v1/devices')).json()) as { items: Listed[] }).items;
    const waiting = listed.find((d) => d.state === 'active' && d.subscriber_id && !d.handed_over_at);
    expect(waiting, 'an active demo token not handed over in reach of truong1').toBeDefined();
    await openDevice(page, waiting!.serial);
    expect(((await page.getByTestId('device-handover').textContent()) ?? '').trim()).toBe('Chưa bàn giao');
    expect(await page.getByRole('button', { name: 'Ghi nhận bàn giao' }).count()).toBe(0);
    expect(await page.getByTestId('device-handover-open').count()).toBe(0);
  });
});
