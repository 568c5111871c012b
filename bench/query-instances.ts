// Benchmark: `gnt-instance list` on 10,000 instances across 5 nodes, default fields
// (name hypervisor os pnode status oper_ram) with synthetic InstanceList answers.
// Run: npx tsx bench/query-instances.ts [instances] [runs]
// TABLE=1: also gnt-instance list's table as masterd makes it (KeptTables) for a new config
// generation each run, once with every cell unchanged (a change the list does not show: the kept
// text stands) and once with one instance's status changed each run (formatted again); each
// by the whole query made again and by the changed instance's row alone (KeptTables' InstanceRows);
// once with an instance stopped or started, its node's answer new as well; and once with one
// instance's OS name outgrowing its column and shrinking back (every line changes).
// QUERY_FIELDS=rapi: RAPI's bulk fields (rlib2.I_FIELDS + owner), timing the JSON text the
// master sends for /2/instances?bulk=1 as well.
import type { ClusterConfig, Instance, Node } from '../daemons/common/objects.js';
import { executeQuery, instanceRows, instancesInOrder, liveNeeds, objectsJson, type LiveData } from '../daemons/masterd/query/index.js';
import { I_FIELDS } from '../daemons/rapi/resources/instances.js';
import { KeptTables, type InstanceRows } from '../daemons/masterd/query/table-answer.js';
import { RpcResult } from '../daemons/masterd/rpc/rpc-result.js';
import type { InstanceListResponse__Output } from '../proto/generated/ganeti/InstanceListResponse.js';

const COUNT = Number(process.argv[2] ?? 10000);
const RUNS = Number(process.argv[3] ?? 31);
const RAPI = process.env.QUERY_FIELDS === 'rapi';
const FIELDS = RAPI ? I_FIELDS : ['name', 'hypervisor', 'os', 'pnode', 'status', 'oper_ram'];
const NODES = 5;

function buildConfig(): ClusterConfig {
  const nodes: Record<string, Node> = {};
  for (let n = 1; n <= NODES; n++) {
    nodes[`node-uuid-${n}`] = {
      uuid: `node-uuid-${n}`, name: `node${n}.example.com`, primary_ip: `10.0.0.${n}`, secondary_ip: `10.0.0.${n}`,
      master_candidate: n <= 3, offline: false, drained: false, master_capable: true, vm_capable: true, group: 'g1',
      ndparams: {}, powered: true, tags: [], ctime: 0, mtime: 0, serial_no: 1,
    };
  }
  const instances: Record<string, Instance> = {};
  for (let i = 0; i < COUNT; i++) {
    const uuid = `inst-uuid-${i}`;
    instances[uuid] = {
      uuid, name: `inst${i}.example.com`, primary_node: `node-uuid-${(i % NODES) + 1}`, secondary_nodes: [],
      hypervisor: 'kvm', os: 'debootstrap+default', admin_state: i % 4 === 0 ? 'down' : 'up', admin_state_source: 'admin',
      disk_template: 'file',
      disks: [{ uuid: `${uuid}-d0`, name: '', dev_type: 'file', size: 10240, mode: 'rw', logical_id: ['loop', '/x'],
        iv_name: 'disk/0', params: {}, spindles: null }],
      nics: [{ uuid: `${uuid}-n0`, name: '', mac: 'aa:00:00:00:00:00', ip: null, network: null, nicparams: {} }],
      hvparams: {}, beparams: {}, osparams: {}, network_port: null, disks_active: true, tags: [], ctime: 0, mtime: 0, serial_no: 1,
    };
  }
  const cluster = {
    uuid: 'c', cluster_name: 'cluster', master_node: 'node-uuid-1', enabled_hypervisors: ['kvm'], hvparams: { kvm: {} },
    os_hvp: {}, osparams: {}, beparams: { default: { always_failover: false, auto_balance: true, maxmem: 512, minmem: 512,
      spindle_use: 1, vcpus: 1 } }, nicparams: { default: { mode: 'bridged', link: 'br0', vlan: '' } }, ndparams: {},
    diskparams: {}, enabled_disk_templates: ['file'], hidden_os: [], blacklisted_os: [],
  } as unknown as ClusterConfig['cluster'];
  return { version: 3000000, serial_no: 1, ctime: 0, mtime: 0, cluster, nodes, nodegroups: {}, instances, networks: {} };
}

function buildLive(cfg: ClusterConfig): LiveData {
  const perNode = new Map<string, InstanceListResponse__Output>();
  for (const uuid of Object.keys(cfg.nodes)) perNode.set(uuid, { instances: [] });
  for (const inst of Object.values(cfg.instances)) {
    if (inst.admin_state !== 'up') continue;
    perNode.get(inst.primary_node)!.instances.push({
      name: inst.name, state: 'running', memory: 512, vcpus: 1, hypervisor: 'kvm', console_json: '',
    });
  }
  const name = (uuid: string) => cfg.nodes[uuid]!.name;
  return { instanceList: new Map([...perNode].map(([uuid, r]) => [uuid, RpcResult.ok(name(uuid), r)])) };
}

