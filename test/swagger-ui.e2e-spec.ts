import { jest } from '@jest/globals';
import type { Browser, Locator, Page } from 'playwright-core';
import { startTestApp, type TestApp } from './support/app.js';
import { launchChromium } from './support/browser.js';
import { delegated } from './support/tokens.js';

/**
 * Swagger UI at /docs in a real headless Chromium (Debian's package, driven by playwright-core):
 * authorize with a development token, run "Try it out" on real operations, and read every
 * operation's permission table as rendered.
 */
const ACCR = '/v1.0/identity/conditionalAccess/authenticationContextClassReferences';

// Browser start and app start share 2 loaded cores: generous hook timeouts.
jest.setTimeout(300_000);
/** Swagger UI 5 virtualizes the operation list: only what is near the viewport is in the DOM. */
const VIEWPORT = { width: 1280, height: 1000 };

/**
 * The few browser globals used inside page.evaluate() callbacks (they run in the page; the project's
 * tsconfig has no DOM lib, and adding it would change every file's globals).
 */
interface PageElement {
  querySelector(selector: string): PageElement | null;
  querySelectorAll(selector: string): ArrayLike<PageElement>;
  getAttribute(name: string): string | null;
  getBoundingClientRect(): { top: number };
  click(): void;
  readonly children: ArrayLike<PageElement>;
  readonly textContent: string | null;
  readonly dataset: Record<string, string | undefined>;
}
declare const document: { querySelectorAll(selector: string): ArrayLike<PageElement>; documentElement: { scrollHeight: number } };
declare const window: { scrollTo(x: number, y: number): void; scrollY: number; innerHeight: number };

interface OpenApiOperation {
  summary?: string;
  description?: string;
  security?: unknown[];
}

