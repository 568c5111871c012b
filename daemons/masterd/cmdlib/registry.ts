// Opcode -> logical unit, listed explicitly (STYLE: registries, not switches). Each entry
// pairs an opcode definition with the LU written for that opcode's type, so the compiler
// checks the pairing; the opcode is re-validated against its own definition when the LU
// is made (cheap, and it is what gives the LU its typed opcode without a cast).
import type { Opcode, OpcodeDef, Shape } from '../../common/opcodes/index.js';
import {
  OpClusterPostInit, OpClusterRedistConf, OpClusterRenewCrypto, OpClusterSetParams, OpClusterVerifyConfig, OpClusterVerifyGroup, OpGroupVerifyDisks, OpInstanceActivateDisks, OpInstanceConsole, OpInstanceCreate, OpInstanceDeactivateDisks, OpInstanceFailover, OpInstanceGrowDisk, OpInstanceMigrate, OpInstanceQueryData, OpInstanceReboot, OpInstanceRecreateDisks, OpInstanceReinstall, OpInstanceRemove, OpInstanceRename, OpInstanceSetParams, OpInstanceShutdown, OpInstanceStartup, OpNodeAdd, OpNodeQueryStorage, OpNodeQueryvols, OpNodeRemove, OpNodeSetParams, OpTestDelay,
} from '../../common/opcodes/index.js';
import { OpOobCommand, OpRestrictedCommand } from '../../common/opcodes/index.js';
import type { LogicalUnit, LuRuntime } from './logical-unit.js';
import { LUClusterPostInit, LUClusterRedistConf } from './cluster/misc.js';
import { LUClusterVerifyConfig } from './cluster/verify-config.js';
import { LUClusterVerifyGroup } from './cluster/verify-group.js';
import { LUGroupVerifyDisks } from './cluster/verify-disks.js';
import { LUClusterSetParams } from './cluster/set-params.js';
import { LUClusterRenewCrypto } from './cluster/renew-crypto.js';
import { LUNodeAdd } from './node/add.js';
import { LUNodeRemove } from './node/remove.js';
import { LUNodeSetParams } from './node/set-params.js';
import { LUInstanceCreate } from './instance/create.js';
import { LUInstanceRemove } from './instance/remove.js';
import { LUInstanceStartup } from './instance/startup.js';
import { LUInstanceShutdown } from './instance/shutdown.js';
import { LUInstanceReboot } from './instance/reboot.js';
import { LUInstanceRename } from './instance/rename.js';
import { LUInstanceReinstall } from './instance/reinstall.js';
import { LUInstanceSetParams } from './instance/set-params.js';
import { LUInstanceGrowDisk } from './instance/grow-disk.js';
import { LUInstanceActivateDisks } from './instance/activate-disks.js';
import { LUInstanceDeactivateDisks } from './instance/deactivate-disks.js';
import { LUInstanceRecreateDisks } from './instance/recreate-disks.js';
import { LUNodeQueryvols } from './node/volumes.js';
import { LUNodeQueryStorage } from './node/storage.js';
import { LUInstanceQueryData } from './instance/query-data.js';
import { LUInstanceConsole } from './instance/console.js';
import { LUTestDelay } from './test/delay.js';
import { LUTestAllocator } from './test/allocator.js';
import { OpTestAllocator } from '../../common/opcodes/index.js';
import { LUInstanceFailover } from './instance/failover.js';
import { LUInstanceMigrate } from './instance/migrate.js';
import { OpGroupAdd, OpGroupAssignNodes, OpGroupRemove, OpGroupRename, OpGroupSetParams } from '../../common/opcodes/group.js';
import { OpTagsDel, OpTagsGet, OpTagsSearch, OpTagsSet } from '../../common/opcodes/tags.js';
import { LUGroupAdd } from './group/add.js';
import { LUGroupAssignNodes } from './group/assign-nodes.js';
import { LUGroupRemove, LUGroupRename } from './group/remove.js';
import { OpGroupEvacuate } from '../../common/opcodes/group.js';
import { OpInstanceChangeGroup } from '../../common/opcodes/instance.js';
import { LUGroupEvacuate } from './group/evacuate.js';
import { LUInstanceChangeGroup } from './instance/change-group.js';
import { OpNetworkRename } from '../../common/opcodes/network.js';
import { LUNetworkRename } from './network/rename.js';
import { OpClusterRepairDiskSizes } from '../../common/opcodes/cluster.js';
import { LUClusterRepairDiskSizes } from './cluster/repair-disk-sizes.js';
import { OpTestOsParams } from '../../common/opcodes/test.js';
import { LUTestOsParams } from './test/os-params.js';
import { LUGroupSetParams } from './group/set-params.js';
import { LUTagsGet, LUTagsSearch } from './tags/query.js';
import { LUTagsDel, LUTagsSet } from './tags/modify.js';
import { OpFilterDelete, OpFilterSet } from '../../common/opcodes/filter.js';
import { LUFilterDelete, LUFilterSet } from './filter/set.js';
import { OpNetworkAdd, OpNetworkConnect, OpNetworkDisconnect, OpNetworkRemove, OpNetworkSetParams } from '../../common/opcodes/network.js';
import { LUNetworkAdd, LUNetworkRemove } from './network/add.js';
import { LUNetworkConnect, LUNetworkDisconnect } from './network/connect.js';
import { LUNetworkSetParams } from './network/set-params.js';
import { OpExtStorageDiagnose } from '../../common/opcodes/storage.js';
import { LUExtStorageDiagnose } from './storage/ext-diagnose.js';
import { OpTestJqueue } from '../../common/opcodes/test.js';
import { LUTestJqueue } from './test/jqueue.js';
import { LUInstanceContinue, LUInstancePause, LUInstanceResume, LUInstanceSuspend } from './instance/suspend.js';
import { LUInstanceSaveAs, LUInstanceSnapshot, LUInstanceSnapshotDelete, LUInstanceSnapshotRevert } from './instance/snapshot.js';
import { LUBackupExport } from './backup/export.js';
import { LUBackupQuery } from './backup/query.js';
import { LUBackupRemove } from './backup/remove.js';
import {
  OpBackupExport, OpBackupQuery, OpBackupRemove, OpInstanceContinue, OpInstancePause, OpInstanceResume, OpInstanceSaveAs,
  OpInstanceSnapshot, OpInstanceSnapshotDelete, OpInstanceSnapshotRevert, OpInstanceSuspend,
} from '../../common/opcodes/index.js';
import { OpInstanceMove } from '../../common/opcodes/index.js';
import { LUInstanceMove } from './instance/move.js';
import { OpNodeEvacuate, OpNodeMigrate } from '../../common/opcodes/node.js';
import { LUNodeEvacuate, LUNodeMigrate } from './node/evacuate.js';
import { OpClusterActivateMasterIp, OpClusterDeactivateMasterIp } from '../../common/opcodes/cluster.js';
import { LUClusterActivateMasterIp, LUClusterDeactivateMasterIp } from './cluster/master-ip.js';
import { OpClusterDestroy, OpClusterRename } from '../../common/opcodes/cluster.js';
import { LUClusterDestroy } from './cluster/destroy.js';
import { LUClusterRename } from './cluster/rename.js';
import { OpInstanceMultiAlloc } from '../../common/opcodes/instance.js';
import { LUInstanceMultiAlloc } from './instance/multi-alloc.js';
import { LUOobCommand } from './oob/command.js';
import { LURestrictedCommand } from './node/restricted-command.js';


