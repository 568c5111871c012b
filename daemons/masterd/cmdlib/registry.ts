// Opcode id -> logical unit, listed explicitly (STYLE: registries, not switches).
import type { LuClass } from './logical-unit.js';
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
import { LUInstanceFailover } from './instance/failover.js';
import { LUInstanceMigrate } from './instance/migrate.js';

const LUS: Record<string, LuClass> = {
  OP_CLUSTER_POST_INIT: LUClusterPostInit as unknown as LuClass,
  OP_CLUSTER_REDIST_CONF: LUClusterRedistConf as unknown as LuClass,
  OP_CLUSTER_VERIFY_CONFIG: LUClusterVerifyConfig as unknown as LuClass,
  OP_CLUSTER_VERIFY_GROUP: LUClusterVerifyGroup as unknown as LuClass,
  OP_GROUP_VERIFY_DISKS: LUGroupVerifyDisks as unknown as LuClass,
  OP_CLUSTER_SET_PARAMS: LUClusterSetParams as unknown as LuClass,
  OP_CLUSTER_RENEW_CRYPTO: LUClusterRenewCrypto as unknown as LuClass,
  OP_NODE_ADD: LUNodeAdd as unknown as LuClass,
  OP_NODE_REMOVE: LUNodeRemove as unknown as LuClass,
  OP_NODE_SET_PARAMS: LUNodeSetParams as unknown as LuClass,
  OP_INSTANCE_CREATE: LUInstanceCreate as unknown as LuClass,
  OP_INSTANCE_REMOVE: LUInstanceRemove as unknown as LuClass,
  OP_INSTANCE_STARTUP: LUInstanceStartup as unknown as LuClass,
  OP_INSTANCE_SHUTDOWN: LUInstanceShutdown as unknown as LuClass,
  OP_INSTANCE_REBOOT: LUInstanceReboot as unknown as LuClass,
  OP_INSTANCE_RENAME: LUInstanceRename as unknown as LuClass,
  OP_INSTANCE_REINSTALL: LUInstanceReinstall as unknown as LuClass,
  OP_INSTANCE_SET_PARAMS: LUInstanceSetParams as unknown as LuClass,
  OP_INSTANCE_GROW_DISK: LUInstanceGrowDisk as unknown as LuClass,
  OP_INSTANCE_ACTIVATE_DISKS: LUInstanceActivateDisks as unknown as LuClass,
  OP_INSTANCE_DEACTIVATE_DISKS: LUInstanceDeactivateDisks as unknown as LuClass,
  OP_INSTANCE_RECREATE_DISKS: LUInstanceRecreateDisks as unknown as LuClass,
  OP_NODE_QUERYVOLS: LUNodeQueryvols as unknown as LuClass,
  OP_NODE_QUERY_STORAGE: LUNodeQueryStorage as unknown as LuClass,
  OP_INSTANCE_QUERY_DATA: LUInstanceQueryData as unknown as LuClass,
  OP_INSTANCE_CONSOLE: LUInstanceConsole as unknown as LuClass,
  OP_TEST_DELAY: LUTestDelay as unknown as LuClass,
  OP_INSTANCE_FAILOVER: LUInstanceFailover as unknown as LuClass,
  OP_INSTANCE_MIGRATE: LUInstanceMigrate as unknown as LuClass,
};

export function getLogicalUnit(opId: string): LuClass | undefined { return LUS[opId]; }
