// gnt-backup remove NAME: OP_BACKUP_REMOVE (every export of the instance, on every node).
import { OpBackupRemove } from '../../daemons/common/opcodes/backup.js';
import { instanceOpVerb } from '../gnt-instance/lifecycle-verb.js';

export const verb = instanceOpVerb(OpBackupRemove);
