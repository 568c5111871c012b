// burnin.py GetState: what burnin needs to know before it creates anything — the usable
// nodes, that the OS exists, the hypervisor and whether it migrates, the NIC mode — with a
// clear refusal for every precondition that would otherwise fail halfway through.
import type { MasterApi } from '../../daemons/common/client/master-api.js';
import { osNames } from '../../daemons/common/client/os-names.js';
import { BurninError } from './errors.js';
import type { BurninOptions } from './options.js';

export interface ClusterState {
  /** Online, undrained nodes, in the master's order (or -n's). */
  nodes: string[];
  hypervisor: string;
  /** The cluster's default NIC mode (NIC add/remove needs bridged). */
  nicMode: string;
}

type Row = { status: number; value: unknown }[];
const value = (row: Row, i: number) => (row[i]?.status === 0 ? row[i]!.value : null);

export async function getClusterState(master: MasterApi, opts: BurninOptions): Promise<ClusterState> {
  const nodeRes = await master.query('node', ['name', 'offline', 'drained'], opts.nodes);
  const nodes = nodeRes.rows.filter((r) => !value(r, 1) && !value(r, 2)).map((r) => String(value(r, 0)));
  if (!nodes.length) {
    throw new BurninError(opts.nodes.length
      ? `None of the nodes given with -n (${opts.nodes.join(', ')}) is usable: they are offline or drained`
      : 'The cluster has no usable node: every node is offline or drained');
  }

  const osRes = await master.query('os', ['name', 'variants']);
  if (!osRes.rows.length) throw new BurninError("Can't get the OS list");
  const oses = osRes.rows.flatMap((r) => osNames(String(value(r, 0)), value(r, 1)));
  if (!oses.includes(opts.os)) throw new BurninError(`OS '${opts.os}' not found (available: ${oses.join(', ') || 'none'})`);

  const info = await master.clusterInfo();
  const enabledHvs = Array.isArray(info.enabled_hypervisors) ? info.enabled_hypervisors.map(String) : [];
  const hypervisor = opts.hypervisor ?? String(info.default_hypervisor ?? '');
  if (!enabledHvs.includes(hypervisor)) {
    throw new BurninError(`Hypervisor '${hypervisor}' is not enabled in the cluster (enabled: ${enabledHvs.join(', ')})`);
  }
  const templates = Array.isArray(info.enabled_disk_templates) ? info.enabled_disk_templates.map(String) : [];
  if (!templates.includes(opts.diskTemplate)) {
    throw new BurninError(`Disk template '${opts.diskTemplate}' is not enabled in the cluster (enabled: ${templates.join(', ')}); choose one with -t`);
  }
  const nicparams = (info.nicparams ?? {}) as { default?: { mode?: string } };

  if (opts.rename !== null) {
    const names = (await master.query('instance', ['name'])).rows.map((r) => String(value(r, 0)));
    if (names.includes(opts.rename)) throw new BurninError(`The --rename name '${opts.rename}' is already used by an instance`);
  }

  return { nodes, hypervisor, nicMode: nicparams.default?.mode ?? 'bridged' };
}

/** The names of the cluster's instances (for cleanup after a failed rename). */
export async function instanceNames(master: MasterApi): Promise<Set<string>> {
  const res = await master.query('instance', ['name']);
  return new Set(res.rows.map((r) => String(value(r, 0))));
}
