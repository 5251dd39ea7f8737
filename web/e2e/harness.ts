// What the journeys share: Debian's Chromium through playwright-core, one browser context per
// user (own cookies), sign-in through the portal's own form with a fresh TOTP code, and
// screenshots kept as test artifacts (and copied to docs/screenshots with CHUNGTHU_SCREENSHOTS=1).
import { execFileSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { inject } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const repo = resolve(here, '../..');

export const CHROMIUM_FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--no-first-run',
  '--disable-quic',
  '--disable-sync',
];

export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_FLAGS,
  });
}

export const baseURL = () => inject('baseURL');

export const DESKTOP = { width: 1280, height: 860 };
export const PHONE = { width: 390, height: 844 };

export async function newUserPage(browser: Browser, viewport = DESKTOP): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: baseURL(),
    viewport,
    locale: 'vi-VN',
    timezoneId: 'Asia/Ho_Chi_Minh',
    acceptDownloads: true,
  });
  context.setDefaultTimeout(45_000);
  const page = await context.newPage();
  return { context, page };
}

function base32(secret: string): Buffer {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) {
    const v = alphabet.indexOf(c);
    if (v < 0) throw new Error(`bad base32 character ${c}`);
    bits += v.toString(2).padStart(5, '0');
  }
  const bytes: number[] = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

/** RFC 6238 code (SHA-1, 6 digits, 30 s) for a time step. */
export function totpAt(secret: string, step: number): string {
  const msg = Buffer.alloc(8);
  msg.writeBigUInt64BE(BigInt(step));
  const mac = createHmac('sha1', base32(secret)).update(msg).digest();
  const off = mac[mac.length - 1] & 0x0f;
  const n = (mac.readUInt32BE(off) & 0x7fffffff) % 1_000_000;
  return String(n).padStart(6, '0');
}

// The last time step used per login, kept in the instance's directory so that test files
// (each with its own module state) never replay a code the server has already accepted.
function usedSteps(): Record<string, number> {
  try {
    return JSON.parse(readFileSync(join(inject('dataDir'), 'e2e-totp-steps.json'), 'utf8')) as Record<string, number>;
  } catch {
    return {};
  }
}

/** A code the server has not yet seen for this user (each step is accepted once). */
async function freshTotp(login: string, secret: string): Promise<string> {
  for (;;) {
    const step = Math.floor(Date.now() / 30_000);
    // Keep clear of a step boundary, where the code could expire in flight.
    const intoStep = Date.now() % 30_000;
    const used = usedSteps();
    if ((used[login] ?? -1) < step && intoStep < 27_000) {
      used[login] = step;
      writeFileSync(join(inject('dataDir'), 'e2e-totp-steps.json'), JSON.stringify(used));
      return totpAt(secret, step);
    }
    await new Promise((r) => setTimeout(r, 30_000 - intoStep + 200));
  }
}

export async function signIn(page: Page, login: string): Promise<void> {
  const user = inject('users')[login];
  if (!user) throw new Error(`no demo user ${login}`);
  await page.goto('/signin');
  await page.getByLabel(/Tên đăng nhập|Login/).fill(login);
  await page.getByLabel(/Mật khẩu|Password/).fill(user.password);
  if (user.totp) await page.getByLabel(/Mã xác thực|Authentication code/).fill(await freshTotp(login, user.totp));
  await page.getByTestId('sign-in-submit').click();
  await page.getByTestId('current-user').or(page.getByTestId('sign-out')).first().waitFor();
}

export async function signOut(page: Page): Promise<void> {
  await page.getByTestId('sign-out').click();
  await page.waitForURL(/\/signin/);
}

/** Saves a full-page screenshot under the artifacts directory (and docs/screenshots on request). */
export async function shot(page: Page, name: string): Promise<void> {
  const dir = inject('artifacts');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}.png`);
  await page.waitForLoadState('networkidle').catch(() => undefined);
  // From the top, so the sticky header is where it belongs in a full-page picture.
  await page.evaluate(() => window.scrollTo(0, 0));
  // Toasts from earlier steps would cover the top of the picture.
  await page.screenshot({ path: file, fullPage: true, style: '.ant-message { display: none !important; }' });
  if (process.env.CHUNGTHU_SCREENSHOTS === '1') {
    const docs = join(repo, 'docs/screenshots');
    mkdirSync(docs, { recursive: true });
    copyFileSync(file, join(docs, `${name}.png`));
  }
}

/** A fresh RSA-2048 CSR made by openssl (its subject is ignored by the CA). */
export function makeCsr(): string {
  const dir = mkdtempSync(join(tmpdir(), 'chungthu-csr-'));
  execFileSync('openssl', [
    'req', '-new', '-newkey', 'rsa:2048', '-nodes', '-subj', '/CN=e2e',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'req.csr'),
  ], { stdio: 'ignore' });
  return readFileSync(join(dir, 'req.csr'), 'utf8');
}

/** A small valid one-page PDF to attach as a document. */
export function pdfFile(dir: string, name: string, title: string): string {
  const body = `BT /F1 18 Tf 72 720 Td (${title}) Tj ET`;
  const objs = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>',
    `<< /Length ${body.length} >>\nstream\n${body}\nendstream`,
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>',
  ];
  let pdf = '%PDF-1.4\n';
  const offsets: number[] = [];
  objs.forEach((o, i) => {
    offsets.push(pdf.length);
    pdf += `${i + 1} 0 obj\n${o}\nendobj\n`;
  });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n`;
  for (const off of offsets) pdf += `${String(off).padStart(10, '0')} 00000 n \n`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  mkdirSync(dir, { recursive: true });
  const file = join(dir, name);
  writeFileSync(file, pdf);
  return file;
}

/** Runs the chungthu CLI on the test instance (e.g. to run the worker once). */
export function cli(...args: string[]): string {
  return execFileSync(inject('binary'), ['--data', inject('dataDir'), ...args], {
    encoding: 'utf8',
    env: { ...process.env, CHUNGTHU_DATA: inject('dataDir') },
  });
}

/** Opens an Ant Design Select (by its data-testid) and picks the option showing `text`. */
export async function pickOption(page: Page, testId: string, text: string | RegExp): Promise<void> {
  await page.getByTestId(testId).click();
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: text });
  await option.first().click();
}

/** Chooses a file through the browser's file chooser opened by clicking `trigger`. */
export async function chooseFile(page: Page, trigger: string, file: string): Promise<void> {
  const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByTestId(trigger).click()]);
  await chooser.setFiles(file);
}

/** The state a request detail page shows (its StateTag in the header). */
export async function requestState(page: Page): Promise<string> {
  return (await page.getByTestId('request-header').locator('[data-state]').first().getAttribute('data-state')) ?? '';
}

/** Reloads a request page until it shows `state` (the worker runs inside `serve`). */
export async function waitForState(page: Page, state: string, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    await page.getByTestId('request-header').waitFor();
    const now = await requestState(page);
    if (now === state) return;
    if (Date.now() > deadline) throw new Error(`request stayed ${now}, expected ${state}`);
    await page.waitForTimeout(1000);
    await page.reload();
  }
}
