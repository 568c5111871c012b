// Opcode fields that this build does not implement, and those that can have no effect here.
// An unimplemented field with any value but its harmless one is refused when the job is
// submitted (and again before it runs), naming the field and its gnt-* option: an option is
// implemented or refused, never accepted and ignored. test/unit/options-honest.test.ts
// checks that every field of an opcode with a logical unit is read by it or listed here.
import { OpPrereqError } from '../../common/errors.js';
import type { Opcode } from '../../common/opcodes/index.js';

type Ok = (v: unknown) => boolean;
interface Refused { option: string; ok: Ok }

const unset: Ok = (v) => v === undefined || v === null || v === false || v === '' ||
  (Array.isArray(v) && v.length === 0) || (typeof v === 'object' && v !== null && !Array.isArray(v) && Object.keys(v).length === 0);
const isTrue: Ok = (v) => v === true || v === undefined;
const r = (option: string, ok: Ok = unset): Refused => ({ option, ok });
const UUID = r('a uuid instead of the name (name the object)');

/** opcode -> field -> the option it stands for and the values that are harmless. */
export const REFUSED_FIELDS: Record<string, Record<string, Refused>> = {
  OP_CLUSTER_VERIFY_CONFIG: { debug_simulate_errors: r('--debug-simulate-errors') },
  OP_CLUSTER_VERIFY_GROUP: { debug_simulate_errors: r('--debug-simulate-errors'), skip_checks: r('--skip-checks'), verify_clutter: r('--verify-ssh-clutter') },
  OP_CLUSTER_RENEW_CRYPTO: { ssh_key_type: r('--ssh-key-type'), ssh_key_bits: r('--ssh-key-bits'), debug: r('--debug') },
  OP_NODE_REMOVE: { node_uuid: UUID },
  OP_INSTANCE_CHANGE_GROUP: { instance_uuid: UUID, early_release: r('--early-release (DRBD secondaries only, which this build lacks)') },
  OP_GROUP_EVACUATE: { early_release: r('--early-release (DRBD secondaries only, which this build lacks)') },
  OP_GROUP_ADD: { hv_state: r('--hypervisor-state'), disk_state: r('--disk-state') },
  OP_NETWORK_REMOVE: { force: r('--force') },
  OP_NODE_SET_PARAMS: { node_uuid: UUID, hv_state: r('--hypervisor-state'), disk_state: r('--disk-state') },
  OP_INSTANCE_CREATE: {
    pnode_uuid: UUID, snode: r('-n PRIMARY:SECONDARY (a secondary node)'), snode_uuid: UUID,
    opportunistic_locking: r('--opportunistic-locking'),
    file_driver: r('--file-driver (only loop)', (v) => v === undefined || v === null || v === 'loop'),
    identify_defaults: r('--identify-defaults'),
    instance_communication: r('--instance-communication'),
  },
  OP_INSTANCE_REMOVE: { instance_uuid: UUID },
  OP_INSTANCE_STARTUP: { instance_uuid: UUID, ignore_offline_nodes: r('--ignore-offline'), hvparams: r('-H/--hypervisor-parameters') },
  OP_INSTANCE_SHUTDOWN: { instance_uuid: UUID },
  OP_INSTANCE_REBOOT: { instance_uuid: UUID, ignore_secondaries: r('--ignore-secondaries') },
  OP_INSTANCE_RENAME: { instance_uuid: UUID, ip_check: r('--ip-check') },
  OP_INSTANCE_REINSTALL: { instance_uuid: UUID, osparams_private: r('--os-parameters-private') },
  OP_INSTANCE_SET_PARAMS: { instance_uuid: UUID, force_variant: r('--force-variant'), conflicts_check: r('--no-conflicts-check', isTrue), hotplug: r('--hotplug') },
  OP_INSTANCE_GROW_DISK: { instance_uuid: UUID },
  OP_INSTANCE_ACTIVATE_DISKS: { instance_uuid: UUID, ignore_size: r('--ignore-size') },
  OP_INSTANCE_DEACTIVATE_DISKS: { instance_uuid: UUID },
  OP_INSTANCE_RECREATE_DISKS: { instance_uuid: UUID, node_uuids: UUID },
  OP_INSTANCE_CONSOLE: { instance_uuid: UUID },
  OP_TEST_DELAY: { on_node_uuids: UUID, interruptible: r('--interruptible') },
  OP_INSTANCE_FAILOVER: { instance_uuid: UUID, target_node_uuid: UUID },
  OP_INSTANCE_MIGRATE: { instance_uuid: UUID, target_node_uuid: UUID },
  OP_INSTANCE_SUSPEND: { instance_uuid: UUID },
  OP_INSTANCE_RESUME: { instance_uuid: UUID },
  OP_INSTANCE_PAUSE: { instance_uuid: UUID },
  OP_INSTANCE_CONTINUE: { instance_uuid: UUID },
  OP_INSTANCE_SNAPSHOT: { instance_uuid: UUID },
  OP_INSTANCE_SNAPSHOT_REVERT: { instance_uuid: UUID },
  OP_INSTANCE_SNAPSHOT_DELETE: { instance_uuid: UUID },
  OP_INSTANCE_SAVE_AS: { instance_uuid: UUID },
  OP_BACKUP_EXPORT: { instance_uuid: UUID, target_node_uuid: UUID },
  OP_BACKUP_REMOVE: { instance_uuid: UUID },
  OP_INSTANCE_MOVE: { instance_uuid: UUID, target_node_uuid: UUID },
  OP_NODE_MIGRATE: { node_uuid: UUID, target_node_uuid: UUID },
  OP_NODE_EVACUATE: { node_uuid: UUID, remote_node_uuid: UUID },
};

