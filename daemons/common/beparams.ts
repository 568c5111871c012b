// Backend parameters (Ganeti's BES_PARAMETER_TYPES plus the compatibility alias "memory"):
// the one table that the CLI types -B with and the master checks against.

export type BeParamType = 'size' | 'int' | 'bool';

export const BE_PARAM_TYPES: Readonly<Record<string, BeParamType>> = {
  maxmem: 'size', minmem: 'size', memory: 'size', vcpus: 'int', spindle_use: 'int',
  auto_balance: 'bool', always_failover: 'bool',
  // Profiles: reset the instance's overlay disks to their base image at every stop (docs/os-images.md).
  discard_writes: 'bool',
};
