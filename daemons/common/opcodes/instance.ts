import { defineOpcode } from './define.js';
import { REBOOT_TYPES } from '../reboot-types.js';
import { t } from './schema.js';

const instanceRef = {
  instance_name: t.nonEmpty(),
  instance_uuid: t.str().optional(),
};

export const DiskSpec = t.dict();
export const NicSpec = t.dict();

export const OpInstanceCreate = defineOpcode('OP_INSTANCE_CREATE', {
  instance_name: t.nonEmpty(),
  mode: t.oneOf(['create', 'import', 'remote-import']).default('create'),
  disk_template: t.nonEmpty(),
  disks: t.list(t.dict()).default([]),
  nics: t.list(t.dict()).default([]),
  os_type: t.str().optional(),
  force_variant: t.bool().default(false),
  osparams: t.strDict().default({}),
  osparams_private: t.strDict().optional(),
  osparams_secret: t.strDict().optional(),
  beparams: t.dict().default({}),
  hvparams: t.dict().default({}),
  hypervisor: t.str().optional(),
  pnode: t.str().optional(),
  pnode_uuid: t.str().optional(),
  snode: t.str().optional(),
  snode_uuid: t.str().optional(),
  iallocator: t.str().optional(),
  group_name: t.str().optional(),
  name_check: t.bool().default(true),
  ip_check: t.bool().default(true),
  conflicts_check: t.bool().default(true),
  wait_for_sync: t.bool().default(true),
  ignore_ipolicy: t.bool().default(false),
  opportunistic_locking: t.bool().default(false),
  file_driver: t.oneOf(['loop', 'blktap', 'blktap2']).optional(),
  file_storage_dir: t.str().optional(),
  identify_defaults: t.bool().default(false),
  no_install: t.bool().default(false),
  start: t.bool().default(true),
  src_node: t.str().optional(),
  src_path: t.str().optional(),
  tags: t.list(t.str()).default([]),
  forthcoming: t.bool().default(false),
  commit: t.bool().default(false),
  instance_communication: t.bool().default(false),
  owner: t.str().optional(),
}, { summaryField: 'instance_name' });

export const OpInstanceRemove = defineOpcode('OP_INSTANCE_REMOVE', {
  ...instanceRef,
  shutdown_timeout: t.int(0).default(120),
  ignore_failures: t.bool().default(false),
}, { summaryField: 'instance_name' });

export const OpInstanceStartup = defineOpcode('OP_INSTANCE_STARTUP', {
  ...instanceRef,
  force: t.bool().default(false),
  ignore_offline_nodes: t.bool().default(false),
  hvparams: t.dict().default({}),
  beparams: t.dict().default({}),
  no_remember: t.bool().default(false),
  startup_paused: t.bool().default(false),
  shutdown_timeout: t.int(0).default(120),
}, { summaryField: 'instance_name' });

export const OpInstanceShutdown = defineOpcode('OP_INSTANCE_SHUTDOWN', {
  ...instanceRef,
  force: t.bool().default(false),
  ignore_offline_nodes: t.bool().default(false),
  timeout: t.int(0).default(120),
  shutdown_timeout: t.int(0).optional(),
  no_remember: t.bool().default(false),
  admin_state_source: t.oneOf(['admin', 'user']).optional(),
}, { summaryField: 'instance_name' });

export const OpInstanceReboot = defineOpcode('OP_INSTANCE_REBOOT', {
  ...instanceRef,
  shutdown_timeout: t.int(0).default(120),
  ignore_secondaries: t.bool().default(false),
  reboot_type: t.oneOf(REBOOT_TYPES).default('hard'),
}, { summaryField: 'instance_name' });

export const OpInstanceRename = defineOpcode('OP_INSTANCE_RENAME', {
  ...instanceRef,
  new_name: t.nonEmpty(),
  name_check: t.bool().default(true),
  ip_check: t.bool().default(false),
}, { summaryField: 'instance_name' });

