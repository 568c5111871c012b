// The typed opcode builders that every client uses: undefined parameters dropped, defaults
// filled, and a bad, unknown or missing parameter refused by name before anything is sent.
import test from 'ava';
import { OpGroupVerifyDisks, OpInstanceMove, OpInstanceReboot, OpInstanceStartup, validateOpcode } from '../../../daemons/common/opcodes/index.js';

test('build drops undefined parameters and fills the defaults, as the master will', (t) => {
  const op = OpInstanceStartup.build({ instance_name: 'web1', force: false, instance_uuid: undefined });
  t.is(op.OP_ID, 'OP_INSTANCE_STARTUP');
  t.is(op.instance_name, 'web1');
  t.is(op.instance_uuid, null);
  t.is(op.shutdown_timeout, 120);
  t.deepEqual(op.reason, []);
  // What a client builds is what the master accepts unchanged.
  t.deepEqual(validateOpcode(JSON.parse(JSON.stringify(op))), op);
});

test('build refuses a bad parameter value, naming it', (t) => {
  t.throws(() => OpInstanceStartup.build({ instance_name: 'web1', force: 'yes' as unknown as boolean }),
    { name: 'ParameterError', message: "Parameter 'force' must be a boolean, got 'yes'" });
  t.throws(() => OpInstanceReboot.build({ instance_name: 'web1', reboot_type: 'gentle' as 'soft' }),
    { message: "Parameter 'reboot_type' must be one of soft, hard, full, got 'gentle'" });
  t.throws(() => OpGroupVerifyDisks.build({ group_name: 'g', priority: 99 }),
    { message: /^Parameter 'priority' must be an integer from -20 to 19, got 99$/ });
});

test('build refuses unknown and missing parameters, naming them', (t) => {
  t.throws(() => OpInstanceStartup.build({ instance_name: 'web1', forse: true } as never),
    { message: /^OP_INSTANCE_STARTUP has no parameter 'forse' \(known: / });
  t.throws(() => OpInstanceMove.build({ instance_name: 'web1' }),
    { message: "OP_INSTANCE_MOVE: parameter 'target_node' is required" });
  t.throws(() => OpInstanceStartup.build({ instance_name: '' }),
    { message: "Parameter 'instance_name' must be a non-empty string, got ''" });
});
