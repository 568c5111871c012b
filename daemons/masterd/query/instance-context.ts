// Per-query data for instance rows: node names, the live instance index built once from
// every node's InstanceList answer, and filled parameters computed only for the rows and
// fields that ask. Listing 10,000 instances must not do per-row scans of nodes or lists.
import { InstanceStatus } from '../../common/constants.js';
import {
  fillBeParams, fillNicParams, type BeParams, type ClusterConfig, type Instance, type NicParams,
} from '../../common/objects.js';
import { fillHvParams } from '../../hypervisor/descriptors.js';
import { backingOf, isBaseOf, overlayDisks } from '../profile-disks.js';
import type { InstanceRuntime__Output } from '../../../proto/generated/ganeti/InstanceRuntime.js';
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

/** The last live index and what it was made from (node uuids, offline flags, answers), in node order. */
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
    // The nodes' answers are the same objects while they report no change (the master keeps
    // them: rpc/tagged-lists.ts): the index made from them last time stands.
    const nodes = Object.values(this.cfg.nodes);
    const inputs: unknown[] = nodes.flatMap((n) => [n.uuid, n.offline, this.live.instanceList?.get(n.uuid)]);
    if (lastIndex && lastIndex.inputs.length === inputs.length && lastIndex.inputs.every((v, i) => v === inputs[i])) {
      this.liveIndex = lastIndex.idx;
      return lastIndex.idx;
    }
    const idx: LiveIndex = { offline: new Set(), bad: new Set(), onNode: new Map(), runningOn: new Map() };
    for (const node of nodes) {
      if (node.offline) { idx.offline.add(node.uuid); idx.bad.add(node.uuid); continue; }
      const r = this.live.instanceList?.get(node.uuid);
      if (!r || r.failed || r.payload === null) { idx.bad.add(node.uuid); continue; }
      const byName = new Map<string, InstanceRuntime__Output>();
      for (const rt of r.payload.instances) {
        byName.set(rt.name, rt);
        if (rt.state === 'running') {
          const l = idx.runningOn.get(rt.name);
          if (l) l.push(node.uuid); else idx.runningOn.set(rt.name, [node.uuid]);
        }
      }
      idx.onNode.set(node.uuid, byName);
    }
    this.liveIndex = idx;
    lastIndex = { inputs, idx };
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
