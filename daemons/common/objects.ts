// The cluster configuration document (config.data), with Ganeti's key names.
import { BE_DEFAULTS, NIC_DEFAULTS } from './constants.js';

export type ISpec = {
  'cpu-count': number; 'disk-count': number; 'disk-size': number;
  'memory-size': number; 'nic-count': number; 'spindle-use': number;
};
export const ISPEC_KEYS = ['cpu-count', 'disk-count', 'disk-size', 'memory-size', 'nic-count', 'spindle-use'] as const;

export interface IPolicy {
  minmax: { min: ISpec; max: ISpec }[];
  std: ISpec;
  'disk-templates': string[];
  'vcpu-ratio': number;
  'spindle-ratio': number;
}

export interface BeParams {
  always_failover: boolean; auto_balance: boolean; maxmem: number; minmem: number;
  spindle_use: number; vcpus: number;
}

export interface NicParams { mode: string; link: string; vlan: string }

export interface Cluster {
  uuid: string;
  cluster_name: string;
  master_node: string;            // node uuid
  master_ip: string;
  master_netdev: string;
  master_netmask: number;
  /** Run <confdir>/scripts/master-ip-setup instead of the default (--use-external-mip-script). */
  use_external_mip_script?: boolean;
  mac_prefix: string;
  enabled_hypervisors: string[];
  hvparams: Record<string, Record<string, unknown>>;
  os_hvp: Record<string, Record<string, Record<string, unknown>>>;
  osparams: Record<string, Record<string, string>>;
  beparams: { default: BeParams };
  nicparams: { default: NicParams };
  ndparams: Record<string, unknown>;
  diskparams: Record<string, Record<string, unknown>>;
  ipolicy: IPolicy;
  enabled_disk_templates: string[];
  file_storage_dir: string;
  shared_file_storage_dir: string;
  candidate_pool_size: number;
  max_running_jobs: number;
  max_tracked_jobs: number;
  default_iallocator: string;
  default_iallocator_params: Record<string, unknown>;
  hidden_os: string[];
  blacklisted_os: string[];
  uid_pool: string[];
  maintain_node_health: boolean;
  prealloc_wipe_disks: boolean;
  primary_ip_family: number;
  enabled_user_shutdown: boolean;
  modify_etc_hosts: boolean;
  modify_ssh_setup: boolean;
  highest_used_port: number;
  tcpudp_port_pool: number[];
  tags: string[];
  ctime: number;
  mtime: number;
  serial_no: number;
  /** Image helper VMs install from (gnt-cluster modify --install-image); '' when unset. */
  install_image?: string;
  /** Image that zeroes disks (--zeroing-image); '' when unset. */
  zeroing_image?: string;
  /** Compression tools exports may use (--compression-tools); DEFAULT_COMPRESSION_TOOLS when unset. */
  compression_tools?: string[];
  /** Network new instances' communication NIC goes to (--instance-communication-network); '' when unset. */
  instance_communication_network?: string;
}

/** Ganeti's IEC_DEFAULT_TOOLS. */
export const DEFAULT_COMPRESSION_TOOLS = ['gzip', 'gzip-fast', 'gzip-slow'];

export interface Node {
  uuid: string;
  name: string;
  primary_ip: string;
  secondary_ip: string;
  master_candidate: boolean;
  offline: boolean;
  drained: boolean;
  master_capable: boolean;
  vm_capable: boolean;
  group: string;                  // node group uuid
  ndparams: Record<string, unknown>;
  powered: boolean;
  tags: string[];
  ctime: number;
  mtime: number;
  serial_no: number;
  /** Digests (common/pem.ts certDigest) of the node's client certificate, which the master
   * issued; two while it is being renewed. Candidates' go to ssconf master_candidates_certs. */
  cert_digests?: string[];
  /** A master candidate that missed a config the master committed (distribution/replicate.ts):
   * not used for recovery or master failover until it holds the newest config again. */
  config_stale?: boolean;
}

