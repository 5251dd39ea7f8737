// The journeys of issue 6 through the portal, as the people of the source documents do them:
// a unit manager, a department's aggregator, the registration office, the CA's worker, and
// anyone looking a certificate up. Every step goes through the screens against the real API.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  baseURL,
  chooseFile,
  launch,
  makeCsr,
  newUserPage,
  pdfFile,
  pickOption,
  requestState,
  shot,
  signIn,
  waitForState,
} from './harness';

let browser: Browser;
const pages = new Map<string, Page>();
const files = mkdtempSync(join(tmpdir(), 'chungthu-e2e-files-'));

/** One signed-in page per demo user, kept across the journeys (one TOTP code each). */
async function as(login: string): Promise<Page> {
  const known = pages.get(login);
  if (known) return known;
  const { page } = await newUserPage(browser);
  await signIn(page, login);
  pages.set(login, page);
  return page;
}

beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});
// A failed step leaves a picture of every open page among the artifacts.
afterEach(async (ctx) => {
  if (ctx.task.result?.state !== 'fail') return;
  for (const [login, page] of pages) await shot(page, `failed-${ctx.task.name.slice(0, 40).replace(/\W+/g, '-')}-${login}`).catch(() => undefined);
});

async function attach(page: Page, kind: string, file: string): Promise<void> {
  // The panel settles after the previous upload (it reloads the request); pick the kind until
  // the select shows it, then upload.
  await expect
    .poll(async () => {
      if (!((await page.getByTestId('attachment-kind').textContent()) ?? '').includes(kind)) {
        await pickOption(page, 'attachment-kind', kind);
      }
      await page.waitForTimeout(300);
      return page.getByTestId('attachment-kind').textContent();
    })
    .toContain(kind);
  await chooseFile(page, 'attachment-upload', file);
  await expect.poll(() => page.getByTestId('attachments-table').textContent()).toContain(file.split('/').pop()!.replace(/\.pdf$/, ''));
}

/** Takes an "other" document off the request (Bỏ → confirm); checks the list and the timeline. */
async function detach(page: Page, name: string): Promise<void> {
  const remove = page.getByTestId('attachments-table').locator('tr', { hasText: name }).locator('[data-testid^="attachment-remove-"]');
  const id = ((await remove.getAttribute('data-testid')) ?? '').split('-').pop();
  await remove.click();
  await page.getByTestId(`attachment-remove-confirm-${id}`).click();
  await expect.poll(() => page.getByTestId('attachments-table').textContent()).not.toContain(name);
  await expect.poll(() => page.getByTestId('request-timeline').textContent()).toContain(`bỏ / removed other: ${name}`);
}

async function submitRequest(page: Page): Promise<void> {
  await page.getByTestId('action-submit').click();
  await expect.poll(() => requestState(page)).toBe('submitted');
}

/** The aggregator puts one submitted request in a new batch of the open round and submits it. */
async function batchAndSubmit(requestId: number): Promise<number> {
  const page = await as('daumoi2');
  await page.goto('/batches');
  await page.getByTestId('new-batch-create').click();
  await page.waitForURL(/\/batches\/\d+$/);
  const batchId = Number(page.url().split('/').pop());
  await page.getByLabel(new RegExp(`Chọn yêu cầu ${requestId}$`)).check();
  await page.getByTestId('batch-add-requests').click();
  await page.getByTestId('batch-requests').getByTestId(`request-link-${requestId}`).waitFor();
  await page.getByTestId('batch-submit').click();
  await page.getByTestId('batch-submit-confirm').click();
  await expect.poll(async () => (await page.getByTestId('batch-submit').count()) === 0).toBe(true);
  return batchId;
}

async function approveAs(login: string, requestId: number): Promise<Page> {
  const page = await as(login);
  await page.goto(`/requests/${requestId}`);
  await page.getByTestId('action-approve').click();
  await page.getByTestId('action-confirm').click();
  await expect.poll(async () => (await page.getByTestId('action-approve').count()) === 0).toBe(true);
  return page;
}

/** A CA certificate as served at /ca/<name>.crt (DER), in PEM for openssl. */
async function caPem(name: string): Promise<string> {
  const res = await fetch(`${baseURL()}/ca/${name}.crt`);
  expect(res.status).toBe(200);
  const der = Buffer.from(await res.arrayBuffer());
  const b64 = (der.toString('base64').match(/.{1,64}/g) ?? []).join('\n');
  return `-----BEGIN CERTIFICATE-----\n${b64}\n-----END CERTIFICATE-----\n`;
}

function requestIdOf(page: Page): number {
  const m = /\/requests\/(\d+)/.exec(page.url());
  if (!m) throw new Error(`not on a request page: ${page.url()}`);
  return Number(m[1]);
}

