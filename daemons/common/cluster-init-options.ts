// What `gnt-cluster init` asks the bootstrap for (Ganeti's InitCluster arguments): the CLI
// builds it from its options and hands it, as JSON on stdin, to the ganeti-cluster-init
// program, which checks every value against the master's schemas before creating anything.
// Parameter dicts travel as the user's strings.
import type { EncodedError } from './errors.js';

export interface InitClusterOptions {
  cluster_name: string;
  master_netdev: string;
  master_netmask?: number;
  use_external_mip_script?: boolean;
  enabled_hypervisors: string[];
  enabled_disk_templates: string[];
  hvparams: Record<string, Record<string, string>>;
  beparams: Record<string, string>;
  nicparams: Record<string, string>;
  ndparams: Record<string, string>;
  diskparams: Record<string, Record<string, string>>;
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

/**
 * What ganeti-cluster-init writes on stdout, one JSON object per line: feedback for the user
 * while it works, then exactly one outcome (the error keeps its class and ecode, so that the
 * CLI reports it and exits as it would for the same error from the master).
 */
export type InitProgramMessage = { feedback: string } | { ok: true } | { error: EncodedError };

export const INIT_PROGRAM = 'ganeti-cluster-init';