export const OpInstanceReinstall = defineOpcode('OP_INSTANCE_REINSTALL', {
  ...instanceRef,
  os_type: t.str().optional(),
  force_variant: t.bool().default(false),
  osparams: t.strDict().optional(),
  osparams_private: t.strDict().optional(),
  osparams_secret: t.strDict().optional(),
}, { summaryField: 'instance_name' });

export const OpInstanceSetParams = defineOpcode('OP_INSTANCE_SET_PARAMS', {
  ...instanceRef,
  force: t.bool().default(false),
  force_variant: t.bool().default(false),
  ignore_ipolicy: t.bool().default(false),
  nics: t.list(t.any()).default([]),
  disks: t.list(t.any()).default([]),
  beparams: t.dict().default({}),
  runtime_mem: t.int(1).optional(),
  hvparams: t.dict().default({}),
  os_name: t.str().optional(),
  osparams: t.strDict().default({}),
  offline: t.bool().optional(),
  wait_for_sync: t.bool().default(true),
  conflicts_check: t.bool().default(true),
  hotplug: t.bool().default(false),
  owner: t.str().optional(),
}, { summaryField: 'instance_name' });

export const OpInstanceGrowDisk = defineOpcode('OP_INSTANCE_GROW_DISK', {
  ...instanceRef,
  disk: t.int(0),
  amount: t.int(0),
  wait_for_sync: t.bool().default(true),
  absolute: t.bool().default(false),
  ignore_ipolicy: t.bool().default(false),
}, { summaryField: 'instance_name' });

export const OpInstanceActivateDisks = defineOpcode('OP_INSTANCE_ACTIVATE_DISKS', {
  ...instanceRef,
  ignore_size: t.bool().default(false),
  wait_for_sync: t.bool().default(false),
}, { summaryField: 'instance_name' });

export const OpInstanceDeactivateDisks = defineOpcode('OP_INSTANCE_DEACTIVATE_DISKS', {
  ...instanceRef,
  force: t.bool().default(false),
}, { summaryField: 'instance_name' });

export const OpInstanceRecreateDisks = defineOpcode('OP_INSTANCE_RECREATE_DISKS', {
  ...instanceRef,
  disks: t.list(t.any()).default([]),
  nodes: t.list(t.str()).default([]),
  node_uuids: t.list(t.str()).optional(),
  iallocator: t.str().optional(),
}, { summaryField: 'instance_name' });

export const OpInstanceQueryData = defineOpcode('OP_INSTANCE_QUERY_DATA', {
  instances: t.list(t.str()).default([]),
  static: t.bool().default(false),
  use_locking: t.bool().default(false),
});

/** Ganeti's LUInstanceConsole: how to reach a running instance's console (the console dict). */
export const OpInstanceConsole = defineOpcode('OP_INSTANCE_CONSOLE', {
  ...instanceRef,
}, { summaryField: 'instance_name' });

/** Ganeti's LUInstanceFailover: stop on the primary, start on the target (mirrored templates). */
export const OpInstanceFailover = defineOpcode('OP_INSTANCE_FAILOVER', {
  ...instanceRef,
  shutdown_timeout: t.int(0).default(120),
  ignore_consistency: t.bool().default(false),
  target_node: t.str().optional(),
  target_node_uuid: t.str().optional(),
  iallocator: t.str().optional(),
  ignore_ipolicy: t.bool().default(false),
  cleanup: t.bool().default(false),
}, { summaryField: 'instance_name' });

/** Ganeti's LUInstanceMigrate: move a running instance to the target without stopping it. */
export const OpInstanceMigrate = defineOpcode('OP_INSTANCE_MIGRATE', {
  ...instanceRef,
  mode: t.oneOf(['live', 'non-live']).optional(),
  live: t.bool().optional(),
  target_node: t.str().optional(),
  target_node_uuid: t.str().optional(),
  iallocator: t.str().optional(),
  cleanup: t.bool().default(false),
  allow_failover: t.bool().default(false),
  ignore_ipolicy: t.bool().default(false),
  allow_runtime_changes: t.bool().default(true),
  ignore_hvversions: t.bool().default(false),
}, { summaryField: 'instance_name' });

