// The dashboard in a real browser (Debian's chromium driven by playwright-core) against a
// virtual cluster with ganeti-rapi: it shows the cluster's real nodes and instances, a Stop
// button stops an instance and the page follows without a reload, a read-only account sees
// no buttons, an owner account sees only its own instances. Screenshots go to
// build/e2e-screenshots (docs/dashboard.png is one of them).
import test from 'ava';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Vcluster } from '../../vcluster/harness.js';
import { launchBrowser, pageAs as loginAs, SHOTS, startDashboardCluster } from './browser-kit.js';

const PREFIX = '127.0.111';
const URL = `https://${PREFIX}.10:5080/`;

let vc: Vcluster;
let browser: Browser;

const pageAs = (user: string, password: string): Promise<Page> => loginAs(browser, user, password);

async function instanceStatus(name: string): Promise<string> {
  const r = await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'status', name]);
  return r.stdout.trim();
}

test.before(async () => {
  vc = await startDashboardCluster(PREFIX, 'admin adminpw write\nviewer viewerpw\nalice alicepw user\n');
  for (const [name, extra] of [['a1', ['--owner', 'alice']], ['b1', []], ['c1', ['--owner', 'alice', '--no-start']]] as const) {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check',
      '-I', 'hail', ...extra, name]);
    if (r.code !== 0) throw new Error(`add ${name}: ${r.stderr}\n${vc.logs()}`);
  }
  browser = await launchBrowser();
});

test.after.always(async () => {
  await browser?.close();
  await vc?.stop();
});

test.serial('the page shows the real nodes and instances with their roles and states', async (t) => {
  const page = await pageAs('admin', 'adminpw');
  await page.goto(URL);
  await page.waitForSelector('#nodes tr[data-node="node2"]');
  t.deepEqual(await page.$$eval('#nodes tbody tr', (rows) => rows.map((r) => r.getAttribute('data-node'))), ['node1', 'node2']);
  t.is(await page.textContent('#nodes tr[data-node="node1"] .role'), 'master');
  t.is(await page.locator('#nodes tr[data-node="node1"] .bar').count(), 3, 'memory, vcpu and disk bars');
  await page.waitForSelector('#instances tr[data-instance="b1"] .state-running');
  t.deepEqual(await page.$$eval('#instances tbody tr', (rows) => rows.map((r) => r.getAttribute('data-instance'))), ['a1', 'b1', 'c1']);
  t.is(await page.textContent('#instances tr[data-instance="a1"] td:last-child'), 'alice');
  t.is(await page.textContent('#instances tr[data-instance="c1"] .state'), 'ADMIN_down');
  await page.screenshot({ path: join(SHOTS, 'dashboard.png'), fullPage: true });
});

test.serial('the Stop button stops the instance and the page follows without a reload', async (t) => {
  const page = await pageAs('admin', 'adminpw');
  await page.goto(`${URL}#/instance/b1`);
  await page.waitForSelector('#instance-state.state-running');
  // A marker on window survives only if the page is never reloaded.
  await page.evaluate(() => { (window as unknown as { marker: number }).marker = 42; });
  t.deepEqual(await page.$$eval('button[data-action]', (b) => b.map((x) => x.textContent)), ['Start', 'Stop', 'Reboot', 'Migrate']);
  await page.click('button[data-action="shutdown"]');
  await page.waitForSelector('#instance-state.state-ADMIN_down', { timeout: 60_000 });
  t.is(await instanceStatus('b1'), 'ADMIN_down', 'the instance really stopped');
  await page.screenshot({ path: join(SHOTS, 'instance-stopped.png'), fullPage: true });
  await page.click('a[href="#/"]');
  await page.waitForSelector('#instances tr[data-instance="b1"] .state-ADMIN_down');
  await page.waitForSelector('#jobs .status-success');
  t.is(await page.evaluate(() => (window as unknown as { marker?: number }).marker), 42, 'no reload happened');
});

test.serial('a read-only account sees the cluster but no buttons', async (t) => {
  const page = await pageAs('viewer', 'viewerpw');
  await page.goto(`${URL}#/instance/a1`);
  await page.waitForSelector('#instance-name');
  t.is(await page.textContent('#instance-name'), 'a1');
  t.is(await page.locator('button[data-action]').count(), 0);
  await page.goto(URL);
  await page.waitForSelector('#nodes tr[data-node="node1"]');
  t.is(await page.locator('button').count(), 0);
  await page.screenshot({ path: join(SHOTS, 'read-only.png'), fullPage: true });
});

test.serial('an owner sees only their own instances and may start them', async (t) => {
  const page = await pageAs('alice', 'alicepw');
  await page.goto(URL);
  await page.waitForSelector('#instances tr[data-instance="a1"]');
  t.deepEqual(await page.$$eval('#instances tbody tr', (rows) => rows.map((r) => r.getAttribute('data-instance'))), ['a1', 'c1']);
  t.is(await page.locator('#nodes').count(), 0, 'owners do not see the nodes');
  await page.goto(`${URL}#/instance/b1`);
  await page.waitForSelector('main p.muted');
  t.regex(await page.textContent('main') ?? '', /No instance b1/);
  await page.goto(`${URL}#/instance/c1`);
  await page.waitForSelector('#instance-state.state-ADMIN_down');
  t.deepEqual(await page.$$eval('button[data-action]', (b) => b.map((x) => x.textContent)), ['Start', 'Stop', 'Reboot']);
  await page.click('button[data-action="startup"]');
  await page.waitForSelector('#instance-state.state-running', { timeout: 60_000 });
  t.is(await instanceStatus('c1'), 'running');
  await page.screenshot({ path: join(SHOTS, 'owner.png'), fullPage: true });
});
