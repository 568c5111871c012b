// The serial console in the browser: the dashboard's console page (xterm.js) shows the tiny
// guest's boot line, read through ganeti-rapi's websocket proxy, which reaches the node's
// console socket over ssh exactly as gnt-instance console does. A read-only account gets no
// console. Debian's chromium driven by playwright-core, a real qemu under TCG.
import test from 'ava';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { REPO, startVcluster, type Vcluster } from '../../vcluster/harness.js';
import { guestHv, killQemus } from '../../vcluster/kvm-guest.js';

const PREFIX = '127.0.112';
const URL = `https://${PREFIX}.10:5080/`;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'];

let vc: Vcluster;
let browser: Browser;

test.before(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run tools/setup/install-deps.sh (Debian's chromium), or set CHROMIUM_PATH`);
  const hv = guestHv();
  vc = await startVcluster({ nodes: 2, prefix: PREFIX, hypervisors: 'kvm', setupArgs: ['--ssh-port', '10112'], programs: PROGRAMS });
  const users = join(vc.dir, 'node1', 'var/lib/ganeti/rapi/users');
  mkdirSync(dirname(users), { recursive: true });
  writeFileSync(users, 'admin adminpw write\nviewer viewerpw\n');
  await vc.init();
  await vc.addNodes();
  const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=128', '-H', hv,
    '--no-name-check', '--no-ip-check', '-n', 'node2', 'vm1'], { timeoutMs: 180_000 });
  if (r.code !== 0) throw new Error(`add vm1: ${r.stderr}\n${vc.logs()}`);
  browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
});

test.after.always(async () => {
  await browser?.close();
  if (vc) killQemus(vc.dir);
  await vc?.stop();
});

test.serial('the console page shows the guest booting, through the websocket proxy', async (t) => {
  t.timeout(180_000);
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, httpCredentials: { username: 'admin', password: 'adminpw' } });
  const page = await ctx.newPage();
  await page.goto(`${URL}#/instance/vm1`);
  await page.click('#console-link');
  try {
    await page.waitForFunction(() => /GUEST-UP/.test(document.querySelector('#terminal .xterm-rows')?.textContent ?? ''), undefined, { timeout: 60_000 });
  } catch (err) {
    t.fail(`no boot line: status '${await page.textContent('#console-status')}', terminal '${await page.textContent('#terminal .xterm-rows')}'\n${vc.logs()}`);
    throw err;
  }
  t.regex(await page.textContent('#terminal .xterm-rows') ?? '', /GUEST-UP/);
  mkdirSync(join(REPO, 'build', 'e2e-screenshots'), { recursive: true });
  await page.screenshot({ path: join(REPO, 'build', 'e2e-screenshots', 'console.png'), fullPage: true });
  await ctx.close();
});

test.serial('a read-only account gets no console and no ticket', async (t) => {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, httpCredentials: { username: 'viewer', password: 'viewerpw' } });
  const page = await ctx.newPage();
  await page.goto(`${URL}#/instance/vm1`);
  await page.waitForSelector('#instance-name');
  t.is(await page.locator('#console-link').count(), 0);
  const status = await page.evaluate(async () => (await fetch('/dashboard/console-ticket/vm1', { method: 'POST' })).status);
  t.is(status, 403);
  await ctx.close();
});
