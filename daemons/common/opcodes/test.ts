// Job queue self-test opcode (Ganeti's OpTestJqueue), used by gnt-debug test-jobqueue.
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpTestJqueue = defineOpcode('OP_TEST_JQUEUE', {
  notify_waitlock: t.bool().default(false),
  notify_exec: t.bool().default(false),
  log_messages: t.list(t.str()).default([]),
  fail: t.bool().default(false),
});
