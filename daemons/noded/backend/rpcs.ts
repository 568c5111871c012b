// Every node RPC's backend function, by NodeDaemon method name: the one table noded serves
// (service.ts wraps each entry generically). Adding an RPC = its rpc line in node.proto,
// its backend function (request checks first, for this node's own safety), and one line
// here; the compiler names a method of the proto that has no line.
import type { NodeBackend } from './rpc-types.js';
import * as blockdev from './blockdev.js';
import * as files from './files.js';
import * as instance from './instance.js';
import * as masterRole from './master-role.js';
import * as migration from './migration.js';
import * as node from './node.js';
import * as lifecycle from './lifecycle.js';
import * as backup from './export.js';
import * as os from './os-rpc.js';
import * as masterIp from './master-ip.js';
import * as clusterCommand from './cluster-command.js';
import * as configCopy from './config-copy.js';
import * as oob from './oob.js';
import * as restricted from './restricted-commands.js';
import * as pullGrant from './pull-grant.js';
import * as queueReplica from './queue-replica.js';

export const NODE_BACKEND: NodeBackend = {
  Version: node.version,
  NodeInfo: node.nodeInfo,
  NodeVerify: node.nodeVerify,
  NodeLeaveCluster: node.leaveCluster,
  TestDelay: node.testDelay,

  InstanceList: instance.instanceList,
  InstanceInfo: instance.instanceInfo,
  InstanceStart: instance.instanceStart,
  InstanceShutdown: instance.instanceShutdown,
  InstanceReboot: instance.instanceReboot,

  InstanceOsAdd: os.osAdd,
  InstanceOsRename: os.osRename,
  OsDiagnose: os.osDiagnose,
  OsValidate: os.osValidate,

  BlockdevCreate: blockdev.blockdevCreate,
  BlockdevRemove: blockdev.blockdevRemove,
  BlockdevRename: blockdev.blockdevRename,
  BlockdevAssemble: blockdev.blockdevAssemble,
  BlockdevShutdown: blockdev.blockdevShutdown,
  BlockdevGrow: blockdev.blockdevGrow,
  BlockdevSnapshot: blockdev.blockdevSnapshot,
  BlockdevResetOverlay: blockdev.blockdevResetOverlay,
  NodeVolumes: blockdev.nodeVolumes,
  StorageList: blockdev.storageList,
  ExtStorageDiagnose: blockdev.extStorageDiagnose,

  UploadFile: files.uploadFile,
  WriteSsconfFiles: files.writeSsconfFiles,
  ReadClusterConfig: files.readClusterConfig,

  MigrationInfo: migration.migrationInfo,
  AcceptInstance: migration.acceptInstance,
  InstanceMigrate: migration.instanceMigrate,
  InstanceGetMigrationStatus: migration.migrationStatus,
  InstanceFinalizeMigrationDst: migration.finalizeMigrationDst,
  InstanceFinalizeMigrationSrc: migration.finalizeMigrationSrc,

  MasterInfo: masterRole.masterInfo,
  NodeStopMaster: masterRole.nodeStopMaster,
  ReadJobQueue: masterRole.readJobQueue,
  InstanceSuspend: lifecycle.instanceSuspend,
  InstanceResume: lifecycle.instanceResume,
  InstancePause: lifecycle.instancePause,
  InstanceContinue: lifecycle.instanceContinue,
  InstanceSnapshotDisks: lifecycle.instanceSnapshotDisks,
  BlockdevRevert: lifecycle.blockdevRevert,
  BlockdevSaveAs: lifecycle.blockdevSaveAs,
  ExportPrepare: backup.exportPrepare,
  ExportReadChunk: backup.exportReadChunk,
  ExportPull: backup.exportPull,
  ExportFinalize: backup.exportFinalize,
  ExportRemove: backup.exportRemove,
  ExportList: backup.exportList,
  ExportInfo: backup.exportInfo,
  NodeActivateMasterIp: masterIp.nodeActivateMasterIp,
  NodeDeactivateMasterIp: masterIp.nodeDeactivateMasterIp,
  BlockdevGetDimensions: blockdev.blockdevGetDimensions,
  InstanceStateRemove: lifecycle.instanceStateRemove,
  NodeRunCommand: clusterCommand.nodeRunCommand,
  NodeCopyFile: clusterCommand.nodeCopyFile,
  UploadConfigDeltas: configCopy.uploadConfigDeltas,
  RunOob: oob.runOob,
  RestrictedCommand: (ctx, req, signal) => restricted.restrictedCommand(ctx, req, signal),
  ExportGrantPull: pullGrant.exportGrantPull,
  JobQueueUpdate: queueReplica.jobQueueUpdate,
  InstanceListTagged: instance.instanceListTagged,
};
