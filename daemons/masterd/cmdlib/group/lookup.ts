// Finding a node group by name or uuid (Ganeti's LookupNodeGroup) for the group LUs.
import { OpPrereqError } from '../../../common/errors.js';
import type { NodeGroup } from '../../../common/objects.js';
import type { ConfigStore } from '../../config/config-store.js';

export function expandGroup(cfg: ConfigStore, name: string): Readonly<NodeGroup> {
  const g = cfg.groupByName(name) ?? cfg.groupByUuid(name);
  if (!g) throw new OpPrereqError(`Node group '${name}' not found`, { ecode: 'unknown_entity' });
  return g;
}

/** Ganeti's group names follow its node-name rules loosely: no blanks, no slashes. */
export function checkGroupName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,62}$/.test(name)) {
    throw new OpPrereqError(`Invalid node group name '${name}': use letters, digits, '.', '-', '_' and '+' (at most 63 characters)`, { ecode: 'wrong_input' });
  }
}