/**
 * Ganeti's LUInstanceReplaceDisks (DRBD: rebuild a disk on the same or a new secondary).
 * Defined so that clients build it like every opcode; this master has no logical unit for
 * it yet and answers OpCodeUnknown when the job runs.
 */
export const OpInstanceReplaceDisks = defineOpcode('OP_INSTANCE_REPLACE_DISKS', {
  ...instanceRef,
  mode: t.oneOf(['replace_on_primary', 'replace_on_secondary', 'replace_new_secondary', 'replace_auto']),
  disks: t.list(t.int(0)).default([]),
  remote_node: t.str().optional(),
  remote_node_uuid: t.str().optional(),
  iallocator: t.str().optional(),
  early_release: t.bool().default(false),
  ignore_ipolicy: t.bool().default(false),
}, { summaryField: 'instance_name' });

/** Ganeti's LUInstanceMove (copy a non-mirrored instance's disks to another node). */
export const OpInstanceMove = defineOpcode('OP_INSTANCE_MOVE', {
  ...instanceRef,
  target_node: t.nonEmpty(),
  target_node_uuid: t.str().optional(),
  shutdown_timeout: t.int(0).default(120),
  ignore_consistency: t.bool().default(false),
  compress: t.str().default('none'),
  ignore_ipolicy: t.bool().default(false),
}, { summaryField: 'instance_name' });

// ---- The VM life cycle (issue 13): suspend/resume, pause/continue, snapshots, save-as ----
export const OpInstanceSuspend = defineOpcode('OP_INSTANCE_SUSPEND', { ...instanceRef }, { summaryField: 'instance_name' });
export const OpInstanceResume = defineOpcode('OP_INSTANCE_RESUME', { ...instanceRef }, { summaryField: 'instance_name' });
export const OpInstancePause = defineOpcode('OP_INSTANCE_PAUSE', { ...instanceRef }, { summaryField: 'instance_name' });
export const OpInstanceContinue = defineOpcode('OP_INSTANCE_CONTINUE', { ...instanceRef }, { summaryField: 'instance_name' });
export const OpInstanceSnapshot = defineOpcode('OP_INSTANCE_SNAPSHOT', {
  ...instanceRef,
  snapshot_name: t.str().optional(),
  memory: t.bool().default(false),
}, { summaryField: 'instance_name' });
export const OpInstanceSnapshotRevert = defineOpcode('OP_INSTANCE_SNAPSHOT_REVERT', {
  ...instanceRef,
  snapshot_name: t.nonEmpty(),
  force: t.bool().default(false),
  shutdown_timeout: t.int(0).default(120),
}, { summaryField: 'instance_name' });
export const OpInstanceSnapshotDelete = defineOpcode('OP_INSTANCE_SNAPSHOT_DELETE', {
  ...instanceRef,
  snapshot_name: t.nonEmpty(),
}, { summaryField: 'instance_name' });
export const OpInstanceSaveAs = defineOpcode('OP_INSTANCE_SAVE_AS', {
  ...instanceRef,
  disk: t.int(0).default(0),
  snapshot_name: t.str().optional(),
  image_path: t.nonEmpty(),
}, { summaryField: 'instance_name' });

/** Ganeti's LUInstanceChangeGroup: the allocator plans the move to another node group; the
 * moves run as the jobs it creates (the opcode's result lists them). */
export const OpInstanceChangeGroup = defineOpcode('OP_INSTANCE_CHANGE_GROUP', {
  ...instanceRef,
  early_release: t.bool().default(false),
  iallocator: t.str().optional(),
  target_groups: t.list(t.nonEmpty()).optional(),
}, { summaryField: 'instance_name' });

/** Ganeti's LUInstanceMultiAlloc: places several new instances in one allocator request
 * (multi-allocate) and creates each in a job of its own; the result names the instances
 * that could be placed (`allocatable`) and those that could not (`failed`), with the jobs. */
export const OpInstanceMultiAlloc = defineOpcode('OP_INSTANCE_MULTI_ALLOC', {
  instances: t.list(t.dict()).default([]),
  iallocator: t.str().optional(),
  opportunistic_locking: t.bool().default(false),
});
