// Ganeti's constant strings, as const objects.
export const SOFTWARE_VERSION = '3.0.2-ts0.1';
export const PROTOCOL_VERSION = 3000002;
export const CONFIG_VERSION = 3000000;
export const NODED_PORT = 1811;
export const RAPI_PORT = 5080;

// Hypervisors and disk templates are not listed here: each driver declares itself in a
// descriptor (daemons/hypervisor/descriptors.ts, daemons/storage/descriptors.ts).


export const JobStatus = {
  Queued: 'queued', Waiting: 'waiting', Canceling: 'canceling', Running: 'running',
  Canceled: 'canceled', Success: 'success', Error: 'error',
} as const;
export type JobStatus = (typeof JobStatus)[keyof typeof JobStatus];
export const FINALIZED_STATUSES: readonly JobStatus[] = ['canceled', 'success', 'error'];
export const PENDING_STATUSES: readonly JobStatus[] = ['queued', 'waiting', 'canceling'];

export const Priority = { High: -10, Normal: 0, Low: 10, Min: -20, Max: 19 } as const;
export const PRIORITY_NAMES: Record<string, number> = { low: 10, normal: 0, high: -10 };

export const AdminState = { Up: 'up', Down: 'down', Offline: 'offline', Suspended: 'suspended' } as const;
export type AdminState = (typeof AdminState)[keyof typeof AdminState];

export const InstanceStatus = {
  Running: 'running', AdminDown: 'ADMIN_down', AdminOffline: 'ADMIN_offline', ErrorUp: 'ERROR_up',
  ErrorDown: 'ERROR_down', ErrorWrongNode: 'ERROR_wrongnode', ErrorNodeDown: 'ERROR_nodedown',
  ErrorNodeOffline: 'ERROR_nodeoffline', UserDown: 'USER_down',
  Suspended: 'suspended',
} as const;

export const LockLevel = { Cluster: 0, Instance: 1, NodeGroup: 2, Node: 3, NodeRes: 4, Network: 5 } as const;
export type LockLevel = (typeof LockLevel)[keyof typeof LockLevel];
export const LOCK_LEVEL_NAMES = ['cluster', 'instance', 'nodegroup', 'node', 'node-res', 'network'] as const;
export const BGL = 'BGL';

export const DEFAULT_MAC_PREFIX = 'aa:00:00';
export const DEFAULT_CANDIDATE_POOL_SIZE = 10;
export const DEFAULT_MAX_RUNNING_JOBS = 20;
export const DEFAULT_MAX_TRACKED_JOBS = 25;
export const JOB_QUEUE_SIZE_HARD_LIMIT = 5000;
export const DEFAULT_IALLOCATOR = 'hail';
export const OS_API_VERSION = 20;

export const BE_DEFAULTS = {
  always_failover: false, auto_balance: true, maxmem: 128, minmem: 128, spindle_use: 1, vcpus: 1,
} as const;
export const NIC_DEFAULTS = { mode: 'bridged', link: 'xen-br0', vlan: '' } as const;
/** Reasons attached to opcodes, as Ganeti's "gnt:client:gnt-instance". */
export const REASON_SRC_CLIENT = 'gnt:client';
