// The dashboard's profiles view in a real browser: an admin instance whose file disk is the
// base image of two overlay instances (base_image=INSTANCE) shows as a profile with its
// overlays, how many run, and the list follows a stop without a reload.
import test from 'ava';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import type { Vcluster } from '../../vcluster/harness.js';
import { launchBrowser, pageAs, SHOTS, startDashboardCluster } from './browser-kit.js';

const PREFIX = '127.0.209';
const URL = `https://${PREFIX}.10:5080/`;

let vc: Vcluster;
let browser: Browser;

test.before(async () => {
  vc = await startDashboardCluster(PREFIX, 'admin adminpw write\n');
  const add = async (args: string[]) => {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', ...args]);
    if (r.code !== 0) throw new Error(`add ${args.at(-1)}: ${r.stderr}\n${vc.logs()}`);
  };
  await add(['--disk', '0:size=64M', '--no-start', '-n', 'node1', 'lab-base']);
  await add(['--disk', '0:size=64M,base_image=lab-base', '-n', 'node1', 'pc1']);
  await add(['--disk', '0:size=64M,base_image=lab-base', '-n', 'node1', 'pc2']);
  await add(['--disk', '0:size=64M', '-n', 'node2', 'plain']);
  browser = await launchBrowser();
});

test.after.always(async () => {
  await browser?.close();
  await vc?.stop();
});

test.serial('the profiles view lists the admin instance, its overlays and how many run, live', async (t) => {
  const page = await pageAs(browser, 'admin', 'adminpw');
  await page.goto(URL);
  await page.waitForSelector('#profiles tr[data-profile="lab-base"]');
  t.deepEqual(await page.$$eval('#profiles tbody tr', (rows) => rows.map((r) => r.getAttribute('data-profile'))), ['lab-base'],
    'only the admin instance is a profile (not the plain instance)');
  const row = page.locator('#profiles tr[data-profile="lab-base"]');
  t.is(await row.locator('td').nth(1).textContent(), 'ADMIN_down');
  t.regex((await row.locator('td').nth(2).textContent()) ?? '', /pc1 running, pc2 running/);
  t.is(await row.locator('.running').textContent(), '2/2');
  await page.screenshot({ path: join(SHOTS, 'profiles.png'), fullPage: true });
  const r = await vc.gnt(['gnt-instance', 'shutdown', 'pc2']);
  t.is(r.code, 0, r.stderr);
  await page.waitForFunction(() => document.querySelector('#profiles tr[data-profile="lab-base"] .running')?.textContent === '1/2', undefined, { timeout: 30_000 });
  t.regex((await row.locator('td').nth(2).textContent()) ?? '', /pc2 ADMIN_down/);
  await page.context().close();
});