describe('a new certificate, from the unit to the public lookup', () => {
  let requestId = 0;
  let serial = '';

  it('the unit manager adds the person, sees a validation error in its field and fixes it', async () => {
    const page = await as('truong1');
    await page.goto('/people/new');
    await page.getByTestId('person-full-name').fill('Phạm Thị Ngọc Ánh');
    await page.getByTestId('person-dob').fill('15/05/1988');
    await page.getByTestId('person-cccd').fill('02718800123');
    await page.getByTestId('person-cccd-date').fill('10/06/2021');
    await page.getByRole('combobox', { name: 'Nơi cấp' }).fill('C06');
    await page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: /^C06/ }).first().click();
    await page.getByTestId('person-email').fill('anh.ptn@bacninh.gov.vn');
    await page.getByTestId('person-phone').fill('0912345678');
    await page.getByTestId('person-position').fill('Giáo viên');
    await pickOption(page, 'person-device', /^SOFT/);
    const cccdHelp = page.getByTestId('help-cccd');
    await expect.poll(() => cccdHelp.textContent()).toContain('12');
    // The server's dry run has answered too, and the device list has closed.
    await expect.poll(() => page.getByText('Đang kiểm tra').count()).toBe(0);
    await expect.poll(() => page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden)').count()).toBe(0);
    await shot(page, 'person-new-error');
    await page.getByTestId('person-cccd').fill('027188001234');
    await expect.poll(() => cccdHelp.count()).toBe(0);
    await page.getByTestId('person-save').click();
    await page.waitForURL(/\/people\/\d+$/);
  });

  it('fills the request (Mẫu 01) with a CSR, attaches the documents and submits', async () => {
    const page = await as('truong1');
    await page.getByTestId('start-new').click();
    await page.waitForURL(/\/requests\/new/);
    await page.getByTestId('request-csr').fill(makeCsr());
    await page.getByTestId('documents-needed').waitFor();
    // The server's dry run has seen the CSR: no field is marked any more.
    await expect.poll(() => page.getByTestId('request-form').locator('.ant-form-item-has-error').count()).toBe(0);
    await shot(page, 'request-new');
    await page.getByTestId('request-save-draft').click();
    await page.waitForURL(/\/requests\/\d+$/);
    requestId = requestIdOf(page);
    expect(await requestState(page)).toBe('draft');
    await attach(page, 'Văn bản đề nghị', pdfFile(files, 'Van-ban-de-nghi.pdf', 'De nghi cap chung thu so'));
    await attach(page, 'Quyết định bổ nhiệm', pdfFile(files, 'Quyet-dinh-bo-nhiem.pdf', 'Quyet dinh bo nhiem'));
    // A wrong document attached by mistake is taken off again.
    await attach(page, 'Tài liệu khác', pdfFile(files, 'Nham-tai-lieu.pdf', 'Nham tai lieu'));
    await detach(page, 'Nham-tai-lieu.pdf');
    await submitRequest(page);
    await shot(page, 'request-detail');
  });

  it('the aggregator puts it in a batch and submits the batch', async () => {
    const batchId = await batchAndSubmit(requestId);
    const page = await as('daumoi2');
    await page.goto(`/batches/${batchId}`);
    await shot(page, 'batch');
  });

  it('the registration office approves it and the worker issues the certificate', async () => {
    const queue = await as('tiepnhan1');
    await queue.goto('/review');
    await queue.getByTestId('review-queue').getByTestId(`request-link-${requestId}`).first().waitFor();
    await shot(queue, 'review-queue');
    // The search box finds it by the name typed without diacritics (the server narrows the list).
    await queue.getByTestId('queue-search').fill('pham thi ngoc anh');
    const rows = queue.getByTestId('review-queue').locator('tr.ant-table-row');
    await expect
      .poll(async () => ((await rows.count()) === 1 ? rows.first().getAttribute('data-row-key') : null))
      .toBe(String(requestId));
    const page = await approveAs('tiepnhan1', requestId);
    await waitForState(page, 'completed');
    serial = ((await page.getByTestId('request-result-serial').textContent()) ?? '').replace(/[^0-9A-Fa-f]/g, '');
    expect(serial.length).toBeGreaterThanOrEqual(16);
  });

  it('anyone finds it by the name typed without diacritics, and openssl verifies it', async () => {
    const { page, context } = await newUserPage(browser);
    await page.goto('/lookup');
    await page.getByTestId('lookup-input').fill('pham thi ngoc anh');
    await page.getByTestId('lookup-submit').click();
    const result = page.getByTestId('lookup-result').filter({ hasText: 'Phạm Thị Ngọc Ánh' });
    await result.first().waitFor();
    await shot(page, 'lookup');
    // The certificate itself, checked by a tool we did not write.
    const pem = await (await fetch(`${baseURL()}/api/v1/public/certificates/${serial}.pem`)).text();
    const issuing = await caPem('issuing');
    const root = await caPem('root');
    writeFileSync(join(files, 'leaf.pem'), pem);
    writeFileSync(join(files, 'issuing.pem'), issuing);
    writeFileSync(join(files, 'root.pem'), root);
    const out = execFileSync('openssl', [
      'verify', '-x509_strict', '-CAfile', join(files, 'root.pem'), '-untrusted', join(files, 'issuing.pem'), join(files, 'leaf.pem'),
    ], { encoding: 'utf8' });
    expect(out).toContain('OK');
    await context.close();
  });
});

