// gnt-instance resume NAME: OpInstanceResume (daemons/masterd/cmdlib/instance/suspend.ts).
import { OpInstanceResume } from '../../daemons/common/opcodes/instance.js';
import { instanceOpVerb } from './lifecycle-verb.js';

export const verb = instanceOpVerb(OpInstanceResume);
