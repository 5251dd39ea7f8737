// A page whose code cannot be fetched (here: the browser is refused the lookup page's chunk, as
// after an update that removed it) shows a message and a reload, with the menu still there.
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

describe('a page that cannot be loaded', () => {
  it('says so and offers a reload instead of a blank screen', async () => {
    const { page, context } = await newUserPage(browser);
    await context.route(/\/assets\/Lookup-[^/]+\.js$/, (route) => route.abort());
    await page.goto('/lookup');
    await page.getByTestId('page-load-failed').waitFor();
    expect(await page.getByTestId('page-reload').isVisible()).toBe(true);
    expect(await page.getByRole('navigation').count()).toBeGreaterThan(0);
    // Once the file can be fetched again, the reload brings the page.
    await context.unroute(/\/assets\/Lookup-[^/]+\.js$/);
    await page.getByTestId('page-reload').click();
    await page.getByTestId('lookup-input').waitFor();
    await context.close();
  });
});
