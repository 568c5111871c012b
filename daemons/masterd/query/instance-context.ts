// Per-query data for instance rows: node names, the live instance index built once from
// every node's InstanceList answer, and filled parameters computed only for the rows and
// fields that ask. Listing 10,000 instances must not do per-row scans of nodes or lists.
import { InstanceStatus } from '../../common/constants.js';
import {
  fillBeParams, fillNicParams, type BeParams, type ClusterConfig, type Instance, type NicParams, type Node,
} from '../../common/objects.js';
import { fillHvParams } from '../../hypervisor/descriptors.js';
import { backingOf, isBaseOf, overlayDisks } from '../profile-disks.js';
import type { InstanceListResponse__Output } from '../../../proto/generated/ganeti/InstanceListResponse.js';
import type { InstanceRuntime__Output } from '../../../proto/generated/ganeti/InstanceRuntime.js';
import { RpcResult } from '../rpc/rpc-result.js';
import { NODATA, SpecialValue, UNAVAIL, type LiveData } from './types.js';

/** Hypervisor parameters set cluster-wide only, left out of per-instance views (HVC_GLOBALS). */
export const HV_GLOBALS = new Set(['migration_port', 'migration_bandwidth']);

interface Filled { be: BeParams; hv: Record<string, unknown>; os: Record<string, string>; nics: NicParams[] }

interface LiveIndex {
  offline: Set<string>;                               // node uuids marked offline
  bad: Set<string>;                                   // offline or RPC failed / not asked
  onNode: Map<string, Map<string, InstanceRuntime__Output>>;   // node uuid -> name -> runtime
  runningOn: Map<string, string[]>;                   // instance name -> node uuids running it
}

/** A node answer's entries by name, made once per answer object: the master keeps a node's
 * answer while the node reports no change (rpc/tagged-lists.ts). */
const byNameOf = new WeakMap<object, Map<string, InstanceRuntime__Output>>();

/** The runtimes of a node's InstanceList answer by name; null for a failed answer. */
export function runtimesByName(answer: unknown): Map<string, InstanceRuntime__Output> | null {
  if (!(answer instanceof RpcResult) || answer.failed || !answer.payload) return null;
  const payload = answer.payload as InstanceListResponse__Output;
  let m = byNameOf.get(payload);
  if (!m) {
    m = new Map();
    for (const rt of payload.instances) m.set(rt.name, rt);
    byNameOf.set(payload, m);
  }
  return m;
}

/**
 * The last live index and what it was made from (node uuid, offline flag, answer, per node in
 * order). A query runs synchronously from its live data to its rows, so no context holds an
 * index across a turn of the event loop: the next query may bring this one up to date in place.
 */
let lastIndex: { inputs: unknown[]; idx: LiveIndex } | null = null;

export class InstanceContext {
  readonly nodeName = new Map<string, string>();
  private liveIndex: LiveIndex | null = null;
  private filledCache = new Map<Instance, Filled>();

  constructor(readonly cfg: Readonly<ClusterConfig>, readonly live: LiveData) {
    for (const n of Object.values(cfg.nodes)) this.nodeName.set(n.uuid, n.name);
  }

  groupOf(nodeUuid: string): { uuid: string; name: string } | null {
    const node = this.cfg.nodes[nodeUuid];
    if (!node) return null;
    const g = this.cfg.nodegroups[node.group];
    return { uuid: node.group, name: g ? g.name : '' };
  }

  networkName(uuid: string | null): string | null {
    if (!uuid) return null;
    const net = this.cfg.networks[uuid] as { name?: string } | undefined;
    return net?.name ?? null;
  }

  /**
   * The instance's filled parameters. Most instances set none of their own: those share one
   * filled dict per hypervisor and OS (read-only, like every query value), so 10,000 rows do
   * not build, and a bulk answer does not serialise, 10,000 copies of the same dict.
   */
  filled(inst: Instance): Filled {
    let f = this.filledCache.get(inst);
    if (!f) {
      const cluster = this.cfg.cluster;
      const hv = this.shared(this.hvShared, inst.hvparams, `${inst.hypervisor}\0${inst.os}`, () => {
        const d = fillHvParams(cluster, inst);
        for (const g of HV_GLOBALS) delete d[g];
        return d;
      });
      // Cluster.SimpleFillOS: base OS params, then the variant's, then the instance's.
      const os = this.shared(this.osShared, inst.osparams, inst.os, () => {
        const base = inst.os.split('+', 1)[0]!;
        return { ...(cluster.osparams[base] ?? {}), ...(cluster.osparams[inst.os] ?? {}), ...inst.osparams };
      });
      const be = this.shared(this.beShared, inst.beparams, '', () => fillBeParams(cluster, inst));
      f = { be, hv, os, nics: inst.nics.map((n) => fillNicParams(cluster, n)) };
      this.filledCache.set(inst, f);
    }
    return f;
  }

  private readonly hvShared = new Map<string, Record<string, unknown>>();
  private readonly osShared = new Map<string, Record<string, string>>();
  private readonly beShared = new Map<string, BeParams>();

  /** fill() once per key for instances without custom parameters, per instance otherwise. */
  private shared<T>(cache: Map<string, T>, custom: object, key: string, fill: () => T): T {
    if (Object.keys(custom).length) return fill();
    let v = cache.get(key);
    if (v === undefined) { v = fill(); cache.set(key, v); }
    return v;
  }

  private baseIdx: Map<string, Instance[]> | null = null;

