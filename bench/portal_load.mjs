// node bench/portal_load.mjs BASE_URL PATH…: opens each path in a fresh headless Chromium context
// (empty cache, as a first visit) and prints what crossed the wire — the bytes of every response
// as sent (compressed), headers included — and when the last of them arrived.
import { createRequire } from 'node:module';

const require = createRequire(new URL('../web/package.json', import.meta.url));
const { chromium } = require('playwright-core');

const [base, ...paths] = process.argv.slice(2);
if (!base || paths.length === 0) {
  console.error('usage: node bench/portal_load.mjs BASE_URL PATH…');
  process.exit(1);
}
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
try {
  for (const path of paths) {
    const context = await browser.newContext({ baseURL: base, locale: 'vi-VN', timezoneId: 'Asia/Ho_Chi_Minh' });
    const page = await context.newPage();
    const sizes = [];
    page.on('requestfinished', (req) => sizes.push(req.sizes().then((s) => ({ url: req.url(), s }))));
    await page.goto(path, { waitUntil: 'networkidle' });
    // The page's own clock: when the last byte of the last file (the lazily loaded page chunk
    // included) arrived, from the start of the navigation.
    const ms = await page.evaluate(() =>
      Math.max(...performance.getEntriesByType('resource').map((e) => e.responseEnd),
        performance.getEntriesByType('navigation')[0].responseEnd),
    );
    let bytes = 0;
    let assets = 0;
    for (const { url, s } of await Promise.all(sizes)) {
      bytes += s.responseBodySize + s.responseHeadersSize;
      if (url.includes('/assets/')) assets++;
    }
    console.log(`${path}: ${(bytes / 1024).toFixed(0)} KiB over the wire in ${sizes.length} responses (${assets} assets), last byte after ${ms.toFixed(0)} ms`);
    await context.close();
  }
} finally {
  await browser.close();
}
