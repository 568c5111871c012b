// Config bytes per job at scale (issue 14, docs/scaling.md "Config at scale"): a config of
// 10,000 instances, single-instance modifications committed through the real ConfigStore
// and replicated by the real Replicator to 3 master candidates whose side is noded's real
// UploadConfigDeltas backend (in this process, over a counting stand-in for gRPC). Reports
// bytes written on the master, bytes sent per candidate, bytes written by the whole process
// (/proc/self/io wchar: master + candidates), and commits/s, one job at a time and 200 in
// flight. --no-journal runs the store as it was before the journal: a whole config.data
// per commit, a whole copy to every candidate.
// Run: npx tsx bench/config-bytes.ts [--instances 10000] [--jobs 200] [--no-journal]
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { nullLogger } from '../daemons/common/log.js';
import type { ClusterConfig, Instance, Node } from '../daemons/common/objects.js';
import { ConfigStore } from '../daemons/masterd/config/config-store.js';
import { Replicator } from '../daemons/masterd/distribution/replicate.js';
import type { NodeRpc, NodeTarget } from '../daemons/masterd/rpc/node-rpc.js';
import { RpcResult } from '../daemons/masterd/rpc/rpc-result.js';
import { uploadConfigDeltas } from '../daemons/noded/backend/config-copy.js';
import type { NodedContext } from '../daemons/noded/context.js';

const { values } = parseArgs({ options: {
  instances: { type: 'string', default: '10000' }, jobs: { type: 'string', default: '200' }, 'no-journal': { type: 'boolean', default: false },
} });
const INSTANCES = Number(values.instances);
const JOBS = Number(values.jobs);
const journal = !values['no-journal'];
const dir = mkdtempSync(join(tmpdir(), 'config-bytes-'));
const CANDIDATES = ['node2', 'node3', 'node4'];

function config(): ClusterConfig {
  const node = (i: number): Node => ({ uuid: `n${i}`, name: `node${i}`, primary_ip: `127.0.221.${10 + i}`, secondary_ip: `127.0.221.${10 + i}`,
    master_candidate: i <= 4, offline: false, drained: false, master_capable: true, vm_capable: true, group: 'g1', ndparams: {},
    powered: true, tags: [], ctime: 0, mtime: 0, serial_no: 1 } as unknown as Node);
  const cfg = { version: 3000000, serial_no: 1, ctime: 0, mtime: 0,
    cluster: { cluster_name: 'cluster', master_node: 'n1', mac_prefix: 'aa:00:00', serial_no: 1, tags: [], max_running_jobs: 20,
      master_ip: '127.0.221.1', master_netdev: 'lo', master_netmask: 32, enabled_hypervisors: ['fake'], uid_pool: [], hvparams: {}, ndparams: {},
      primary_ip_family: 4, file_storage_dir: '', shared_file_storage_dir: '' },
    nodes: Object.fromEntries([1, 2, 3, 4, 5].map((i) => [`n${i}`, node(i)])), nodegroups: { g1: { uuid: 'g1', name: 'default' } },
    instances: {} as Record<string, Instance>, networks: {} } as unknown as ClusterConfig;
  for (let i = 0; i < INSTANCES; i++) {
    const uuid = `0000${i}`.padStart(8, '0') + '-1111-2222-3333-444455556666';
    cfg.instances[uuid] = { uuid, name: `instance${i}.example.com`, primary_node: `n${1 + (i % 5)}`, secondary_nodes: [], hypervisor: 'fake',
      os: 'dummy', admin_state: 'up', admin_state_source: 'admin', disk_template: 'diskless', disks: [],
      nics: [{ uuid: `${uuid}-nic`, name: '', mac: `aa:00:00:${((i >> 16) & 255).toString(16).padStart(2, '0')}:${((i >> 8) & 255).toString(16).padStart(2, '0')}:${(i & 255).toString(16).padStart(2, '0')}`, ip: null, network: null, nicparams: {} }],
      hvparams: {}, beparams: { maxmem: 64, minmem: 64, vcpus: 1 }, osparams: {}, network_port: null, disks_active: false, tags: [],
      ctime: 0, mtime: 0, serial_no: 1 } as unknown as Instance;
  }
  return cfg;
}

/** The candidates' side: noded's backend function on a node directory of its own. */
const sent = new Map<string, number>();
const ctxOf = new Map<string, NodedContext>(CANDIDATES.map((n) => {
  mkdirSync(join(dir, n), { recursive: true });
  return [n, { paths: { clusterConfFile: join(dir, n, 'config.data') }, logger: nullLogger } as unknown as NodedContext];
}));
const rpc: NodeRpc = {
  async call(node: NodeTarget, method: string, req: unknown) {
    if (method !== 'UploadConfigDeltas') return RpcResult.ok(node.name, {} as never);
    const r = req as { full: Buffer; full_serial: number; deltas: string[] };
    sent.set(node.name, (sent.get(node.name) ?? 0) + r.full.length + r.deltas.reduce((a, d) => a + Buffer.byteLength(d), 0));
    const res = await uploadConfigDeltas(ctxOf.get(node.name)!, { full: r.full, full_serial: String(r.full_serial), deltas: r.deltas } as never);
    return RpcResult.ok(node.name, res as never);
  },
  async callMany() { return new Map(); },
  close() {},
} as unknown as NodeRpc;

const wchar = () => Number(/wchar: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))![1]);

try {
  const store = await ConfigStore.create(join(dir, 'config.data'), config(), { log: nullLogger, journal });
  const rep = new Replicator(rpc, nullLogger);
  store.onCommit(rep.onCommit);
  await rep.redistribute(store.lastCommit(), store.get());
  const uuids = Object.keys(store.get().instances);
  const fileBytes = readFileSync(join(dir, 'config.data')).length;
  console.log(`config-bytes: ${INSTANCES} instances, config.data ${(fileBytes / 1e6).toFixed(2)} MB, ${CANDIDATES.length} candidates, ` +
    `${journal ? 'journal + deltas' : 'no journal: whole file + whole copies (the store before issue 14)'}`);
  const modify = (i: number) => store.update((c) => { c.instances[uuids[(i * 7919) % uuids.length]!]!.beparams.maxmem = 128 + i; })
    .then(() => rep.waitReplicated(store.serial()));

  for (const [label, inFlight] of [['one job at a time', 1], ['200 in flight', 200]] as const) {
    const w0 = store.writtenBytes(); const io0 = wchar(); const s0 = [...sent.values()].reduce((a, b) => a + b, 0); const c0 = store.serial();
    const t0 = performance.now();
    for (let i = 0; i < JOBS; i += inFlight) await Promise.all(Array.from({ length: Math.min(inFlight, JOBS - i) }, (_, k) => modify(i + k)));
    const ms = performance.now() - t0;
    const commits = store.serial() - c0;
    const perJob = (x: number) => `${(x / JOBS / 1024).toFixed(1)} KiB`;
    const sentNow = [...sent.values()].reduce((a, b) => a + b, 0) - s0;
    console.log(`  ${label}: ${JOBS} modifications, ${commits} commits, ${(JOBS / (ms / 1000)).toFixed(0)} jobs/s; per job: master wrote ` +
      `${perJob(store.writtenBytes() - w0)}, sent ${perJob(sentNow / CANDIDATES.length)} to each candidate, process wrote ${perJob(wchar() - io0)} (master + 3 candidates)`);
  }
  console.log(`  replication: ${rep.stats.fullCopies} full copies, ${rep.stats.deltaCalls} delta calls; master journal now ${(store.journalSize() / 1024).toFixed(0)} KiB`);
  await store.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
