// Ganeti's OpRestrictedCommand (gnt-node restricted-command): a command from each node's own
// restricted-commands directory, named by the client, run on the given nodes.
import { defineOpcode } from './define.js';
import { t } from './schema.js';

export const OpRestrictedCommand = defineOpcode('OP_RESTRICTED_COMMAND', {
  use_locking: t.bool().default(false),
  nodes: t.list(t.str()),
  command: t.nonEmpty(),
});
