// What every part of the master shares: built once in main.ts (or by a test) and passed down.
import type { Logger } from '../common/log.js';
import type { Paths } from '../common/paths.js';
import type { ConfigStore } from './config/config-store.js';
import type { LockManager } from './locking/lock-manager.js';
import type { NodeRpc } from './rpc/node-rpc.js';
import type { CapacityTracker } from './capacity.js';
import type { Replicator } from './distribution/replicate.js';
import type { RpcCache } from './rpc/cached-rpc.js';
import type { TaggedInstanceLists } from './rpc/tagged-lists.js';

export interface MasterContext {
  readonly paths: Paths;
  readonly cfg: ConfigStore;
  readonly rpc: NodeRpc;
  readonly locks: LockManager;
  readonly capacity: CapacityTracker;
  readonly replicator: Replicator;
  /** Node totals and OS lists, cached for a few seconds (see cached-rpc.ts). */
  readonly rpcCache: RpcCache;
  /** The nodes' instance lists, asked by tag (tagged-lists.ts): for queries and for what
   * opcodes check runs, so a node whose instances did not change sends its tag alone. */
  readonly instanceLists: TaggedInstanceLists;
  readonly log: Logger;
}