const cfg = buildConfig();
const live = buildLive(cfg);
const times: number[] = [];
const jsonTimes: number[] = [];
const cpuTimes: number[] = [];
const FRESH = process.env.FRESH === '1';
let rows = 0;
let bytes = 0;
for (let r = 0; r < RUNS; r++) {
  const runLive = FRESH ? buildLive(cfg) : live;
  const t0 = process.hrtime.bigint();
  const c0 = process.cpuUsage();
  liveNeeds('instance', FIELDS, null);
  // As masterd asks: the same config generation and the same node answers (nodes that report
  // no change) let it reuse the name order and the live index; FRESH=1 recomputes both.
  const res = executeQuery({ what: 'instance', fields: FIELDS, names: [], filter: null },
    { cfg, live: runLive, generation: FRESH ? r : 1 });
  times.push(Number(process.hrtime.bigint() - t0) / 1e6);
  const c = process.cpuUsage(c0);
  cpuTimes.push((c.user + c.system) / 1000);
  rows = res.rows.length;
  if (RAPI) {
    const t1 = process.hrtime.bigint();
    bytes = objectsJson(res).length;
    jsonTimes.push(Number(process.hrtime.bigint() - t1) / 1e6);
  }
}
jsonTimes.sort((a, b) => a - b);
if (RAPI) console.log(`objects JSON: ${(bytes / 1e6).toFixed(1)} MB, median ${jsonTimes[Math.floor(jsonTimes.length / 2)]!.toFixed(2)} ms`);
times.sort((a, b) => a - b);
const median = times[Math.floor(times.length / 2)]!;
cpuTimes.sort((a, b) => a - b);
console.log(`query-instances${FRESH ? ' (FRESH)' : ''}: ${rows} rows, ${FIELDS.length} fields, median ${median.toFixed(2)} ms `
  + `(min ${times[0]!.toFixed(2)}, max ${times[times.length - 1]!.toFixed(2)}), CPU median ${cpuTimes[Math.floor(cpuTimes.length / 2)]!.toFixed(2)} ms over ${RUNS} runs`);

if (process.env.TABLE === '1') {
  const inst = Object.values(cfg.instances)[1]!;
  const input = { what: 'instance' as const, fields: FIELDS, names: [], filter: null };
  // 'stopped': the instance shut down and started again, so its node answers anew (a new
  // answer object, with or without it, as the master gets it) as well as the config changing.
  const pnode = inst.primary_node;
  const answerOf = (running: boolean): LiveData => {
    const was = live.instanceList!.get(pnode)!.payload as InstanceListResponse__Output;
    const instances = was.instances.filter((rt) => running || rt.name !== inst.name);
    return { instanceList: new Map(live.instanceList!).set(pnode, RpcResult.ok(cfg.nodes[pnode]!.name, { instances })) };
  };
  for (const byRows of [false, true]) {
    for (const mode of ['hidden', 'shown', 'stopped', 'resized'] as const) {
      const kept = new KeptTables();
      const ts: number[] = [];
      for (let r = 0; r < RUNS; r++) {
        if (mode === 'shown' || mode === 'stopped') inst.admin_state = inst.admin_state === 'up' ? 'down' : 'up';
        // One cell outgrows its column, then the column shrinks back: every line changes.
        if (mode === 'resized') inst.os = inst.os === 'debootstrap+default' ? 'debootstrap+a-much-longer-variant' : 'debootstrap+default';
        const runLive = mode === 'stopped' ? answerOf(inst.admin_state === 'up') : live;
        const generation = 1000 + r;
        // As masterd gives it (service.ts): the config store tells which instances a generation wrote.
        const rows: InstanceRows | undefined = byRows ? {
          order: () => instancesInOrder(cfg, generation).map((i) => i.name),
          changedSince: () => new Set([inst.uuid]),
          byUuid: (uuid) => cfg.instances[uuid],
          byName: () => undefined,
          rows: (items) => instanceRows({ cfg, live: runLive }, items, FIELDS),
        } : undefined;
        const t0 = process.hrtime.bigint();
        kept.answer(input, { header: true, separator: null, units: '', verbose: false, joined: [] }, runLive, generation,
          () => executeQuery(input, { cfg, live: runLive, generation }), rows);
        ts.push(Number(process.hrtime.bigint() - t0) / 1e6);
      }
      ts.sort((a, b) => a - b);
      const what = { hidden: 'cells unchanged', shown: 'one status changed', stopped: 'one instance stopped or started on its node',
        resized: 'one cell widening or narrowing its column' }[mode];
      console.log(`table for a new generation, ${what}, `
        + `${byRows ? 'the changed row made again' : 'the whole query made again'}: median ${ts[Math.floor(ts.length / 2)]!.toFixed(2)} ms over ${RUNS} runs`);
    }
  }
}
