// gnt-instance continue NAME: OpInstanceContinue (daemons/masterd/cmdlib/instance/suspend.ts).
import { OpInstanceContinue } from '../../daemons/common/opcodes/instance.js';
import { instanceOpVerb } from './lifecycle-verb.js';

export const verb = instanceOpVerb(OpInstanceContinue);
