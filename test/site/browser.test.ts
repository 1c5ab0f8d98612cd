/**
 * End-to-end: the portal of the example project in a real Chromium (Debian's `chromium`
 * package, driven by playwright-core; no browser download). Skipped with a message when no
 * Chromium is installed; `.ci/run` installs it so CI always runs these.
 */
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../src/model/load.js';
import { runSite } from '../../src/site/build.js';
import { ROOT } from '../cli/helpers.js';

const CHROMIUM = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => Boolean(p && existsSync(p)));
if (!CHROMIUM) {
  const msg = 'browser tests skipped: no Chromium found (looked at $CHROMIUM_PATH, /usr/bin/chromium, /usr/bin/chromium-browser); install it with `apt-get install chromium` to run them';
  if (process.env.CI === 'true') throw new Error(`${msg} (CI must run them: .ci/run installs the package)`);
  console.warn(msg);
}

describe.skipIf(!CHROMIUM)('the portal in Chromium', () => {
  let out: string;
  let browser: Browser;
  let page: Page;
  const problems: string[] = [];

  beforeAll(async () => {
    out = mkdtempSync(join(tmpdir(), 'crmflow-site-e2e-'));
    expect((await loadProject({ cwd: ROOT })).processes.size).toBeGreaterThan(3);
    await runSite({ cwd: ROOT, output: out, cases: 200, diffs: 1 });
    const { chromium } = await import('playwright-core');
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--allow-file-access-from-files'] });
    page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    page.on('console', (m) => {
      if (m.type() === 'error' || m.type() === 'warning') problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('requestfailed', (r) => problems.push(`failed to load ${r.url()}`));
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    if (out) rmSync(out, { recursive: true, force: true });
  });

  const url = (path: string) => pathToFileURL(join(out, path)).href;

  it('opens the home page from disk, follows a layer link down the tree', async () => {
    await page.goto(url('index.html'));
    expect(await page.locator('#tree > li > a').first().textContent()).toBeTruthy();
    const kb = ['index.html', 'assets/site.css', 'assets/site.js', 'assets/search-index.js'].reduce((s, f) => s + statSync(join(out, f)).size, 0) / 1024;
    console.log(`page weight of the home page with its assets: ${kb.toFixed(1)} KB`);
    await Promise.all([page.waitForURL(/process\/lead-to-cash\.html$/), page.locator('#tree a[href="process/lead-to-cash.html"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Lead to cash');
    expect(problems).toEqual([]);
  });

  it('zooms and pans the diagram and shows the heat overlay', async () => {
    const viewBox = () => page.locator('.viewport svg').getAttribute('viewBox').then((v) => v!.split(' ').map(Number));
    const before = await viewBox();
    await page.locator('[data-zoom="in"]').click();
    const zoomed = await viewBox();
    expect(zoomed[2]).toBeCloseTo(before[2]! * 0.8, 0);
    expect(zoomed[3]).toBeCloseTo(before[3]! * 0.8, 0);
    const box = (await page.locator('.viewport').boundingBox())!;
    await page.mouse.move(box.x + 200, box.y + 200);
    await page.mouse.down();
    await page.mouse.move(box.x + 100, box.y + 150);
    await page.mouse.up();
    const panned = await viewBox();
    expect(panned[0]).toBeGreaterThan(zoomed[0]!);
    await page.locator('[data-zoom="reset"]').click();
    expect(await viewBox()).toEqual(before);
    expect(await page.locator('rect.heat').count()).toBeGreaterThan(0);
    await page.locator('#heat').uncheck();
    expect(await page.locator('rect.heat').first().isVisible()).toBe(false);
    expect(problems).toEqual([]);
  });

  it('clicks a subprocess in the diagram to go down and the refines link to go back up', async () => {
    await Promise.all([page.waitForURL(/process\/lead-assignment\.html$/), page.locator('.viewport svg a[href="lead-assignment.html"]').first().click()]);
    expect(await page.locator('.viewport svg').count()).toBe(1);
    await Promise.all([page.waitForURL(/process\/lead-to-cash\.html#step-manage-leads$/), page.locator('a.up').click()]);
    expect(await page.locator('h1').textContent()).toBe('Lead to cash');
    expect(problems).toEqual([]);
  });

  it('finds a Chinese step name with the search box', async () => {
    await page.goto(url('index.html'));
    await page.locator('#search').fill('折扣');
    const hit = page.locator('#results a', { hasText: '折扣审批' }).first();
    await expect.poll(() => hit.count()).toBeGreaterThan(0);
    await Promise.all([page.waitForURL(/process\/discount-approval\.html$/), hit.click()]);
    expect(await page.locator('h1').textContent()).toBe('折扣审批');
    await page.locator('#search').fill('no-such-thing-anywhere');
    expect(await page.locator('#results li').textContent()).toBe('No match');
    expect(problems).toEqual([]);
  });

  it('opens a role page with the steps that role does', async () => {
    await page.goto(url('roles.html'));
    await Promise.all([page.waitForURL(/role\/sales-manager\.html$/), page.locator('a[href="role/sales-manager.html"]').click()]);
    expect(await page.locator('h1').textContent()).toBe('Sales manager');
    expect(await page.locator('table.duties tr').count()).toBeGreaterThan(2);
    expect(await page.locator('table.duties').textContent()).toContain('Sales manager approves discount');
    expect(problems).toEqual([]);
  });
});
