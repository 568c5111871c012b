// OP_CLUSTER_VERIFY_GROUP (LUClusterVerifyGroup): ask every node of the group for its
// state (NodeVerify) and compare with the config: reachability, versions, config and ssconf
// copies, instances running where they should, clocks.
import { createHash } from 'node:crypto';
import { PROTOCOL_VERSION, SOFTWARE_VERSION } from '../../../common/constants.js';
import type { OpClusterVerifyGroup } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { computeSsconf } from '../../distribution/ssconf-values.js';
import { VerifyReport } from './verify-report.js';
import { supportsOob } from '../oob/command.js';
import { OpPrereqError } from '../../../common/errors.js';

type Op = ReturnType<typeof OpClusterVerifyGroup.validate>;
const MAX_SKEW_MS = 150_000;

export class LUClusterVerifyGroup extends LogicalUnit<Op> {
  private groupUuid = '';

  override checkPrereq(): void {
    const g = Object.values(this.cfg.get().nodegroups).find((x) => x.name === this.op.group_name || x.uuid === this.op.group_name);
    if (!g) throw new OpPrereqError(`Node group '${this.op.group_name}' not known`, { ecode: 'unknown_entity' });
    this.groupUuid = g.uuid;
  }

  override async exec(): Promise<unknown> {
    const rep = new VerifyReport((m) => this.feedback(m), this.op);
    const cfg = this.cfg.get();
    const group = cfg.nodegroups[this.groupUuid]!;
    const nodes = Object.values(cfg.nodes).filter((n) => n.group === group.uuid).sort((a, b) => a.name.localeCompare(b.name));
    this.feedback(`* Verifying group '${group.name}'`);
    if (!nodes.length) { this.feedback('* Empty node group, skipping verification'); return true; }
    const online = nodes.filter((n) => !n.offline);
    this.feedback(`* Gathering data (${online.length} nodes)`);
    // ssconf lists held back during a burst of adds (distribution/replicate.ts) go out first.
    if (this.rt.replicator.owesSsconf()) await this.rt.replicator.flushSsconf();
    const ssconf = computeSsconf(cfg);
    const t0 = Date.now();
    // Every node is asked about every out-of-band program of the cluster (as Ganeti does); only
    // the master and the nodes that can become it run them, so only theirs count (below).
    const oobPaths = [...new Set(Object.values(cfg.nodes).map((n) => supportsOob(cfg, n)).filter((p): p is string => p !== null))];
    const res = await this.rt.rpc.callMany(online.map(nodeTarget), 'NodeVerify', {
      hypervisors: cfg.cluster.enabled_hypervisors, cluster_name: cfg.cluster.cluster_name, file_checksums: {}, ssconf_keys: Object.keys(ssconf),
      oob_paths: oobPaths,
    }, { timeoutMs: 30_000, signal: this.rt.signal });
    const t1 = Date.now();
    this.feedback(`* Gathering information about nodes (${online.length} nodes)`);
    this.feedback(`* Gathering disk information (${online.length} nodes)`);

    this.feedback('* Verifying configuration file consistency');
    const masterSum = res.get(cfg.nodes[cfg.cluster.master_node]?.name ?? '')?.payload?.file_checksums.config;
    for (const n of online) {
      const r = res.get(n.name)!;
      if (r.failed || !n.master_candidate || n.uuid === cfg.cluster.master_node || !masterSum) continue;
      const sum = r.payload!.file_checksums.config ?? '';
      if (!sum) rep.error('ECLUSTERFILECHECK', 'cluster', cfg.cluster.cluster_name, `File config.data missing from master candidate ${n.name}`);
      else if (sum !== masterSum) rep.error('ECLUSTERFILECHECK', 'cluster', cfg.cluster.cluster_name, `File config.data found with 2 different checksums (master and ${n.name})`);
    }

    this.feedback('* Verifying node status');
    // Once, not per node: with 10,000 instances the instance list alone is ~100 KB to hash.
    const ssconfSums = Object.entries(ssconf).map(([key, value]) => [key, createHash('sha256').update(value).digest('hex')] as const);
    const running = new Map<string, Set<string>>();
    for (const n of nodes) {
      if (this.op.verbose) this.feedback(`* Verifying node ${n.name} (${n.uuid === cfg.cluster.master_node ? 'master' : n.master_candidate ? 'master candidate' : n.drained ? 'drained' : 'regular'})`);
      if (n.offline) continue;
      const r = res.get(n.name)!;
      if (r.failed) { rep.error('ENODERPC', 'node', n.name, `while contacting node: ${r.failMsg}`); continue; }
      const v = r.payload!;
      if (v.protocol_version !== PROTOCOL_VERSION) rep.error('ENODEVERSION', 'node', n.name, `incompatible protocol versions: master ${PROTOCOL_VERSION}, node ${v.protocol_version}`);
      else if (v.software_version !== SOFTWARE_VERSION) rep.error('ENODEVERSION', 'node', n.name, `software version mismatch: master ${SOFTWARE_VERSION}, node ${v.software_version}`, true);
      for (const e of v.hypervisor_errors) rep.error('ENODEHV', 'node', n.name, e);
      for (const e of v.os_errors) rep.error('ENODEOS', 'node', n.name, e);
      if (v.storage_error) rep.error('ENODEFILESTORAGEPATHUNUSABLE', 'node', n.name, v.storage_error);
      for (const l of v.lifecycle_leftovers ?? []) rep.error('ENODELEFTOVER', 'node', n.name, `${l}: retry the operation (it removes this first)`);
      if (n.master_candidate || n.master_capable) for (const e of v.oob_path_errors ?? []) rep.error('ENODEOOBPATH', 'node', n.name, e);
      const skew = Number(v.time_ms) < t0 - MAX_SKEW_MS ? t0 - Number(v.time_ms) : Number(v.time_ms) > t1 + MAX_SKEW_MS ? Number(v.time_ms) - t1 : 0;
      if (skew) rep.error('ENODETIME', 'node', n.name, `Node time diverges by at least ${(skew / 1000).toFixed(1)}s from master node time`);
      for (const [key, want] of ssconfSums) {
        const got = v.file_checksums[`ssconf_${key}`];
        if (got !== undefined && got !== want) rep.error('ENODEFILECHECK', 'node', n.name, `ssconf file ssconf_${key} is out of date`);
      }
      running.set(n.uuid, new Set(v.instances));
    }

    this.feedback('* Verifying instance status');
    // Instance name -> the nodes running it, in node order: one pass over the nodes' lists
    // instead of asking every node's list about every instance (10,000 x 50).
    const runningOn = new Map<string, string[]>();
    for (const [uuid, set] of running) {
      for (const name of set) { const l = runningOn.get(name); if (l) l.push(uuid); else runningOn.set(name, [uuid]); }
    }
    const known = new Set<string>();
    for (const inst of Object.values(cfg.instances)) {
      const pnode = cfg.nodes[inst.primary_node];
      if (!pnode || pnode.group !== group.uuid) continue;
      known.add(`${inst.primary_node}/${inst.name}`);
      if (this.op.verbose) this.feedback(`* Verifying instance ${inst.name}`);
      const onNode = running.get(inst.primary_node);
      if (!onNode) continue;
      if (inst.admin_state === 'up' && !onNode.has(inst.name)) rep.error('EINSTANCEDOWN', 'instance', inst.name, `instance not running on its primary node ${pnode.name}`);
      if (inst.admin_state !== 'up' && onNode.has(inst.name)) rep.error('EINSTANCEWRONGNODE', 'instance', inst.name, `instance is marked as ${inst.admin_state}, but is running on ${pnode.name}`);
      for (const uuid of runningOn.get(inst.name) ?? []) {
        if (uuid !== inst.primary_node) rep.error('EINSTANCEWRONGNODE', 'instance', inst.name, `instance should not run on node ${cfg.nodes[uuid]!.name}`);
      }
    }
    const allNames = new Set(Object.values(cfg.instances).map((i) => i.name));
    for (const [uuid, set] of running) {
      for (const name of set) if (!allNames.has(name)) rep.error('ENODEORPHANINSTANCE', 'node', cfg.nodes[uuid]!.name, `instance ${name} on node ${cfg.nodes[uuid]!.name} should not exist`);
    }
    this.feedback('* Verifying orphan volumes');
    this.feedback('* Verifying N+1 Memory redundancy');
    this.feedback('* Other Notes');
    const offline = nodes.filter((n) => n.offline).length;
    const drained = nodes.filter((n) => n.drained).length;
    const nonRedundant = Object.values(cfg.instances).filter((i) => cfg.nodes[i.primary_node]?.group === group.uuid && !i.secondary_nodes.length).length;
    if (nonRedundant) rep.notice(`${nonRedundant} non-redundant instance(s) found.`);
    if (offline) rep.notice(`${offline} offline node(s) found.`);
    if (drained) rep.notice(`${drained} drained node(s) found.`);
    this.feedback('* Hooks Results');
    return !rep.bad;
  }
}
