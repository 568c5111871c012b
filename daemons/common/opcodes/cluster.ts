import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpClusterPostInit = defineOpcode('OP_CLUSTER_POST_INIT', {});
export const OpClusterDestroy = defineOpcode('OP_CLUSTER_DESTROY', {});
export const OpClusterRedistConf = defineOpcode('OP_CLUSTER_REDIST_CONF', {});
// gnt-cluster renew-crypto. node_certificates is Ganeti's; cluster_certificate (a new cluster
// CA, rolled out without downtime) is ours, since Ganeti renews its cluster certificate in
// the client. SSH keys are not managed by this implementation (refused when asked).
export const OpClusterRenewCrypto = defineOpcode('OP_CLUSTER_RENEW_CRYPTO', {
  node_certificates: t.bool().default(false),
  cluster_certificate: t.bool().default(false),
  renew_ssh_keys: t.bool().default(false),
  ssh_key_type: t.str().optional(),
  ssh_key_bits: t.int(0).optional(),
  verbose: t.bool().default(false),
  debug: t.bool().default(false),
  // gnt-cluster renew-crypto --new-rapi-certificate / --rapi-certificate FILE (its content,
  // certificate and key in PEM). Ganeti does these in the client; here the master writes
  // rapi.pem and copies it to every master candidate.
  new_rapi_certificate: t.bool().default(false),
  rapi_certificate_pem: t.str().optional(),
});

const verifyCommon = {
  debug_simulate_errors: t.bool().default(false),
  error_codes: t.bool().default(false),
  ignore_errors: t.list(t.str()).default([]),
  verbose: t.bool().default(false),
};

export const OpClusterVerifyConfig = defineOpcode('OP_CLUSTER_VERIFY_CONFIG', verifyCommon);
export const OpClusterVerifyGroup = defineOpcode('OP_CLUSTER_VERIFY_GROUP', {
  ...verifyCommon,
  group_name: t.nonEmpty(),
  skip_checks: t.list(t.str()).default([]),
  verify_clutter: t.bool().default(false),
}, { summaryField: 'group_name' });

// Ganeti's OpGroupVerifyDisks (per-group `gnt-cluster verify-disks`; ganeti-watcher runs it
// at low priority). Result: [node errors {node: msg}, instances with offline disks, missing {}].
export const OpGroupVerifyDisks = defineOpcode('OP_GROUP_VERIFY_DISKS', {
  group_name: t.nonEmpty(),
  is_strict: t.bool().default(true),
}, { summaryField: 'group_name' });

export const OpClusterSetParams = defineOpcode('OP_CLUSTER_SET_PARAMS', {
  force: t.bool().default(false),
  enabled_hypervisors: t.list(t.str()).optional(),
  hvparams: t.dict().optional(),
  beparams: t.dict().optional(),
  nicparams: t.dict().optional(),
  ndparams: t.dict().optional(),
  diskparams: t.dict().optional(),
  osparams: t.dict().optional(),
  ipolicy: t.dict().optional(),
  candidate_pool_size: t.int(1).optional(),
  max_running_jobs: t.int(1).optional(),
  max_tracked_jobs: t.int(1).optional(),
  default_iallocator: t.str().optional(),
  mac_prefix: t.str().optional(),
  master_netdev: t.str().optional(),
  enabled_disk_templates: t.list(t.str()).optional(),
  file_storage_dir: t.str().optional(),
  shared_file_storage_dir: t.str().optional(),
  maintain_node_health: t.bool().optional(),
  prealloc_wipe_disks: t.bool().optional(),
  enabled_user_shutdown: t.bool().optional(),
  hidden_os: t.list(t.list(t.str())).optional(),
  blacklisted_os: t.list(t.list(t.str())).optional(),
  os_hvp: t.dict().optional(),
  install_image: t.str().optional(),
  zeroing_image: t.str().optional(),
  compression_tools: t.list(t.str()).optional(),
  instance_communication_network: t.str().optional(),
  use_external_mip_script: t.bool().optional(),
});

export const OpTestDelay = defineOpcode('OP_TEST_DELAY', {
  duration: t.num(0),
  on_master: t.bool().default(true),
  on_nodes: t.list(t.str()).default([]),
  on_node_uuids: t.list(t.str()).optional(),
  repeat: t.int(0).default(0),
  interruptible: t.bool().default(false),
  no_locks: t.bool().default(true),
});

export const OpOsDiagnose = defineOpcode('OP_OS_DIAGNOSE', {
  output_fields: t.list(t.str()),
  names: t.list(t.str()).default([]),
});

// ---- The master IP (issue 9): Ganeti's LUClusterActivateMasterIp / LUClusterDeactivateMasterIp ----
export const OpClusterActivateMasterIp = defineOpcode('OP_CLUSTER_ACTIVATE_MASTER_IP', {});
export const OpClusterDeactivateMasterIp = defineOpcode('OP_CLUSTER_DEACTIVATE_MASTER_IP', {});
/** Ganeti's LUClusterRepairDiskSizes: the recorded disk sizes follow what the nodes report. */
export const OpClusterRepairDiskSizes = defineOpcode('OP_CLUSTER_REPAIR_DISK_SIZES', {
  instances: t.list(t.nonEmpty()).default([]),
});

// gnt-cluster rename NEW_NAME (LUClusterRename): the name must resolve; its address becomes the
// master IP (moved: down on the old address, up on the new one). Result: the new name.
export const OpClusterRename = defineOpcode('OP_CLUSTER_RENAME', { name: t.nonEmpty() }, { summaryField: 'name' });
