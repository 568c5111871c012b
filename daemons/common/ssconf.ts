// ssconf: small plain-text facts every node keeps (one value per line), so that a node
// knows the master and its peers without asking the master. Ganeti: ssconf_<key>, 0444.
import { readFileSync } from 'node:fs';
import type { Paths } from './paths.js';

export const SSCONF_KEYS = [
  'cluster_name', 'cluster_tags', 'master_node', 'master_ip', 'master_netdev', 'master_netmask',
  'master_candidates', 'master_candidates_ips', 'node_list', 'node_primary_ips', 'node_secondary_ips',
  'node_vm_capable', 'online_nodes', 'offline_nodes', 'instance_list', 'nodegroups', 'networks',
  'hypervisor_list', 'uid_pool', 'maintain_node_health',
  'primary_ip_family', 'file_storage_dir', 'shared_file_storage_dir', 'release_version',
  'enabled_user_shutdown', 'ssh_ports', 'config_serial',
  'master_candidates_certs', 'master_candidates_stale',
] as const;
/** hvparams_<hypervisor>: one per enabled hypervisor (the hypervisors are their descriptors' business). */
export type SsconfKey = (typeof SSCONF_KEYS)[number] | `hvparams_${string}`;
const HVPARAMS_KEY = /^hvparams_[a-z][a-z0-9-]{0,30}$/;

export function isSsconfKey(k: string): k is SsconfKey {
  return (SSCONF_KEYS as readonly string[]).includes(k) || HVPARAMS_KEY.test(k);
}

export function readSsconf(paths: Paths, key: SsconfKey): string | null {
  try { return readFileSync(paths.ssconfFile(key), 'utf8').trimEnd(); } catch { return null; }
}

export function readSsconfList(paths: Paths, key: SsconfKey): string[] {
  const v = readSsconf(paths, key);
  return v ? v.split('\n').filter(Boolean) : [];
}

export function getMasterNode(paths: Paths): string | null {
  return readSsconf(paths, 'master_node');
}

/** ssconf master_candidates_certs' text (null: no file): `name=digest` lines (Ganeti keys them
 * by node uuid; the name is what master_node says), a name may appear twice while its
 * certificate is renewed. Returns digest -> node name. */
export function parseCandidateCerts(text: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text ? text.trimEnd().split('\n') : []) {
    const i = line.lastIndexOf('=');
    if (i > 0) out.set(line.slice(i + 1).trim().toLowerCase(), line.slice(0, i).trim());
  }
  return out;
}
