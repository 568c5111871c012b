// ganeti-rapi figures (issue 10), on a 3-node virtual cluster with the fake hypervisor:
// GET /2/instances?bulk=1 with 10,000 instances (median of 9), 200 concurrent clients
// polling GET /2/jobs/ID (requests/s and p99), and the dashboard with 1,000 instances in
// headless Chromium (first render, and the time to show a job's update).
// Run: npm run build && npx tsx bench/rapi-bench.ts [bulk] [poll] [dashboard]   (all three without
// arguments; addresses 127.0.152 and 127.0.153, or RAPI_BENCH_PREFIXES=A,B). RAPI_BENCH_PROF=DIR
// restarts masterd and ganeti-rapi under --cpu-prof (profiles written to DIR when they stop;
// summarise with bench/profile-summary.ts).
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:https';
import { dirname, join } from 'node:path';
import { chromium } from 'playwright-core';
import { startVcluster, type Vcluster } from '../vcluster/harness.js';
import { cpuMs, nodedWorkersOf, pidOf } from '../vcluster/procs.js';
import { growInstances } from './grow-config.js';

const PROGRAMS = ['ganeti-noded', 'ganeti-masterd', 'ganeti-rapi', 'daemon-util', 'ensure-dirs', 'gnt-cluster', 'gnt-node', 'gnt-instance', 'gnt-job'];
const AUTH = `Basic ${Buffer.from('admin:adminpw').toString('base64')}`;
const [PREFIX_A, PREFIX_B] = (process.env.RAPI_BENCH_PREFIXES ?? '127.0.152,127.0.153').split(',') as [string, string];
const PROF = process.env.RAPI_BENCH_PROF;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(xs.length * p))]!;

