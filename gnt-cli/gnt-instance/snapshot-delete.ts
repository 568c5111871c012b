// gnt-instance snapshot-delete NAME SNAP: OP_INSTANCE_SNAPSHOT_DELETE.
import { OpInstanceSnapshotDelete } from '../../daemons/common/opcodes/instance.js';
import { instanceOpVerb } from './lifecycle-verb.js';

export const verb = instanceOpVerb(OpInstanceSnapshotDelete, { min: 2, max: 2 }, (argv) => ({ snapshot_name: argv[1] }));