  /**
   * The admin instances (profiles) whose disks are the bases of this instance's overlays, by
   * name; [] for an instance without overlays. The disks are indexed by path once per query.
   */
  baseInstances(inst: Instance): string[] {
    const overlays = overlayDisks(inst);
    if (!overlays.length) return [];
    if (!this.baseIdx) {
      this.baseIdx = new Map();
      for (const i of Object.values(this.cfg.instances)) {
        for (const d of i.disks) {
          const path = d.logical_id[1];
          if (typeof path !== 'string') continue;
          const l = this.baseIdx.get(path);
          if (l) l.push(i); else this.baseIdx.set(path, [i]);
        }
      }
    }
    const out = new Set<string>();
    for (const od of overlays) {
      const path = backingOf(od);
      for (const holder of this.baseIdx.get(path) ?? []) {
        if (holder.uuid !== inst.uuid && holder.disks.some((d) => isBaseOf(holder, d, inst, path))) out.add(holder.name);
      }
    }
    return [...out].sort();
  }

  private index(): LiveIndex {
    if (this.liveIndex) return this.liveIndex;
    const nodes = Object.values(this.cfg.nodes);
    const inputs: unknown[] = nodes.flatMap((n) => [n.uuid, n.offline, this.live.instanceList?.get(n.uuid)]);
    this.liveIndex = lastIndex && updated(lastIndex, inputs) ? lastIndex.idx : this.build(nodes);
    lastIndex = { inputs, idx: this.liveIndex };
    return this.liveIndex;
  }

  private build(nodes: Node[]): LiveIndex {
    const idx: LiveIndex = { offline: new Set(), bad: new Set(), onNode: new Map(), runningOn: new Map() };
    for (const node of nodes) {
      if (node.offline) { idx.offline.add(node.uuid); idx.bad.add(node.uuid); continue; }
      const byName = runtimesByName(this.live.instanceList?.get(node.uuid));
      if (!byName) { idx.bad.add(node.uuid); continue; }
      for (const rt of byName.values()) if (rt.state === 'running') running(idx, rt.name, node.uuid, true);
      idx.onNode.set(node.uuid, byName);
    }
    return idx;
  }

  /** The instance's runtime on its primary node, NODATA when that node can't tell us. */
  runtime(inst: Instance): InstanceRuntime__Output | null | SpecialValue {
    const idx = this.index();
    if (idx.bad.has(inst.primary_node)) return NODATA;
    const rt = idx.onNode.get(inst.primary_node)?.get(inst.name);
    return rt && rt.state !== '' ? rt : null;
  }

  /** A live value of a running instance; unavail when it is not running. */
  runningValue(inst: Instance, key: 'memory' | 'vcpus'): unknown {
    const rt = this.runtime(inst);
    if (rt instanceof SpecialValue) return rt;
    return rt !== null && rt.state === 'running' ? Number(rt[key]) : UNAVAIL;
  }

  /**
   * Ganeti's instance status: node problems first, then running somewhere other than the
   * primary, then the primary's report compared with the admin state.
   */
  status(inst: Instance): string {
    const idx = this.index();
    const pn = inst.primary_node;
    if (idx.offline.has(pn)) return InstanceStatus.ErrorNodeOffline;
    if (idx.bad.has(pn)) return InstanceStatus.ErrorNodeDown;
    if ((idx.runningOn.get(inst.name) ?? []).some((n) => n !== pn)) return InstanceStatus.ErrorWrongNode;
    const up = inst.admin_state === 'up';
    const state = idx.onNode.get(pn)?.get(inst.name)?.state ?? '';
    if (state === 'running') return up ? InstanceStatus.Running : InstanceStatus.ErrorUp;
    if (inst.admin_state === 'suspended') return InstanceStatus.Suspended;   // its state is in a file

    // Down from inside and cleaned up by the watcher (admin down, source user) stays USER_down.
    if (state === 'user_down') return up || inst.admin_state_source === 'user' ? InstanceStatus.UserDown : InstanceStatus.AdminDown;
    if (up) return InstanceStatus.ErrorDown;
    if (inst.admin_state === 'offline') return InstanceStatus.AdminOffline;
    return inst.admin_state_source === 'user' ? InstanceStatus.UserDown : InstanceStatus.AdminDown;
  }
}

function running(idx: LiveIndex, name: string, node: string, on: boolean): void {
  const l = idx.runningOn.get(name);
  if (on) { if (l) l.push(node); else idx.runningOn.set(name, [node]); return; }
  if (!l) return;
  const rest = l.filter((n) => n !== node);
  if (rest.length) idx.runningOn.set(name, rest); else idx.runningOn.delete(name);
}

/**
 * The last index brought up to date in place when the same nodes, with the same offline
 * flags, answered, and only answers that stay good changed (an instance started, stopped or
 * moved): only those nodes' entries are looked at, not every node's. false when it must be
 * made whole (nodes came, went, failed or recovered).
 */
function updated(last: { inputs: unknown[]; idx: LiveIndex }, inputs: unknown[]): boolean {
  const was = last.inputs;
  if (was.length !== inputs.length) return false;
  const changed: number[] = [];
  for (let i = 0; i < inputs.length; i += 3) {
    if (was[i] !== inputs[i] || was[i + 1] !== inputs[i + 1]) return false;
    if (was[i + 2] === inputs[i + 2]) continue;
    if (inputs[i + 1] || !runtimesByName(was[i + 2]) || !runtimesByName(inputs[i + 2])) return false;
    changed.push(i);
  }
  for (const i of changed) {
    const node = inputs[i] as string;
    const before = runtimesByName(was[i + 2])!, now = runtimesByName(inputs[i + 2])!;
    for (const [name, rt] of before) if (rt.state === 'running' && now.get(name)?.state !== 'running') running(last.idx, name, node, false);
    for (const [name, rt] of now) if (rt.state === 'running' && before.get(name)?.state !== 'running') running(last.idx, name, node, true);
    last.idx.onNode.set(node, now);
  }
  return true;
}
