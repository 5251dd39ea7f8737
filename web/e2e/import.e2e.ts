// Importing a list (/import): the unit manager chooses a CSV laid out its own way (a title row, a
// blank row, headers in another order and wording, an extra column), sees what the check found —
// one good row, one old 9-digit CMND in column C, the extra column ignored — in Vietnamese and in
// English, downloads the checked sheet, writes the good row and opens the draft it made.
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage, shot, signIn } from './harness';

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

interface Subject {
  cccd: string;
  email: string;
}

/** What the demo data says about truong1's unit: its name, the CCCD province code, the mail domain. */
async function unitFacts(p: Page): Promise<{ orgName: string; province: string; domain: string }> {
  const session = (await (await p.request.get('/api/v1/session')).json()) as { user: { org_id: number } };
  const orgs = (await (await p.request.get('/api/v1/organizations')).json()) as { items: { id: number; name: string }[] };
  const org = orgs.items.find((o) => o.id === session.user.org_id);
  const list = (await (await p.request.get('/api/v1/requests?limit=1')).json()) as { items: { data: { subject: Subject } }[] };
  const subject = list.items[0].data.subject;
  expect(org, 'truong1 reads its own organization').toBeDefined();
  expect(subject.cccd).toMatch(/^\d{12}$/);
  return { orgName: org!.name, province: subject.cccd.slice(0, 3), domain: subject.email.split('@')[1] };
}

describe('importing a list', () => {
  it('checks a sheet, shows its findings, writes the good row and opens the draft', async () => {
    const { orgName, province, domain } = await unitFacts(page);
    // A CCCD no one has: the province code, then nine digits from the clock.
    const stamp = String(Date.now()).slice(-9);
    const cccd = `${province}${stamp}`;
    const name = 'Trần Thị Mai Anh';
    const csv = [
      'DANH SÁCH ĐỀ NGHỊ CẤP CHỨNG THƯ SỐ',
      '',
      'STT,Họ tên,Số CCCD/CMND,Ngày sinh,Ngày cấp,Nơi cấp,Email công vụ,Đơn vị,Chức vụ,SĐT,Ghi chú',
      `1,${name},${cccd},15/04/1990,10/05/2021,Cục CS QLHC về TTXH,anh.ttm${stamp}@${domain},${orgName},Giáo viên,0912 345 678,nhập thử`,
      `2,Lê Văn Bình,123456789,01/02/1985,10/05/2021,Cục CS QLHC về TTXH,binh.lv${stamp}@${domain},${orgName},Giáo viên,0912 345 679,`,
      '',
    ].join('\r\n');

    // The menu leads there.
    await page.goto('/');
    await page.getByRole('link', { name: 'Nhập danh sách' }).click();
    await page.waitForURL(/\/import$/);
    await page.getByRole('heading', { name: 'Nhập danh sách' }).waitFor();

    await page
      .locator('.ant-upload-drag input[type=file]')
      .setInputFiles({ name: 'danh-sach-thu.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    const summary = page.getByTestId('import-summary');
    await summary.waitFor();
    expect(await page.getByTestId('import-file').textContent()).toBe('danh-sach-thu.csv');
    expect(await page.getByTestId('import-header-row').textContent()).toBe('3');
    expect(await page.getByTestId('import-data-rows').textContent()).toBe('2');
    expect(await page.getByTestId('import-good-rows').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('import-bad-rows').getAttribute('data-count')).toBe('1');
    expect(await page.getByTestId('import-verdict').getAttribute('data-verdict')).toBe('partial');

    const issues = page.getByTestId('import-issues');
    const cmnd = issues.locator('tr[data-code="cmnd_old"]');
    expect(await cmnd.count()).toBe(1);
    expect(await cmnd.getAttribute('data-column')).toBe('C');
    expect(await cmnd.getAttribute('data-row')).toBe('5');
    const cmndText = (await cmnd.textContent()) ?? '';
    expect(cmndText).toContain('C — Số CCCD/CMND');
    expect(cmndText).toContain('123456789');
    expect(cmndText).toContain('chứng minh nhân dân');
    expect(cmndText).toContain('Lỗi');
    const extra = issues.locator('tr[data-code="extra_column"]');
    expect(await extra.count()).toBe(1);
    const extraText = (await extra.textContent()) ?? '';
    expect(extraText).toContain('Ghi chú');
    expect(extraText).toContain('Cảnh báo');
    await shot(page, 'import-checked');

    // The same finding in English.
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Import a list' }).waitFor();
    const first = cmnd.locator('td').nth(3).locator('div').first();
    await expect.poll(() => first.textContent()).toContain('old 9-digit identity card (CMND)');
    expect(await page.getByTestId('import-write').textContent()).toContain('Write the 1 good row');
    await page.getByTestId('lang-switch').click();
    await page.getByRole('heading', { name: 'Nhập danh sách' }).waitFor();

    // The checked sheet, every bad cell marked: a workbook, nothing written.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('import-report').click()]);
    expect(download.suggestedFilename()).toBe('bao-cao-nhap.xlsx');
    const path = await download.path();
    expect(readFileSync(path).subarray(0, 2).toString('latin1')).toBe('PK');

    // Write the good row, the bad one left out.
    const write = page.getByTestId('import-write');
    expect(((await write.textContent()) ?? '').trim()).toBe('Ghi 1 dòng hợp lệ');
    await write.click();
    const confirm = page.getByTestId('import-write-confirm');
    await confirm.waitFor();
    expect(await page.locator('.ant-popconfirm').textContent()).toContain('1 dòng có lỗi sẽ bị bỏ qua');
    await confirm.click();
    const done = page.getByTestId('import-done');
    await done.waitFor();
    expect(await done.textContent()).toContain('Đã tạo 1 yêu cầu nháp');
    expect(await page.getByTestId('import-write').count()).toBe(0);
    const link = done.locator('[data-testid^="request-link-"]');
    expect(await link.count()).toBe(1);
    await shot(page, 'import-written');

    await link.click();
    await page.waitForURL(/\/requests\/\d+$/);
    const data = page.getByTestId('request-data');
    await data.waitFor();
    const text = (await data.textContent()) ?? '';
    expect(text).toContain(name);
    expect(text).toContain(cccd);
    expect(text).toMatch(/C06|Cục Cảnh sát quản lý hành chính về trật tự xã hội/);
  });

  it('says so when the file is not a spreadsheet, and takes another', async () => {
    await page.goto('/import');
    const input = page.locator('.ant-upload-drag input[type=file]');
    await input.setInputFiles({ name: 'cong-van.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4\n%%EOF\n', 'latin1') });
    const error = page.getByTestId('import-error');
    await error.waitFor();
    expect(await error.textContent()).toContain('không phải bảng tính XLSX hoặc CSV');
    expect(await page.getByTestId('import-summary').count()).toBe(0);
    await shot(page, 'import-not-a-sheet');
    // The drop zone stays for the next file; a clean sheet clears the error.
    const csv = 'Họ và tên,Số CCCD,Ngày sinh\r\nNguyễn Văn An,123456789,01/01/1990\r\n';
    await input.setInputFiles({ name: 'lan-hai.csv', mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });
    await page.getByTestId('import-summary').waitFor();
    expect(await page.getByTestId('import-error').count()).toBe(0);
  });
});
