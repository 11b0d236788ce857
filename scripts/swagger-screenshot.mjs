#!/usr/bin/env node
// Takes the README's Swagger UI screenshot (docs/img/swagger-ui.png) from a running service:
//   TOKEN=$(npm run --silent token -- --upn admin@contoso.com --scp Policy.ReadWrite.ConditionalAccess \
//     --role "Global Administrator") npm run docs:screenshot -- --url http://127.0.0.1:3000
// Uses Debian's chromium (CHROMIUM_PATH to override) through playwright-core, like the e2e tests.
import { existsSync } from 'node:fs';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : fallback;
};
const url = opt('--url', 'http://127.0.0.1:3000').replace(/\/+$/, '');
const out = opt('--out', 'docs/img/swagger-ui.png');
const token = opt('--token', process.env.TOKEN);
const executablePath = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
if (!token) {
  process.stderr.write('swagger-screenshot: give a token (TOKEN=... or --token), e.g. from npm run token\n');
  process.exit(2);
}
if (!existsSync(executablePath)) {
  process.stderr.write(`swagger-screenshot: no Chromium at ${executablePath} (apt-get install -y chromium)\n`);
  process.exit(2);
}

const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';
const browser = await chromium.launch({
  executablePath,
  headless: true,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-dev-shm-usage',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
  ],
});
try {
  const page = await browser.newPage({ viewport: { width: 1200, height: 1000 }, deviceScaleFactor: 1 });
  await page.goto(`${url}/docs`);
  await page.locator('.opblock').first().waitFor();

  // Authorize with the token.
  await page.locator('.auth-wrapper button.authorize').click();
  await page.locator('.modal-ux input').first().fill(token);
  await page.locator('.modal-ux .auth-btn-wrapper button.authorize').click();
  await page.locator('.modal-ux .auth-btn-wrapper button.btn-done').click();

  // PATCH on the collection (the seed's create-or-update), Try it out.
  const op = page.locator('.opblock-patch').filter({ has: page.locator(`.opblock-summary-path[data-path="${ACCR}"]`) });
  for (let i = 0; i < 200 && (await op.count()) === 0; i++) {
    await page.mouse.wheel(0, 500);
    await page.waitForTimeout(25);
  }
  await op.locator('.opblock-summary-control').click();
  await op.locator('button.try-out__btn').click();
  await op
    .locator('textarea.body-param__text')
    .fill(
      JSON.stringify(
        { id: 'c1', displayName: 'Contoso medium', description: 'Medium protection level defined for Contoso policy', isAvailable: true },
        null,
        2,
      ),
    );
  await op.locator('button.execute').click();
  await op.locator('.live-responses-table tr.response').waitFor();

  // Frame the operation: summary, permission table, request body and the live response.
  const top = await op.evaluate((el) => el.getBoundingClientRect().top + window.scrollY);
  await page.evaluate((y) => window.scrollTo(0, y - 20), top);
  await page.waitForTimeout(200);
  const live = await op.locator('.live-responses-table').evaluate((el) => el.getBoundingClientRect().bottom + window.scrollY);
  const height = Math.min(Math.ceil(live - top) + 40, 1700);
  await page.setViewportSize({ width: 1200, height });
  await page.evaluate((y) => window.scrollTo(0, y - 20), top);
  await page.waitForTimeout(200);
  await page.screenshot({ path: out, clip: { x: 0, y: 0, width: 1200, height } });
  process.stdout.write(`Wrote ${out}\n`);
} finally {
  await browser.close();
}
