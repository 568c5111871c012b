// The VNC console in the browser: a kvm instance with vnc_bind_address set (and no serial
// console) has a VNC button on its page; with vnc_password_file the browser asks for the
// password and qemu refuses a wrong one; noVNC connects through ganeti-rapi's websocket proxy,
// which reaches qemu's VNC server on the primary node's loopback over ssh, as the serial
// console does; the RFB handshake completes and the canvas shows the guest's screen. RAPI's
// …/console answers as Ganeti does (kind vnc, host, port, display). Accounts: the owner gets
// the console, another owner account and a read-only account do not. Real qemu under TCG,
// Debian's chromium driven by playwright-core.
import test from 'ava';
import { request } from 'node:https';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import WebSocket from 'ws';
import type { Vcluster } from '../../vcluster/harness.js';
import { guestHv, killQemus } from '../../vcluster/kvm-guest.js';
import { launchBrowser, pageAs, SHOTS, startDashboardCluster } from '../e2e/browser-kit.js';

const PREFIX = '127.0.228';
const HOST = `${PREFIX}.10`;
const URL = `https://${HOST}:5080/`;

let vc: Vcluster;
let browser: Browser;
let port = 0;

/** One HTTPS request to ganeti-rapi as `auth` (user:password); status and parsed body. */
function rapi(method: string, path: string, auth?: string): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: HOST, port: 5080, path, method, rejectUnauthorized: false, ...(auth ? { auth } : {}),
      headers: { Accept: 'application/json' } }, (res) => {
      let text = '';
      res.on('data', (d: Buffer) => { text += d.toString('utf8'); });
      res.on('end', () => {
        let body: unknown = text;
        try { body = JSON.parse(text); } catch { /* not JSON */ }
        resolve({ status: res.statusCode ?? 0, body });
      });
    });
    req.on('error', reject);
    req.end();
  });
}

/** The HTTP status of a websocket upgrade to the console proxy with this ticket (101: accepted). */
function upgradeStatus(ticket: string): Promise<number> {
  const ws = new WebSocket(`wss://${HOST}:5080/dashboard/console?ticket=${encodeURIComponent(ticket)}`, { rejectUnauthorized: false });
  return new Promise<number>((resolve) => {
    ws.once('unexpected-response', (_req, res) => { resolve(res.statusCode ?? 0); ws.terminate(); });
    ws.once('open', () => { resolve(101); ws.close(); });
    ws.once('error', () => resolve(0));
  });
}

test.before(async () => {
  vc = await startDashboardCluster(PREFIX, 'admin adminpw write\nviewer viewerpw\nalice alicepw user\nbob bobpw user\n',
    { hypervisors: 'kvm', setupArgs: ['--ssh-port', '10228'] });
  const add = async (name: string, args: string[]) => {
    const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=128',
      '--no-name-check', '--no-ip-check', '-n', 'node2', ...args, name], { timeoutMs: 180_000 });
    if (r.code !== 0) throw new Error(`add ${name}: ${r.stderr}\n${vc.logs()}`);
  };
  await add('vm1', ['-H', guestHv('serial_console=false,vnc_bind_address=127.0.0.1'), '--owner', 'alice']);
  await add('vm2', ['-H', guestHv(), '--owner', 'bob', '--no-start']);
  const pwFile = join(vc.dir, 'vnc-password');
  writeFileSync(pwFile, 'sekrit7\nignored second line\n', { mode: 0o600 });
  await add('vm3', ['-H', guestHv(`serial_console=false,vnc_bind_address=127.0.0.1,vnc_password_file=${pwFile}`), '--owner', 'alice']);
  port = Number((await vc.gnt(['gnt-instance', 'list', '--no-headers', '-o', 'network_port', 'vm1'])).stdout.trim());
  browser = await launchBrowser();
});

test.after.always(async () => {
  await browser?.close();
  if (vc) killQemus(vc.dir);
  await vc?.stop();
});

test.serial('RAPI …/console describes the VNC server as Ganeti does', async (t) => {
  t.true(port > 5900, `network_port ${port}`);
  const r = await rapi('GET', '/2/instances/vm1/console', 'admin:adminpw');
  t.is(r.status, 200);
  t.deepEqual(r.body, { instance: 'vm1', kind: 'vnc', host: '127.0.0.1', port, display: port - 5900 });
});

test.serial('the websocket carries the RFB handshake from qemu on the primary node', async (t) => {
  const tk = await rapi('POST', '/dashboard/console-ticket/vm1?kind=vnc', 'admin:adminpw');
  t.is(tk.status, 200, JSON.stringify(tk.body));
  const ticket = (tk.body as { ticket: string }).ticket;
  const ws = new WebSocket(`wss://${HOST}:5080/dashboard/console?ticket=${encodeURIComponent(ticket)}`, { rejectUnauthorized: false });
  const hello = await new Promise<string>((resolve, reject) => {
    ws.once('message', (d: Buffer) => resolve(d.toString('latin1')));
    ws.once('error', reject);
    ws.once('close', (code, reason) => reject(new Error(`closed ${code} ${reason.toString()}`)));
  });
  ws.close();
  t.regex(hello, /^RFB 003\.00\d\n/);
  t.is(await upgradeStatus(ticket), 403, 'a ticket serves one connection only');
});

