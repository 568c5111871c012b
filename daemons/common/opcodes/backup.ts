// Backups (Ganeti's OP_BACKUP_*): exports of an instance to a node, their listing and removal.
// Imports are OP_INSTANCE_CREATE with mode=import (src_node, src_path), as in Ganeti.
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpBackupQuery = defineOpcode('OP_BACKUP_QUERY', {
  nodes: t.list(t.str()).default([]),
  use_locking: t.bool().default(false),
});

export const OpBackupExport = defineOpcode('OP_BACKUP_EXPORT', {
  instance_name: t.nonEmpty(),
  instance_uuid: t.str().optional(),
  target_node: t.nonEmpty(),
  target_node_uuid: t.str().optional(),
  mode: t.oneOf(['local', 'remote']).default('local'),
  shutdown: t.bool().default(true),
  shutdown_timeout: t.int(0).default(120),
  remove_instance: t.bool().default(false),
  ignore_remove_failures: t.bool().default(false),
  compress: t.str().default('none'),
}, { summaryField: 'instance_name' });

export const OpBackupRemove = defineOpcode('OP_BACKUP_REMOVE', {
  instance_name: t.nonEmpty(),
  instance_uuid: t.str().optional(),
}, { summaryField: 'instance_name' });
