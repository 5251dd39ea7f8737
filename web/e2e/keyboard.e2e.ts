// Keyboard only: the public lookup, sign-in, the "skip to the main content" link, the side menu
// and a request opened from the list — with Tab, typing and Enter, never the mouse.
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { launch, newUserPage } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** What has the focus: its test id, else its accessible text. */
function focused(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    return el.getAttribute('data-testid') ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? '';
  });
}

/** Presses Tab (or Shift+Tab) until `want` matches what has the focus (at most `limit` times). */
async function tabTo(page: Page, want: RegExp, limit = 40, key: 'Tab' | 'Shift+Tab' = 'Tab'): Promise<string> {
  const seen: string[] = [];
  for (let i = 0; i < limit; i++) {
    await page.keyboard.press(key);
    const now = await focused(page);
    if (want.test(now)) return now;
    seen.push(now);
  }
  throw new Error(`Tab never reached ${want}; the focus went through: ${seen.join(' → ')}`);
}

describe('keyboard only', () => {
  it('finds a certificate on the public lookup', async () => {
    const { page, context } = await newUserPage(browser);
    await page.goto('/lookup');
    await page.getByTestId('lookup-input').waitFor();
    await tabTo(page, /^lookup-input$/);
    await page.keyboard.type('nguyen');
    await page.keyboard.press('Enter');
    await expect.poll(async () => (await page.getByTestId('lookup-count').textContent()) ?? '', { timeout: 30_000 }).toMatch(/\d/);
    await context.close();
  });

  it('signs in, skips to the content, follows the menu and opens a request', async () => {
    const user = inject('users').truong1;
    const { page, context } = await newUserPage(browser);
    await page.goto('/signin');
    // The login box has the focus on arrival.
    await expect.poll(() => page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.autocomplete)).toBe('username');
    await page.keyboard.type(user.login);
    await page.keyboard.press('Tab');
    await page.keyboard.type(user.password);
    await page.keyboard.press('Enter');
    await page.getByTestId('current-user').waitFor();

    // The sign-in form is gone, so the focus went back to the top: the next Tab stop is the skip
    // link, and Enter puts the focus on the content.
    await expect.poll(() => focused(page)).toBe('focus-top');
    await page.keyboard.press('Tab');
    expect(await focused(page)).toBe('skip-link');
    expect(await page.getByTestId('skip-link').isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('main');

    // Back from the content into the side menu, to its "Yêu cầu".
    await tabTo(page, /^Yêu cầu$/, 40, 'Shift+Tab');
    await page.keyboard.press('Enter');
    await page.waitForURL(/\/requests$/);

    // From the list to a request's page.
    await page.getByTestId('requests-table').waitFor();
    const link = await tabTo(page, /^request-link-\d+$/, 80);
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`/requests/${link.replace('request-link-', '')}$`));
    await page.getByTestId('request-header').waitFor();
    await context.close();
  });
});
