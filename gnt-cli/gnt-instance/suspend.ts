// gnt-instance suspend NAME: OpInstanceSuspend (daemons/masterd/cmdlib/instance/suspend.ts).
import { OpInstanceSuspend } from '../../daemons/common/opcodes/instance.js';
import { instanceOpVerb } from './lifecycle-verb.js';

export const verb = instanceOpVerb(OpInstanceSuspend);
