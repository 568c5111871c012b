import test from 'ava';
import { summarizeOpcode, validateOpcode } from '../../../daemons/common/opcodes/index.js';

const msg = (fn: () => unknown) => { try { fn(); return ''; } catch (e) { return `${(e as Error).name}: ${(e as Error).message}`; } };

test('a valid opcode gets its defaults and the common parameters', (t) => {
  const op = validateOpcode({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'inst1' }) as Record<string, unknown>;
  t.is(op.force, false);
  t.is(op.priority, 0);
  t.deepEqual(op.reason, []);
  t.is(op.shutdown_timeout, 120);
});

test('a missing required parameter is refused by name', (t) => {
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_INSTANCE_STARTUP' })), /ParameterError: .*'instance_name' is required/);
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_INSTANCE_CREATE', instance_name: 'x' })), /'disk_template' is required/);
});

test('wrong types, unknown parameters and unknown opcodes name the bad value', (t) => {
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 42 })), /'instance_name' must be a non-empty string, got 42/);
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_TEST_DELAY', duration: 1, surprise: true })), /has no parameter 'surprise'/);
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_NOPE' })), /OpCodeUnknown: Unknown opcode 'OP_NOPE'/);
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_TEST_DELAY', duration: 1, priority: 99 })), /'priority' must be an integer from -20 to 19, got 99/);
  t.regex(msg(() => validateOpcode({ OP_ID: 'OP_INSTANCE_REBOOT', instance_name: 'i', reboot_type: 'gentle' })), /one of soft, hard, full, got 'gentle'/);
  t.regex(msg(() => validateOpcode('OP_TEST_DELAY')), /must be a dictionary/);
  t.regex(msg(() => validateOpcode({ duration: 1 })), /without OP_ID/);
});

test('optional parameters may be null or absent', (t) => {
  const op = validateOpcode({ OP_ID: 'OP_NODE_SET_PARAMS', node_name: 'node2', offline: null }) as Record<string, unknown>;
  t.is(op.offline, null);
  t.is(op.master_candidate, null);
});

test('job summaries follow Ganeti: OP_ID without OP_ plus (name)', (t) => {
  t.is(summarizeOpcode({ OP_ID: 'OP_INSTANCE_STARTUP', instance_name: 'inst1' }), 'INSTANCE_STARTUP(inst1)');
  t.is(summarizeOpcode({ OP_ID: 'OP_CLUSTER_VERIFY_CONFIG' }), 'CLUSTER_VERIFY_CONFIG');
});