describe('Swagger UI in headless Chromium', () => {
  let t: TestApp;
  let browser: Browser;
  let page: Page;
  let token: string;

  beforeAll(async () => {
    // The browser first: without it the suite fails here with what to install.
    browser = await launchChromium();
    t = await startTestApp();
    token = delegated(t, ['Policy.ReadWrite.ConditionalAccess'], ['Conditional Access Administrator']);
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    page = await browser.newPage({ viewport: VIEWPORT });
    // Playwright's 30 s default is short on 2 loaded cores (the first /docs request also builds the documents).
    page.setDefaultTimeout(100_000);
  });
  afterEach(() => page?.close());

  const openDocs = async () => {
    await page.goto(`${t.url}/docs`);
    await page.locator('.swagger-ui .info .title').waitFor();
    await page.locator('.opblock').first().waitFor();
  };

  /** The operation's tag in its version's document (the filter box narrows the page to it). */
  async function tagOf(method: string, path: string): Promise<string> {
    const version = path.startsWith('/beta/') ? 'beta' : 'v1.0';
    const doc = (await (await fetch(`${t.url}/openapi/${version}.json`)).json()) as { paths: Record<string, Record<string, { tags?: string[] }>> };
    const tag = doc.paths[path]?.[method.toLowerCase()]?.tags?.[0];
    if (!tag) throw new Error(`no tag for ${method} ${path}`);
    return tag;
  }

  /** Filters by the operation's tag, then scrolls (as a user would) until it is rendered; returns its block. */
  async function reveal(method: string, path: string): Promise<Locator> {
    await page.locator('input.operation-filter-input').fill(await tagOf(method, path));
    const block = page.locator(`.opblock-${method.toLowerCase()}`).filter({
      has: page.locator(`.opblock-summary-path[data-path="${path}"]`),
    });
    if ((await block.count()) === 0) {
      // The list is virtualised: walk down from the top until the operation renders. Give up only after
      // many visits to the bottom of the page (a loaded machine renders late), never after a fixed distance.
      await page.evaluate(() => window.scrollTo(0, 0));
      let bottomVisits = 0;
      while ((await block.count()) === 0) {
        const atBottom = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
        if (atBottom && ++bottomVisits > 40) break;
        await page.mouse.wheel(0, 500);
        await page.waitForTimeout(25);
      }
    }
    if ((await block.count()) === 0) throw new Error(`Swagger UI never rendered ${method} ${path}`);
    await block.scrollIntoViewIfNeeded();
    return block;
  }

  /** Expands the operation, Try it out, optional path parameters and body, Execute; returns status and body text. */
  async function tryItOut(method: string, path: string, input: { params?: Record<string, string>; body?: unknown } = {}) {
    const op = await reveal(method, path);
    if ((await op.locator('.opblock-summary-control').getAttribute('aria-expanded')) !== 'true') {
      await op.locator('.opblock-summary-control').click();
    }
    const tryOut = op.locator('button.try-out__btn', { hasText: 'Try it out' });
    if (await tryOut.count()) await tryOut.click();
    const clear = op.locator('button.btn-clear');
    if (await clear.count()) {
      await clear.click(); // a previous run's response goes away
      await op.locator('.live-responses-table').waitFor({ state: 'detached' });
    }
    for (const [name, value] of Object.entries(input.params ?? {})) {
      await op.locator(`tr[data-param-name="${name}"] input`).fill(value);
    }
    if (input.body !== undefined) await op.locator('textarea.body-param__text').fill(JSON.stringify(input.body, null, 2));
    await op.locator('button.execute').click();
    const response = op.locator('.live-responses-table tr.response');
    await response.waitFor();
    const status = Number((await response.locator('.response-col_status').innerText()).trim());
    const bodyBox = response.locator('.highlight-code pre');
    const body = (await bodyBox.count()) ? await bodyBox.innerText() : '';
    const headers = await response.locator('h5:text("Response headers") + pre').innerText();
    const curl = await op.locator('.curl-command pre').innerText();
    await op.locator('.opblock-summary-control').click(); // collapse again: the page stays short
    return { status, body, headers, curl };
  }

  async function authorize(bearer: string) {
    await page.locator('.auth-wrapper button.authorize').click();
    const modal = page.locator('.modal-ux');
    await modal.locator('input').first().fill(bearer);
    await modal.locator('.auth-btn-wrapper button.authorize').click();
    await modal.locator('.auth-btn-wrapper button.btn-done').click();
    await modal.waitFor({ state: 'detached' });
  }

  it('names what to install when Chromium is missing (the suite fails, never skips)', async () => {
    await expect(launchChromium('/nonexistent/chromium')).rejects.toThrow(
      /Chromium is not installed at \/nonexistent\/chromium.*apt-get update && apt-get install -y chromium/,
    );
  });

  it('without Authorize, Try it out shows the 401 error envelope', async () => {
    await openDocs();
    const res = await tryItOut('GET', ACCR);
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body).error.code).toBe('InvalidAuthenticationToken');
    expect(res.curl).not.toContain('Authorization');
    expect(res.headers).toContain('www-authenticate: Bearer');
  }, 300_000);

  it('authorizes with a development token, creates, updates and lists contexts with Try it out', async () => {
    await openDocs();
    await authorize(token);
    await page.locator('.auth-wrapper button.authorize.locked').waitFor(); // the lock closes

    const created = await tryItOut('POST', ACCR, {
      body: { id: 'c1', displayName: 'Contoso medium', description: 'Medium protection level', isAvailable: true },
    });
    expect(created.status).toBe(201);
    expect(created.curl).toContain(`Authorization: Bearer ${token}`);
    expect(JSON.parse(created.body)).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences/$entity`,
      id: 'c1',
      displayName: 'Contoso medium',
      description: 'Medium protection level',
      isAvailable: true,
    });
    // The response headers are rendered too: Location of the new context, Graph's request id.
    expect(created.headers).toContain(`location: ${t.url}${ACCR}/c1`);
    expect(created.headers).toMatch(/request-id: [0-9a-f-]{36}/);

    const upserted = await tryItOut('PATCH', `${ACCR}/{id}`, { params: { id: 'c2' }, body: { displayName: 'Contoso high' } });
    expect(upserted.status).toBe(204);

    const list = await tryItOut('GET', ACCR);
    expect(list.status).toBe(200);
    expect(JSON.parse(list.body)).toEqual({
      '@odata.context': `${t.url}/v1.0/$metadata#identity/conditionalAccess/authenticationContextClassReferences`,
      value: [
        { id: 'c1', displayName: 'Contoso medium', description: 'Medium protection level', isAvailable: true },
        { id: 'c2', displayName: 'Contoso high', description: null, isAvailable: false },
      ],
    });

    // A Graph error from Try it out, rendered with its envelope.
    const conflict = await tryItOut('POST', ACCR, { body: { id: 'c1' } });
    expect(conflict.status).toBe(409);
    expect(JSON.parse(conflict.body).error).toMatchObject({ code: 'conflict', innerError: { 'request-id': expect.any(String) } });
  }, 300_000);

  it('offers v1.0 and beta in a version selector, groups operations by resource and shows Graph-like operation ids', async () => {
    await openDocs();
    const select = page.locator('.topbar .download-url-wrapper select');
    expect(await select.locator('option').allInnerTexts()).toEqual(['v1.0', 'beta']);
    const v1 = (await (await fetch(`${t.url}/openapi/v1.0.json`)).json()) as { tags: { name: string }[] };
    // A large document is virtualised (operations-virtual): groups render as they scroll into view and
    // leave when scrolled past. Scroll (as a user would) from the top, collecting the groups in order.
    await page.evaluate(() => window.scrollTo(0, 0));
    const seen: string[] = [];
    const collect = async () => {
      const visible = await page.locator('.opblock-tag').evaluateAll((els) => els.map((el) => (el as unknown as PageElement).getAttribute('data-tag')));
      for (const tag of visible) if (tag && !seen.includes(tag)) seen.push(tag);
    };
    for (let i = 0; i < 600 && seen.length < v1.tags.length; i++) {
      await collect();
      await page.mouse.wheel(0, 400);
      await page.waitForTimeout(25);
    }
    await collect();
    const tags = seen;
    expect(tags).toEqual(v1.tags.map((tag) => tag.name));
    const list = await reveal('GET', ACCR);
    expect(await list.locator('.opblock-summary-operation-id').innerText()).toBe('identity.conditionalAccess.ListAuthenticationContextClassReferences');

    await select.selectOption('beta');
    // The beta document replaces the list wherever the page was scrolled: from the top, wait for it to render.
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.locator(`.opblock-summary-path[data-path^="/beta/"]`).first().waitFor({ state: 'attached' });
    await reveal('GET', '/beta/identity/conditionalAccess/authenticationContextClassReferences');
    const beta = await reveal('GET', '/beta/me/authentication/signInPreferences');
    expect(await beta.locator('.opblock-summary-operation-id').innerText()).toBe('me.authentication.GetSignInPreferences');
    expect(await page.locator(`.opblock-summary-path[data-path^="/v1.0/"]`).count()).toBe(0);
  }, 300_000);

  it('shows every operation with its summary and its permission table as in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${t.url}/openapi.json`)).json()) as { paths: Record<string, Record<string, OpenApiOperation>> };
    const expected = new Map<string, OpenApiOperation>();
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) expected.set(`${method.toUpperCase()} ${path}`, op);
    }
    const secured = [...expected.values()].filter((op) => op.security?.length);
    expect(secured.length).toBeGreaterThan(80); // v1.0, the version the page opens on

    await openDocs();
    const seen = new Map<string, { summary: string; rows: string[][] | null }>();
    let bottomVisits = 0;
    // Walk the page top to bottom, expanding each operation with a click as it is rendered.
    for (let i = 0; i < 3000; i++) {
      const batch = await page.evaluate(
        (done: string[]) => {
          const out: { key: string; summary: string; rows: string[][] | null }[] = [];
          for (const block of Array.from(document.querySelectorAll('.opblock'))) {
            const control = block.querySelector('.opblock-summary-control')!;
            const method = block.querySelector('.opblock-summary-method')!.textContent!.trim();
            const path = block.querySelector('.opblock-summary-path')!.dataset.path!;
            const key = `${method} ${path}`;
            const expanded = control.getAttribute('aria-expanded') === 'true';
            if (done.includes(key)) {
              if (expanded) control.click(); // read: collapse it again
              continue;
            }
            if (!expanded) {
              control.click();
              continue;
            }
            if (!block.querySelector('.opblock-body')) continue;
            const table = block.querySelector('.opblock-description-wrapper table');
            out.push({
              key,
              summary: block.querySelector('.opblock-summary-description')?.textContent?.trim() ?? '',
              rows: table ? Array.from(table.querySelectorAll('tr')).map((tr) => Array.from(tr.children).map((c) => c.textContent!.trim())) : null,
            });
          }
          return out;
        },
        [...seen.keys()],
      );
      for (const r of batch) seen.set(r.key, r);
      if (seen.size === expected.size) break;
      // Only visits without progress count: a long page on a loaded machine renders its last bodies late.
      if (batch.length) bottomVisits = 0;
      const atBottom = await page.evaluate(() => window.scrollY + window.innerHeight >= document.documentElement.scrollHeight - 2);
      // Nothing more will render after a minute without progress at the bottom: the assertion below names what is missing.
      if (atBottom && ++bottomVisits > 240) break;
      if (atBottom) await page.waitForTimeout(250); // a loaded machine renders the last bodies late: give it time, not visits
      // Scroll the last block already read to the top (blocks above it collapse, so a fixed step could skip some).
      const step = await page.evaluate(
        (done: string[]) => {
          let lastDone: PageElement | undefined;
          for (const block of Array.from(document.querySelectorAll('.opblock'))) {
            const key = `${block.querySelector('.opblock-summary-method')!.textContent!.trim()} ${block.querySelector('.opblock-summary-path')!.dataset.path}`;
            if (!done.includes(key)) break;
            lastDone = block;
          }
          return lastDone ? Math.max(0, Math.round(lastDone.getBoundingClientRect().top)) : 0;
        },
        [...seen.keys()],
      );
      await page.mouse.wheel(0, step || 100);
      await page.waitForTimeout(20);
    }

    expect([...seen.keys()].sort()).toEqual([...expected.keys()].sort());
    for (const [key, op] of expected) {
      const shown = seen.get(key)!;
      expect({ key, summary: shown.summary }).toEqual({ key, summary: op.summary ?? '' });
      if (!op.security?.length) {
        expect({ key, table: shown.rows }).toEqual({ key, table: null }); // public: health and the issuer's metadata
        continue;
      }
      // The rendered table, cell by cell, is the markdown table of the description (from @Permissions).
      const markdownRows = op
        .description!.split('\n')
        .filter((l) => l.startsWith('|') && !l.startsWith('|:'))
        .map((l) =>
          l
            .slice(1, -1)
            .split('|')
            .map((c) => c.trim()),
        );
      expect({ key, rows: shown.rows }).toEqual({ key, rows: markdownRows });
      expect(shown.rows![0]).toEqual(['Permission type', 'Permissions']);
      expect(shown.rows!.map((r) => r[0])).toContain('Application');
    }
  }, 600_000);
});
