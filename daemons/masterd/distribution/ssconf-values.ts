// The ssconf facts every node keeps, derived from the config (Ganeti's GetSsconfValues).
import { SOFTWARE_VERSION } from '../../common/constants.js';
import type { ClusterConfig, Instance } from '../../common/objects.js';
import type { InstanceDerived } from '../config/config-store.js';
import { isKnownHypervisor } from '../../hypervisor/descriptors.js';
import type { SsconfKey } from '../../common/ssconf.js';

export function computeSsconf(cfg: Readonly<ClusterConfig>): Record<string, string> {
  return { ...ssconfWithoutInstanceList(cfg), instance_list: instanceListText(Object.values(cfg.instances).map((i) => i.name)) };
}

/** instance_list's text: the names sorted, one a line. */
function instanceListText(names: readonly string[]): string {
  return [...names].sort().join('\n');
}

/** Every ssconf value but instance_list, which grows with the instances (InstanceNames keeps it). */
export function ssconfWithoutInstanceList(cfg: Readonly<ClusterConfig>): Record<string, string> {
  const cl = cfg.cluster;
  const nodes = Object.values(cfg.nodes).sort((a, b) => a.name.localeCompare(b.name));
  const mcs = nodes.filter((n) => n.master_candidate || n.uuid === cl.master_node);
  const master = cfg.nodes[cl.master_node];
  const values: Partial<Record<SsconfKey, string>> = {
    cluster_name: cl.cluster_name,
    cluster_tags: cl.tags.join('\n'),
    master_node: master?.name ?? '',
    master_ip: cl.master_ip,
    master_netdev: cl.master_netdev,
    master_netmask: String(cl.master_netmask),
    master_candidates: mcs.map((n) => n.name).join('\n'),
    master_candidates_ips: mcs.map((n) => n.primary_ip).join('\n'),
    master_candidates_stale: mcs.filter((n) => n.config_stale).map((n) => n.name).join('\n'),
    master_candidates_certs: mcs.flatMap((n) => (n.cert_digests ?? []).map((d) => `${n.name}=${d}`)).join('\n'),
    node_list: nodes.map((n) => n.name).join('\n'),
    node_primary_ips: nodes.map((n) => `${n.name} ${n.primary_ip}`).join('\n'),
    node_secondary_ips: nodes.map((n) => `${n.name} ${n.secondary_ip}`).join('\n'),
    node_vm_capable: nodes.map((n) => `${n.name}=${n.vm_capable ? 'True' : 'False'}`).join('\n'),
    online_nodes: nodes.filter((n) => !n.offline).map((n) => n.name).join('\n'),
    offline_nodes: nodes.filter((n) => n.offline).map((n) => n.name).join('\n'),
    nodegroups: Object.values(cfg.nodegroups).map((g) => `${g.uuid} ${g.name}`).join('\n'),
    networks: '',
    hypervisor_list: cl.enabled_hypervisors.join('\n'),
    uid_pool: cl.uid_pool.join('\n'),
    maintain_node_health: cl.maintain_node_health ? 'True' : 'False',
    primary_ip_family: String(cl.primary_ip_family),
    file_storage_dir: cl.file_storage_dir,
    shared_file_storage_dir: cl.shared_file_storage_dir,
    release_version: SOFTWARE_VERSION,
    enabled_user_shutdown: cl.enabled_user_shutdown ? 'True' : 'False',
    ssh_ports: nodes.map((n) => `${n.name}=${String(n.ndparams.ssh_port ?? cl.ndparams.ssh_port ?? 22)}`).join('\n'),
  };
  for (const hv of cl.enabled_hypervisors) {
    if (isKnownHypervisor(hv)) {
      values[`hvparams_${hv}` as SsconfKey] = Object.entries(cl.hvparams[hv] ?? {}).map(([k, v]) => `${k}=${String(v)}`).join('\n');
    }
  }
  return values as Record<string, string>;
}

/**
 * instance_list kept up to date entry by entry (ConfigStore.derived: told of each instance a
 * commit wrote), so that a replication round knows whether the names changed without a pass
 * over every instance, and sorts and joins them only when a node is sent the list, once per
 * change. Doing both on every round was 15 % of masterd's CPU in a batch of adds on a
 * 10,000-instance cluster (docs/scaling.md, round 15), while the list goes out at most every
 * 500 ms during bursts.
 */
export class InstanceNames implements InstanceDerived {
  private readonly nameOf = new Map<string, string>();
  private text: string | null = null;

  constructor(instances: Iterable<Readonly<Instance>>) { for (const i of instances) this.nameOf.set(i.uuid, i.name); }

  update(uuid: string, inst: Readonly<Instance> | undefined): void {
    if (inst ? this.nameOf.get(uuid) === inst.name : !this.nameOf.has(uuid)) return;
    if (inst) this.nameOf.set(uuid, inst.name); else this.nameOf.delete(uuid);
    this.text = null;
  }

  /** Brings it up to date with a whole document (a pass over every instance: for callers
   * without a config store, such as tests). */
  syncWith(instances: Readonly<Record<string, Readonly<Instance>>>): void {
    for (const uuid of this.nameOf.keys()) if (!Object.hasOwn(instances, uuid)) this.update(uuid, undefined);
    for (const [uuid, inst] of Object.entries(instances)) this.update(uuid, inst);
  }

  /** The text for the current names when it has been built since they last changed, else null. */
  built(): string | null { return this.text; }

  /** The text for the current names (built now if need be). */
  value(): string { return (this.text ??= instanceListText([...this.nameOf.values()])); }
}
