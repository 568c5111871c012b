// The dashboard's profiles view in a real browser: an admin instance whose file disk is the
// base image of two overlay instances (base_image=INSTANCE) shows as a profile with its
// overlays, how many run, and the list follows a stop without a reload.
import test from 'ava';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO, startVcluster, type Vcluster } from '../../vcluster/harness.js';

const PREFIX = '127.0.209';
const URL = `https://${PREFIX}.10:5080/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const SHOTS = join(REPO, 'build', 'e2e-screenshots');

let vc: Vcluster;
let browser: Browser;

test.before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run tools/setup/install-deps.sh (Debian's chromium), or set CHROMIUM_PATH`);
  vc = await startVcluster({ nodes: 2, prefix: PREFIX,
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'] });
  const users = join(vc.dir, 'node1', 'var/lib/ganeti/rapi/users');
  mkdirSync(dirname(users), { recursive: true });
  writeFileSync(users, 'admin adminpw write\n');
  await vc.init();
  await vc.addNodes();
  const add = async (args: string[]) => {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'file', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', ...args]);
    if (r.code !== 0) throw new Error(`add ${args.at(-1)}: ${r.stderr}\n${vc.logs()}`);
  };
  await add(['--disk', '0:size=64M', '--no-start', '-n', 'node1', 'lab-base']);
  await add(['--disk', '0:size=64M,base_image=lab-base', '-n', 'node1', 'pc1']);
  await add(['--disk', '0:size=64M,base_image=lab-base', '-n', 'node1', 'pc2']);
  await add(['--disk', '0:size=64M', '-n', 'node2', 'plain']);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  mkdirSync(SHOTS, { recursive: true });
});

test.after.always(async () => {
  await browser?.close();
  await vc?.stop();
});

test.serial('the profiles view lists the admin instance, its overlays and how many run, live', async (t) => {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, httpCredentials: { username: 'admin', password: 'adminpw' }, viewport: { width: 1200, height: 800 } });
  const page = await ctx.newPage();
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
  await ctx.close();
});
