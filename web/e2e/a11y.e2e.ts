// Accessibility basics checked by axe-core (a tool we did not write) on the main screens:
// labels on inputs, names on buttons and links, colour contrast, landmarks, valid ARIA.
// Serious and critical violations fail the test; the rest are printed.
import { createRequire } from 'node:module';
import { readFileSync } from 'node:fs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, newUserPage, signIn } from './harness';

const axeSource = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

async function violations(page: Page): Promise<AxeViolation[]> {
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // A table still loading is drawn at half opacity under its spinner: check the settled screen.
  await page
    .waitForFunction(() => document.querySelectorAll('.ant-spin-spinning, .ant-skeleton-active').length === 0, null, { timeout: 10_000 })
    .catch(() => undefined);
  // Through the debugger protocol: the portal's CSP (rightly) refuses inline scripts.
  await page.evaluate(axeSource);
  const result = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: unknown[] }> } }).axe;
    return axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] } });
  })) as { violations: AxeViolation[] };
  return result.violations;
}

function serious(v: AxeViolation[]): string[] {
  const out: string[] = [];
  for (const x of v) {
    const line = `${x.impact} ${x.id}: ${x.help} — ${x.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(' | ')}`;
    if (x.impact === 'serious' || x.impact === 'critical') out.push(`${line} (${x.nodes[0]?.failureSummary ?? ''})`);
    else console.info(line);
  }
  return out;
}

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('accessibility basics (axe-core, WCAG 2 A/AA)', () => {
  it('public screens', async () => {
    const { page } = await newUserPage(browser);
    for (const path of ['/signin', '/lookup?q=nguyen', '/check', '/huong-dan/kiem-tra-thu']) {
      await page.goto(path);
      expect(serious(await violations(page)), path).toEqual([]);
    }
  });

  it("the unit manager's screens", async () => {
    const { page } = await newUserPage(browser);
    await signIn(page, 'truong1');
    const first = (await (await page.request.get('/api/v1/requests?limit=1')).json()) as { items: { id: number }[] };
    const detail = `/requests/${first.items[0].id}`;
    const devices = (await (await page.request.get('/api/v1/devices')).json()) as { items: { serial: string }[] };
    const device = `/devices/${encodeURIComponent(devices.items[0].serial)}`;
    const paths = ['/', '/people', '/people/new', '/requests', '/requests/new', '/import', detail, '/certificates', '/devices', device, '/notifications'];
    for (const path of paths) {
      await page.goto(path);
      expect(serious(await violations(page)), path).toEqual([]);
    }
    // The import page once a sheet is checked: its summary, actions and table of findings.
    await page.goto('/import');
    const sheet = 'STT,Họ và tên,Số CCCD,Ngày sinh\r\n1,Nguyễn Văn An,123456789,31/02/1990\r\n';
    await page.locator('.ant-upload-drag input[type=file]').setInputFiles({ name: 'a11y.csv', mimeType: 'text/csv', buffer: Buffer.from(sheet, 'utf8') });
    await page.getByTestId('import-issues').waitFor();
    expect(serious(await violations(page)), '/import (checked)').toEqual([]);
  });

  it("the registration office's and the auditor's screens", async () => {
    const ra = (await newUserPage(browser)).page;
    await signIn(ra, 'tiepnhan2');
    for (const path of ['/review', '/batches', '/batches/1', '/rounds', '/notifications']) {
      await ra.goto(path);
      expect(serious(await violations(ra)), path).toEqual([]);
    }
    const auditor = (await newUserPage(browser)).page;
    await signIn(auditor, 'kiemtra');
    await auditor.goto('/audit');
    expect(serious(await violations(auditor)), '/audit').toEqual([]);
  });

  it("the CA operator's token station", async () => {
    const { page } = await newUserPage(browser);
    await signIn(page, 'cuc.ca');
    await page.goto('/token-station');
    await page.getByTestId('station-slots').waitFor();
    expect(serious(await violations(page)), '/token-station').toEqual([]);
  });

  it("the administrator's outbox and user list", async () => {
    const { page } = await newUserPage(browser);
    await signIn(page, 'quantri');
    await page.goto('/admin/outbox');
    await page.getByTestId('outbox-table').waitFor();
    expect(serious(await violations(page)), '/admin/outbox').toEqual([]);
    await page.goto('/admin/users');
    await page.getByTestId('user-role-truong1').waitFor();
    expect(serious(await violations(page)), '/admin/users').toEqual([]);
    // The role dialog, opened and left without a change.
    await page.getByTestId('user-role-truong1').click();
    await page.getByTestId('change-role-org').waitFor();
    expect(serious(await violations(page)), '/admin/users (role dialog)').toEqual([]);
    await page.getByTestId('change-role-cancel').click();
  });
});
