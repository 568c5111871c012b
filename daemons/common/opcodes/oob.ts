// Out-of-band management (Ganeti's OpOobCommand): gnt-node power and health, gnt-cluster epo.
import { OOB_COMMANDS, OOB_POWER_DELAY, OOB_TIMEOUT } from '../oob.js';
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpOobCommand = defineOpcode('OP_OOB_COMMAND', {
  node_names: t.list(t.str()).default([]),
  command: t.oneOf([...OOB_COMMANDS]),
  timeout: t.int(1).default(OOB_TIMEOUT),
  ignore_status: t.bool().default(false),
  power_delay: t.num(0).default(OOB_POWER_DELAY),
});
