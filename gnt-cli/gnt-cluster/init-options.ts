// The options of `gnt-cluster init` as handed to the bootstrap code (initCluster in
// daemons/masterd/bootstrap/cluster-init.ts). Parameter dicts keep the user's strings; the
// ipolicy is already parsed (sizes in MiB). The CLI defines it; the bootstrap imports it.
export interface InitClusterOptions {
  cluster_name: string;
  master_netdev: string;
  master_netmask?: number;
  enabled_hypervisors: string[];
  enabled_disk_templates: string[];
  hvparams: Record<string, Record<string, string>>;
  beparams: Record<string, string>;
  nicparams: Record<string, string>;
  ndparams: Record<string, string>;
  diskparams: Record<string, Record<string, string>>;
  /** {minmax?, std?, 'disk-templates'?, 'vcpu-ratio'?, 'spindle-ratio'?} with numbers. */
  ipolicy: Record<string, unknown>;
  candidate_pool_size?: number;
  mac_prefix?: string;
  file_storage_dir?: string;
  shared_file_storage_dir?: string;
  default_iallocator?: string;
  modify_etc_hosts: boolean;
  modify_ssh_setup: boolean;
  secondary_ip?: string;
  vg_name?: string;
  prealloc_wipe_disks?: boolean;
  enabled_user_shutdown?: boolean;
  uid_pool?: string;
  maintain_node_health?: boolean;
}