test.serial('the owner opens the VNC console in the browser: noVNC shows the guest screen', async (t) => {
  t.timeout(120_000);
  const page = await pageAs(browser, 'alice', 'alicepw');
  await page.goto(`${URL}#/instance/vm1`);
  await page.click('#vnc-link');
  try {
    await page.waitForFunction(() => /connected to QEMU/.test(document.querySelector('#vnc-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
    // The framebuffer arrives after the handshake: wait for lit pixels on noVNC's canvas.
    await page.waitForFunction(() => {
      const c = document.querySelector<HTMLCanvasElement>('#vnc-screen canvas');
      if (!c || !c.width || !c.height) return false;
      const px = c.getContext('2d')!.getImageData(0, 0, c.width, c.height).data;
      let lit = 0;
      for (let i = 0; i < px.length; i += 4) if (px[i]! + px[i + 1]! + px[i + 2]! > 96) lit++;
      return lit > 200;
    }, undefined, { timeout: 60_000 });
  } catch (err) {
    t.fail(`no VNC screen: status '${await page.textContent('#vnc-status')}'\n${vc.logs()}`);
    throw err;
  }
  t.regex(await page.textContent('#vnc-status') ?? '', /connected to QEMU \(vm1\)/);
  await page.screenshot({ path: join(SHOTS, 'vnc-console.png'), fullPage: true });
  // The dashboard marks the instance as having a console open while the page is on.
  const admin = await pageAs(browser, 'admin', 'adminpw');
  await admin.goto(`${URL}#/instance/vm1`);
  await admin.waitForFunction(() => /Console open\s*yes/.test(document.querySelector('dl')?.textContent ?? ''), undefined, { timeout: 20_000 });
  await admin.context().close();
  await page.context().close();
});

test.serial('vnc_password_file: the browser asks for the password; a wrong one is refused, the right one shows the screen', async (t) => {
  t.timeout(120_000);
  const page = await pageAs(browser, 'alice', 'alicepw');
  const prompts: string[] = [];
  let answer = 'wrong-password';
  page.on('dialog', (d) => { prompts.push(d.message()); void d.accept(answer); });
  await page.goto(`${URL}#/vnc/vm3`);
  await page.waitForFunction(() => /VNC security failure/.test(document.querySelector('#vnc-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
  t.deepEqual(prompts, ['VNC password for vm3']);
  answer = 'sekrit7';
  await page.goto(`${URL}#/instance/vm3`);
  await page.waitForSelector('#vnc-link');
  await page.click('#vnc-link');
  try {
    await page.waitForFunction(() => /connected to QEMU/.test(document.querySelector('#vnc-status')?.textContent ?? ''), undefined, { timeout: 60_000 });
  } catch (err) {
    t.fail(`not connected with the right password: status '${await page.textContent('#vnc-status')}'\n${vc.logs()}`);
    throw err;
  }
  t.is(prompts.length, 2, 'asked once per connection');
  await page.context().close();
});

test.serial('another owner and a read-only account get no VNC console', async (t) => {
  const bob = await rapi('POST', '/dashboard/console-ticket/vm1?kind=vnc', 'bob:bobpw');
  t.is(bob.status, 404, 'another owner\'s instances do not exist for bob (as everywhere in RAPI)');
  const bobPage = await pageAs(browser, 'bob', 'bobpw');
  await bobPage.goto(`${URL}#/vnc/vm1`);
  await bobPage.waitForFunction(() => /console refused: 404/.test(document.querySelector('#vnc-status')?.textContent ?? ''), undefined, { timeout: 20_000 });
  await bobPage.context().close();
  t.is(await upgradeStatus('forged'), 403, 'no console without a ticket');
  const viewer = await pageAs(browser, 'viewer', 'viewerpw');
  await viewer.goto(`${URL}#/instance/vm1`);
  await viewer.waitForSelector('#instance-name');
  t.is(await viewer.locator('#vnc-link').count(), 0);
  t.is((await rapi('POST', '/dashboard/console-ticket/vm1?kind=vnc', 'viewer:viewerpw')).status, 403);
  await viewer.context().close();
  const bad = await rapi('POST', '/dashboard/console-ticket/vm1?kind=spice', 'admin:adminpw');
  t.is(bad.status, 400);
  t.regex(JSON.stringify(bad.body), /Invalid console kind 'spice' \(allowed: serial, vnc\)/);
});

test.serial('an instance without vnc_bind_address has no VNC button and no VNC ticket', async (t) => {
  const r = await vc.gnt(['gnt-instance', 'startup', 'vm2'], { timeoutMs: 120_000 });
  t.is(r.code, 0, r.stderr);
  const page = await pageAs(browser, 'bob', 'bobpw');
  await page.goto(`${URL}#/instance/vm2`);
  await page.waitForSelector('#console-link');
  t.is(await page.locator('#vnc-link').count(), 0);
  await page.context().close();
  const tk = await rapi('POST', '/dashboard/console-ticket/vm2?kind=vnc', 'bob:bobpw');
  t.is(tk.status, 501);
  t.regex(JSON.stringify(tk.body), /has no VNC console/);
});
