// What every dashboard test needs: a virtual cluster with ganeti-rapi and a RAPI users file,
// Debian's chromium driven by playwright-core, a page logged in as one account, and the
// folder screenshots go to.
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';
import { REPO, startVcluster, type Vcluster, type VclusterOptions } from '../../vcluster/harness.js';

export const SHOTS = join(REPO, 'build', 'e2e-screenshots');
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** A 2-node cluster on `prefix` serving RAPI and the dashboard, with `users` (Ganeti's
 * rapi/users lines) in place before the daemons start. extra: startVcluster options (a kvm
 * cluster for the consoles: hypervisors, setupArgs with its own ssh port). */
export async function startDashboardCluster(prefix: string, users: string,
  extra: Pick<VclusterOptions, 'hypervisors' | 'setupArgs'> = {}): Promise<Vcluster> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found: run tools/setup/install-deps.sh (Debian's chromium), or set CHROMIUM_PATH`);
  const vc = await startVcluster({ nodes: 2, prefix, ...extra,
    programs: ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance'] });
  const file = join(vc.dir, 'node1', 'var/lib/ganeti/rapi/users');
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, users);
  await vc.init();
  await vc.addNodes();
  return vc;
}

export async function launchBrowser(): Promise<Browser> {
  mkdirSync(SHOTS, { recursive: true });
  return chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
}

export async function pageAs(browser: Browser, user: string, password: string): Promise<Page> {
  const ctx = await browser.newContext({ ignoreHTTPSErrors: true, httpCredentials: { username: user, password }, viewport: { width: 1200, height: 800 } });
  return ctx.newPage();
}