describe('a revocation needs two people at the registration office', () => {
  it('goes from the unit through two approvals to the CRL', async () => {
    const unit = await as('truong1');
    const certs = (await (await unit.request.get('/api/v1/certificates?status=valid&limit=50')).json()) as {
      items: { serial: string; subscriber_id: number; common_name: string }[];
    };
    const cert = certs.items.find((c) => c.subscriber_id && c.common_name !== 'Phạm Thị Ngọc Ánh');
    expect(cert).toBeTruthy();
    await unit.goto(`/requests/new?type=revoke&subscriber_id=${cert!.subscriber_id}&cert_serial=${cert!.serial}`);
    await pickOption(unit, 'request-ground', /Nghỉ hưu/);
    await unit.getByTestId('request-save-draft').click();
    await unit.waitForURL(/\/requests\/\d+$/);
    const id = requestIdOf(unit);
    await attach(unit, 'Văn bản đề nghị', pdfFile(files, 'De-nghi-thu-hoi.pdf', 'De nghi thu hoi'));
    await submitRequest(unit);
    await batchAndSubmit(id);

    const first = await approveAs('tiepnhan1', id);
    await first.reload();
    expect(await requestState(first)).toBe('forwarded');
    // The first approver gets no second approve button.
    expect(await first.getByTestId('action-approve').count()).toBe(0);
    await shot(first, 'second-approval');

    const second = await approveAs('tiepnhan2', id);
    await waitForState(second, 'completed');
    const lookup = (await (await fetch(`${baseURL()}/api/v1/public/certificates?serial=${cert!.serial}`)).json()) as {
      items: { status: string }[];
    };
    expect(lookup.items[0]?.status).toBe('revoked');
  });
});

describe('a returned request is corrected and sent again', () => {
  it('the aggregator returns it with a reason on the phone field; the unit fixes the phone and resubmits', async () => {
    const unit = await as('truong1');
    const list = (await (await unit.request.get('/api/v1/requests?state=submitted&limit=100')).json()) as {
      items: { id: number; batch_id: number | null }[];
    };
    const r = list.items.find((x) => x.batch_id === null);
    expect(r).toBeTruthy();

    const agg = await as('daumoi2');
    await agg.goto(`/requests/${r!.id}`);
    await agg.getByTestId('action-return').click();
    await agg.getByTestId('return-comment').fill('Đề nghị kiểm tra lại số điện thoại');
    await pickOption(agg, 'return-field-0', 'Điện thoại');
    await agg.getByTestId('return-reason-0').fill('Số điện thoại không liên lạc được');
    await agg.getByTestId('return-confirm').click();
    await expect.poll(() => requestState(agg)).toBe('returned');

    await unit.goto(`/requests/${r!.id}`);
    await unit.getByTestId('returned-alert').waitFor();
    await expect.poll(() => unit.getByTestId('return-reason').first().textContent()).toContain('không liên lạc được');
    await shot(unit, 'returned');
    await unit.getByTestId('request-edit').click();
    await unit.getByTestId('edit-phone').fill('0987 654 321');
    await unit.getByTestId('edit-save').click();
    await unit.getByTestId('request-edit').waitFor();
    await submitRequest(unit);
    const after = (await (await unit.request.get(`/api/v1/requests/${r!.id}`)).json()) as {
      data: { subject: { phone: string } };
    };
    expect(after.data.subject.phone.replace(/\D/g, '')).toBe('0987654321');
  });
});

describe('organization scoping', () => {
  it("a user of another school cannot open this school's request by URL", async () => {
    const own = await as('truong1');
    const list = (await (await own.request.get('/api/v1/requests?limit=1')).json()) as {
      items: { id: number; data: { subject: { full_name: string } } }[];
    };
    const r = list.items[0];
    const other = await as('truong2');
    const api = await other.request.get(`/api/v1/requests/${r.id}`);
    expect([403, 404]).toContain(api.status());
    await other.goto(`/requests/${r.id}`);
    await other.locator('.ant-result-403, .ant-result-404').waitFor();
    expect(await other.getByText(r.data.subject.full_name).count()).toBe(0);
    expect(await other.getByTestId('request-header').count()).toBe(0);
  });
});