function get(host: string, path: string, agent: Agent): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host, port: 5080, path, agent, rejectUnauthorized: false, headers: { Authorization: AUTH, Accept: 'application/json' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

async function cluster(prefix: string): Promise<Vcluster> {
  const vc = await startVcluster({ nodes: 3, prefix, nodeMemory: '1048576', setupArgs: ['--node-cpus', '512'], programs: PROGRAMS });
  const users = join(vc.dir, 'node1', 'var/lib/ganeti/rapi/users');
  mkdirSync(dirname(users), { recursive: true });
  writeFileSync(users, 'admin adminpw write\n');
  await vc.init();
  await vc.addNodes();
  const r = await vc.gnt(['gnt-instance', 'add', '-t', 'diskless', '-o', 'dummy', '-B', 'memory=64', '--no-name-check', '--no-ip-check', '-I', 'hail', 'seed']);
  if (r.code !== 0) throw new Error(`add seed: ${r.stderr}`);
  return vc;
}

async function bulkAndPollers(fig: Record<string, string>, parts: Set<string>): Promise<void> {
  const vc = await cluster(PREFIX_A);
  const host = `${PREFIX_A}.10`;
  try {
    if (parts.has('bulk')) growInstances(vc.dir, 10_000);
    if (PROF) {
      mkdirSync(PROF, { recursive: true });
      const cmd = join(vc.dir, 'node1/cmd');
      for (const d of ['ganeti-rapi', 'ganeti-masterd']) execFileSync(cmd, ['daemon-util', 'stop', d]);
      for (const d of ['ganeti-masterd', 'ganeti-rapi']) {
        execFileSync(cmd, ['env', `NODE_OPTIONS=--cpu-prof --cpu-prof-dir=${join(PROF, d)} --cpu-prof-interval=250`, 'daemon-util', 'start', d]);
      }
    }
    const agent = new Agent({ keepAlive: true, maxSockets: 200 });
    for (let i = 0; i < 40; i++) { if ((await get(host, '/version', agent).catch(() => ({ status: 0 }))).status === 200) break; await new Promise((r) => setTimeout(r, 250)); }
    const times: number[] = [];
    let count = 0;
    // CPU per request of each daemon on the way (wall time on a loaded machine is mostly waiting).
    const daemons = (): Record<string, number[]> => ({
      masterd: [pidOf(vc.dir, 'node1', 'ganeti-masterd')], rapi: [pidOf(vc.dir, 'node1', 'ganeti-rapi')],
      noded: ['node1', 'node2', 'node3'].flatMap((n) => { const l = pidOf(vc.dir, n, 'ganeti-noded'); return [l, ...nodedWorkersOf(l)]; }),
    });
    const cpu = () => Object.fromEntries(Object.entries(daemons()).map(([k, pids]) => [k, pids.reduce((s, p) => s + cpuMs(p), 0)]));
    if (parts.has('bulk')) await get(host, '/2/instances?bulk=1', agent);
    const cpu0 = cpu();
    for (let i = 0; parts.has('bulk') && i < 9; i++) {
      const t0 = performance.now();
      const r = await get(host, '/2/instances?bulk=1', agent);
      times.push(performance.now() - t0);
      count = (JSON.parse(r.body) as unknown[]).length;
    }
    if (parts.has('bulk')) {
      fig[`GET /2/instances?bulk=1, ${count} instances, median of 9`] = `${median(times).toFixed(0)} ms`;
      const cpu1 = cpu();
      fig['CPU per bulk request'] = Object.keys(cpu1).map((k) => `${k} ${((cpu1[k]! - cpu0[k]!) / 9).toFixed(0)} ms`).join(', ');
      const version: number[] = [];
      for (let i = 0; i < 9; i++) {
        const t0 = performance.now();
        const r = await vc.gnt(['gnt-cluster', 'version']);
        if (r.code !== 0) throw new Error(`gnt-cluster version: ${r.stderr}`);
        version.push(performance.now() - t0);
      }
      fig['gnt-cluster version in the same run, median of 9'] = `${median(version).toFixed(0)} ms (bulk listing = ${(median(times) / median(version)).toFixed(2)}x)`;
    }
    if (!parts.has('poll')) return;

    const job = (await vc.gnt(['gnt-instance', 'shutdown', '--submit', 'seed'])).stderr.match(/JobID: (\d+)/)?.[1] ?? '1';
    const lat: number[] = [];
    const end = Date.now() + 10_000;
    const t0 = performance.now();
    await Promise.all(Array.from({ length: 200 }, async () => {
      while (Date.now() < end) {
        const s = performance.now();
        const r = await get(host, `/2/jobs/${job}`, agent);
        if (r.status !== 200) throw new Error(`GET /2/jobs/${job}: ${r.status} ${r.body}`);
        lat.push(performance.now() - s);
      }
    }));
    const secs = (performance.now() - t0) / 1000;
    fig['200 clients polling GET /2/jobs/ID for 10 s'] = `${(lat.length / secs).toFixed(0)} requests/s, p50 ${pct(lat, 0.5).toFixed(0)} ms, p99 ${pct(lat, 0.99).toFixed(0)} ms`;
    agent.destroy();
  } finally {
    await vc.stop();
  }
}

async function dashboard(fig: Record<string, string>): Promise<void> {
  const vc = await cluster(PREFIX_B);
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'] });
  try {
    growInstances(vc.dir, 1_000);
    const page = await (await browser.newContext({ ignoreHTTPSErrors: true, httpCredentials: { username: 'admin', password: 'adminpw' } })).newPage();
    for (let i = 0; i < 40; i++) { try { await page.goto(`https://${PREFIX_B}.10:5080/`); break; } catch { await new Promise((r) => setTimeout(r, 250)); } }
    const t0 = Date.now();
    await page.reload();
    await page.waitForFunction(() => document.querySelectorAll('#instances tbody tr').length >= 1000, undefined, { timeout: 60_000 });
    fig['dashboard first render, 1,000 instances (load to table)'] = `${Date.now() - t0} ms`;
    const t1 = Date.now();
    const r = await vc.gnt(['gnt-instance', 'shutdown', '--submit', 'seed']);
    if (r.code !== 0) throw new Error(`shutdown seed: ${r.stderr}`);
    await page.waitForSelector('#instances tr[data-instance="seed"] .state-ADMIN_down', { timeout: 60_000 });
    fig['dashboard: job submitted to the instance shown stopped'] = `${Date.now() - t1} ms`;
  } finally {
    await browser.close();
    await vc.stop();
  }
}

async function main(): Promise<void> {
  const fig: Record<string, string> = {};
  const parts = new Set(process.argv.slice(2).length ? process.argv.slice(2) : ['bulk', 'poll', 'dashboard']);
  const unknown = [...parts].filter((p) => !['bulk', 'poll', 'dashboard'].includes(p));
  if (unknown.length) throw new Error(`unknown part(s) ${unknown.join(', ')} (allowed: bulk, poll, dashboard)`);
  if (parts.has('bulk') || parts.has('poll')) await bulkAndPollers(fig, parts);
  if (parts.has('dashboard')) await dashboard(fig);
  for (const [k, v] of Object.entries(fig)) console.log(`${k}: ${v}`);
}

main().catch((err) => { console.error(err); process.exit(1); });
