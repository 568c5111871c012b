// Every import the LU test seam takes from daemons/, in one place: when masterd internals
// move (cmdlib/common.ts, capacity.ts, the op context), only these paths change.
export { ConfigStore } from '../../../../daemons/masterd/config/config-store.js';
export { FileAdapter } from '../../../../daemons/masterd/config/file-adapter.js';
export { LockManager } from '../../../../daemons/masterd/locking/lock-manager.js';
export { CapacityTracker } from '../../../../daemons/masterd/capacity.js';
export { RpcCache } from '../../../../daemons/masterd/rpc/cached-rpc.js';
export { TaggedInstanceLists } from '../../../../daemons/masterd/rpc/tagged-lists.js';
export { RpcResult } from '../../../../daemons/masterd/rpc/rpc-result.js';
export { makeExecutor } from '../../../../daemons/masterd/processor.js';
export type { OpContext } from '../../../../daemons/masterd/jqueue/types.js';
export type { MasterContext } from '../../../../daemons/masterd/context.js';
export type { Replicator } from '../../../../daemons/masterd/distribution/replicate.js';
export type { CallOptions, NodeMethod, NodeMethods, NodeRpc, NodeTarget } from '../../../../daemons/masterd/rpc/node-rpc.js';
export { validateOpcode } from '../../../../daemons/common/opcodes/index.js';
export { resolvePaths } from '../../../../daemons/common/paths.js';
export { nullLogger } from '../../../../daemons/common/log.js';
export { GanetiError, NodeUnreachableError, OpExecError, OpPrereqError, ParameterError } from '../../../../daemons/common/errors.js';
export { LockLevel } from '../../../../daemons/common/constants.js';
export type { ClusterConfig, Disk, Instance, Node } from '../../../../daemons/common/objects.js';
export type { NodeInfoResponse__Output } from '../../../../proto/generated/ganeti/NodeInfoResponse.js';
export type { InstanceRuntime__Output } from '../../../../proto/generated/ganeti/InstanceRuntime.js';
export { PROTOCOL_VERSION, SOFTWARE_VERSION } from '../../../../daemons/common/constants.js';

// The request and answer types of one node RPC method (the table's shape may change).
import type { NodeMethod as M_, NodeMethods as T_ } from '../../../../daemons/masterd/rpc/node-rpc.js';
export type RpcRequest<M extends M_> = T_[M][0];
export type RpcAnswer<M extends M_> = T_[M][1];
