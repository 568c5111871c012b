// gnt-instance pause NAME: OpInstancePause (daemons/masterd/cmdlib/instance/suspend.ts).
import { OpInstancePause } from '../../daemons/common/opcodes/instance.js';
import { instanceOpVerb } from './lifecycle-verb.js';

export const verb = instanceOpVerb(OpInstancePause);