/** Fields whose every value is honoured trivially in this build, and why. */
export const NO_EFFECT_FIELDS: Record<string, Record<string, string>> = {
  OP_CLUSTER_VERIFY_CONFIG: { verbose: 'every finding is printed in full already' },
  OP_GROUP_VERIFY_DISKS: { is_strict: 'it only decides how mirrored (DRBD) disks mid-resync are judged; this build has no mirrored disks' },
  OP_CLUSTER_SET_PARAMS: { force: 'no check of this opcode can be overridden' },
  OP_NODE_SET_PARAMS: { force: 'no check of this opcode can be overridden' },
  OP_INSTANCE_CREATE: { wait_for_sync: 'no disk template of this build is mirrored: there is nothing to sync' },
  OP_INSTANCE_STARTUP: {
    force: 'there are no secondary disks that could be degraded',
    shutdown_timeout: 'starting shuts nothing down',
  },
  OP_INSTANCE_SET_PARAMS: {
    force: 'no check of this opcode can be overridden',
    wait_for_sync: 'no disk template of this build is mirrored: there is nothing to sync',
  },
  OP_INSTANCE_SNAPSHOT_REVERT: { force: 'the confirmation it skips is asked by gnt-instance snapshot-revert, before the job' },
  OP_BACKUP_QUERY: { use_locking: 'exports are listed from the nodes either way; no lock protects them' },
  OP_INSTANCE_QUERY_DATA: { use_locking: 'the config is read as one consistent snapshot and runtime data is asked of the nodes either way' },
  OP_INSTANCE_MIGRATE: {
    allow_runtime_changes: 'migration never changes an instance\'s memory, so forbidding it is always honoured',
    ignore_hvversions: 'no hypervisor version check is made, so there is nothing to ignore',
  },
};

/** Throws OpPrereqError naming the first refused field that the opcode sets. */
export function checkRefusedFields(op: Opcode): void {
  const refused = REFUSED_FIELDS[op.OP_ID];
  if (!refused) return;
  for (const [field, { option, ok }] of Object.entries(refused)) {
    const v = (op as Record<string, unknown>)[field];
    if (!ok(v)) {
      throw new OpPrereqError(`${op.OP_ID}: field '${field}' (${option}) is not supported by this version, got ${JSON.stringify(v)}`,
        { ecode: 'wrong_input' });
    }
  }
}
