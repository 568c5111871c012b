// The ssconf facts every node keeps, derived from the config (Ganeti's GetSsconfValues).
import { SOFTWARE_VERSION } from '../../common/constants.js';
import type { ClusterConfig } from '../../common/objects.js';
import { isKnownHypervisor } from '../../hypervisor/descriptors.js';
import type { SsconfKey } from '../../common/ssconf.js';

export function computeSsconf(cfg: Readonly<ClusterConfig>): Record<string, string> {
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
    instance_list: Object.values(cfg.instances).map((i) => i.name).sort().join('\n'),
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
