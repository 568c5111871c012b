// Opcodes of the "test" noun (Ganeti's opcodes for gnt-debug) beyond OP_TEST_DELAY.
import { defineOpcode } from './define.js';
import { t } from './schema.js';

/** Ganeti's OpTestAllocator: build an iallocator request, show it (direction in) or run it (out). */
export const OpTestAllocator = defineOpcode('OP_TEST_ALLOCATOR', {
  direction: t.oneOf(['in', 'out']),
  mode: t.oneOf(['allocate', 'multi-allocate', 'relocate', 'node-evacuate', 'change-group']),
  name: t.str(),
  nics: t.list(t.dict()).default([]),
  disks: t.list(t.dict()).default([]),
  hypervisor: t.str().optional(),
  iallocator: t.str().optional(),
  tags: t.list(t.str()).default([]),
  memory: t.int(0).optional(),
  vcpus: t.int(0).optional(),
  os: t.str().optional(),
  disk_template: t.str().optional(),
  instances: t.list(t.str()).default([]),
  evac_mode: t.oneOf(['primary-only', 'secondary-only', 'all']).optional(),
  target_groups: t.list(t.str()).default([]),
  spindle_use: t.int(0).default(1),
  count: t.int(1).default(1),
  group_name: t.str().optional(),
});

/** Job queue self-test (Ganeti's OpTestJqueue), used by gnt-debug test-jobqueue. */
export const OpTestJqueue = defineOpcode('OP_TEST_JQUEUE', {
  notify_waitlock: t.bool().default(false),
  notify_exec: t.bool().default(false),
  log_messages: t.list(t.str()).default([]),
  fail: t.bool().default(false),
});

/** Ganeti's OpTestOsParams (gnt-debug test-osparams): carries secret OS parameters to the master. */
export const OpTestOsParams = defineOpcode('OP_TEST_OS_PARAMS', {
  osparams_secret: t.strDict().optional(),
});