type LuFactory = (op: Opcode, rt: LuRuntime) => LogicalUnit;

function lu<S extends Shape>(def: OpcodeDef<S>, Lu: new (op: Opcode<S>, rt: LuRuntime) => LogicalUnit<Opcode<S>>): [string, LuFactory] {
  return [def.id, (op, rt) => new Lu(def.validate(op), rt)];
}

const LUS = new Map<string, LuFactory>([
  lu(OpClusterPostInit, LUClusterPostInit),
  lu(OpClusterRedistConf, LUClusterRedistConf),
  lu(OpClusterVerifyConfig, LUClusterVerifyConfig),
  lu(OpClusterVerifyGroup, LUClusterVerifyGroup),
  lu(OpGroupVerifyDisks, LUGroupVerifyDisks),
  lu(OpClusterSetParams, LUClusterSetParams),
  lu(OpClusterRenewCrypto, LUClusterRenewCrypto),
  lu(OpNodeAdd, LUNodeAdd),
  lu(OpNodeRemove, LUNodeRemove),
  lu(OpNodeSetParams, LUNodeSetParams),
  lu(OpInstanceCreate, LUInstanceCreate),
  lu(OpInstanceRemove, LUInstanceRemove),
  lu(OpInstanceStartup, LUInstanceStartup),
  lu(OpInstanceShutdown, LUInstanceShutdown),
  lu(OpInstanceReboot, LUInstanceReboot),
  lu(OpInstanceRename, LUInstanceRename),
  lu(OpInstanceReinstall, LUInstanceReinstall),
  lu(OpInstanceSetParams, LUInstanceSetParams),
  lu(OpInstanceGrowDisk, LUInstanceGrowDisk),
  lu(OpInstanceActivateDisks, LUInstanceActivateDisks),
  lu(OpInstanceDeactivateDisks, LUInstanceDeactivateDisks),
  lu(OpInstanceRecreateDisks, LUInstanceRecreateDisks),
  lu(OpNodeQueryvols, LUNodeQueryvols),
  lu(OpNodeQueryStorage, LUNodeQueryStorage),
  lu(OpInstanceQueryData, LUInstanceQueryData),
  lu(OpInstanceConsole, LUInstanceConsole),
  lu(OpTestDelay, LUTestDelay),
  lu(OpTestAllocator, LUTestAllocator),
  lu(OpInstanceFailover, LUInstanceFailover),
  lu(OpInstanceMigrate, LUInstanceMigrate),
  lu(OpGroupAdd, LUGroupAdd),
  lu(OpGroupAssignNodes, LUGroupAssignNodes),
  lu(OpGroupSetParams, LUGroupSetParams),
  lu(OpGroupRemove, LUGroupRemove),
  lu(OpGroupRename, LUGroupRename),
  lu(OpTagsGet, LUTagsGet),
  lu(OpTagsSearch, LUTagsSearch),
  lu(OpTagsSet, LUTagsSet),
  lu(OpTagsDel, LUTagsDel),
  lu(OpFilterSet, LUFilterSet),
  lu(OpFilterDelete, LUFilterDelete),
  lu(OpNetworkAdd, LUNetworkAdd),
  lu(OpNetworkRemove, LUNetworkRemove),
  lu(OpNetworkSetParams, LUNetworkSetParams),
  lu(OpNetworkConnect, LUNetworkConnect),
  lu(OpNetworkDisconnect, LUNetworkDisconnect),
  lu(OpExtStorageDiagnose, LUExtStorageDiagnose),
  lu(OpTestJqueue, LUTestJqueue),
  lu(OpInstanceSuspend, LUInstanceSuspend),
  lu(OpInstanceResume, LUInstanceResume),
  lu(OpInstancePause, LUInstancePause),
  lu(OpInstanceContinue, LUInstanceContinue),
  lu(OpInstanceSnapshot, LUInstanceSnapshot),
  lu(OpInstanceSnapshotRevert, LUInstanceSnapshotRevert),
  lu(OpInstanceSnapshotDelete, LUInstanceSnapshotDelete),
  lu(OpInstanceSaveAs, LUInstanceSaveAs),
  lu(OpBackupExport, LUBackupExport),
  lu(OpBackupQuery, LUBackupQuery),
  lu(OpBackupRemove, LUBackupRemove),
  lu(OpInstanceMove, LUInstanceMove),
  lu(OpNodeMigrate, LUNodeMigrate),
  lu(OpNodeEvacuate, LUNodeEvacuate),
  lu(OpClusterActivateMasterIp, LUClusterActivateMasterIp),
  lu(OpClusterDeactivateMasterIp, LUClusterDeactivateMasterIp),
  lu(OpInstanceChangeGroup, LUInstanceChangeGroup),
  lu(OpGroupEvacuate, LUGroupEvacuate),
  lu(OpNetworkRename, LUNetworkRename),
  lu(OpClusterRepairDiskSizes, LUClusterRepairDiskSizes),
  lu(OpTestOsParams, LUTestOsParams),
  lu(OpClusterRename, LUClusterRename),
  lu(OpClusterDestroy, LUClusterDestroy),
  lu(OpInstanceMultiAlloc, LUInstanceMultiAlloc),
  lu(OpOobCommand, LUOobCommand),
  lu(OpRestrictedCommand, LURestrictedCommand),
]);

export { checkRefusedFields } from './field-policy.js';

/** Whether this master can run the opcode (a defined opcode may still lack its logical unit). */
export function hasLogicalUnit(opId: string): boolean { return LUS.has(opId); }

/** The logical unit for an (already validated) opcode, or undefined when none is registered. */
export function createLogicalUnit(op: Opcode, rt: LuRuntime): LogicalUnit | undefined {
  return LUS.get(op.OP_ID)?.(op, rt);
}

/** Opcode ids that have a logical unit. */
export function registeredOpcodes(): string[] { return [...LUS.keys()]; }