export interface NodeGroup {
  uuid: string;
  name: string;
  alloc_policy: 'preferred' | 'last_resort' | 'unallocable';
  ndparams: Record<string, unknown>;
  diskparams: Record<string, unknown>;
  ipolicy: Partial<IPolicy>;
  networks: Record<string, unknown>;
  tags: string[];
  ctime: number;
  mtime: number;
  serial_no: number;
}

export interface Disk {
  uuid: string;
  name: string;
  dev_type: string;
  size: number;                   // MiB
  mode: 'rw' | 'ro';
  logical_id: string[];           // file: [driver, path]
  iv_name: string;
  params: Record<string, unknown>;
  spindles: number | null;
}

export interface Nic {
  uuid: string;
  name: string;
  mac: string;
  ip: string | null;
  network: string | null;
  nicparams: Partial<NicParams>;
}

export interface Instance {
  uuid: string;
  name: string;
  primary_node: string;           // node uuid
  secondary_nodes: string[];
  hypervisor: string;
  os: string;
  admin_state: 'up' | 'down' | 'offline' | 'suspended';
  admin_state_source: 'admin' | 'user';
  disk_template: string;
  disks: Disk[];
  nics: Nic[];
  hvparams: Record<string, unknown>;
  beparams: Partial<BeParams>;
  osparams: Record<string, string>;
  network_port: number | null;
  disks_active: boolean;
  tags: string[];
  ctime: number;
  mtime: number;
  serial_no: number;
  /** The RAPI account this instance belongs to (users file option `user`); absent: nobody's. */
  owner?: string | null;
  /** Disk snapshots (gnt-instance snapshot), oldest first; absent when none. */
  snapshots?: InstanceSnapshot[];
}

/** One snapshot of all of an instance's disks: the snapshot volumes' logical ids, by disk index. */
export interface InstanceSnapshot {
  name: string;
  ctime: number;
  disks: { logical_id: string[]; size: number }[];
  /** The running guest's state was saved with it (snapshot --memory): a revert resumes from it. */
  memory?: boolean;
}

export interface ClusterConfig {
  version: number;
  serial_no: number;
  ctime: number;
  mtime: number;
  cluster: Cluster;
  nodes: Record<string, Node>;
  nodegroups: Record<string, NodeGroup>;
  instances: Record<string, Instance>;
  networks: Record<string, Network>;
  /** Job filter rules by uuid (Ganeti's config "filters"); absent in configs older than filters. */
  filters?: Record<string, FilterRule>;
}

/** An IPv4 network with its address pool (Ganeti's objects.Network). */
export interface Network {
  uuid: string;
  name: string;
  network: string;               // a.b.c.d/len
  gateway: string | null;
  network6: string | null;
  gateway6: string | null;
  mac_prefix: string | null;
  /** One character per address of the network, '1' taken, '0' free (Ganeti's bitarray). */
  reservations: string;
  /** Reserved outside Ganeti (network, broadcast, gateway, --add-reserved-ips). */
  ext_reservations: string;
  tags: string[];
  ctime: number;
  mtime: number;
  serial_no: number;
}

/** A job filter rule (Ganeti's design-optables: watermark, priority, predicates, action). */
export interface FilterRule {
  uuid: string;
  watermark: number;
  priority: number;
  predicates: unknown[];
  action: string | [string, number];
  reason_trail: unknown[];
  serial_no: number;
}

export function fillBeParams(cluster: Cluster, inst: Instance): BeParams {
  return { ...BE_DEFAULTS, ...cluster.beparams.default, ...inst.beparams };
}

export function fillNicParams(cluster: Cluster, nic: Nic): NicParams {
  return { ...NIC_DEFAULTS, ...cluster.nicparams.default, ...nic.nicparams };
}

export function now(): number { return Date.now() / 1000; }
