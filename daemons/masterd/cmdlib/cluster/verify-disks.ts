// OP_GROUP_VERIFY_DISKS (LUGroupVerifyDisks): which nodes of a group cannot report on their
// storage and which instances have disks that should be active but are not. Ganeti answers
// the second from LVM and DRBD state; the storage this build has (diskless, file,
// sharedfile) has no per-disk activation state to lose, so only nodes are checked: each
// online vm-capable node of the group reports its storage (NodeInfo), and a node that
// cannot is listed with its error. The result keeps Ganeti's shape, so the watcher and
// `gnt-cluster verify-disks` can treat it the same way once disk checks exist.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpGroupVerifyDisks } from '../../../common/opcodes/index.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpGroupVerifyDisks.validate>;

/** [node name -> error, instance names with offline disks, instance name -> missing [node, volume]]. */
export type VerifyDisksResult = [Record<string, string>, string[], Record<string, [string, string][]>];

export class LUGroupVerifyDisks extends LogicalUnit<Op> {
  // Read-only and quick: no locks, like Ganeti's (which takes only shared ones).
  override requiresBgl = false;
  private groupUuid = '';

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const g = Object.values(cfg.nodegroups).find((x) => x.uuid === this.op.group_name || x.name === this.op.group_name);
    if (!g) {
      throw new OpPrereqError(`Node group '${this.op.group_name}' not known (known: ${
        Object.values(cfg.nodegroups).map((x) => x.name).join(', ')})`, { ecode: 'unknown_entity' });
    }
    this.groupUuid = g.uuid;
  }

  override async exec(): Promise<VerifyDisksResult> {
    const cfg = this.cfg.get();
    const nodes = Object.values(cfg.nodes)
      .filter((n) => n.group === this.groupUuid && !n.offline && n.vm_capable)
      .sort((a, b) => a.name.localeCompare(b.name));
    const cl = cfg.cluster;
    const units = cl.enabled_disk_templates.includes('file') ? [`file:${cl.file_storage_dir}`] : [];
    const res = await this.rt.rpc.callMany(nodes.map(nodeTarget), 'NodeInfo',
      { hypervisors: cl.enabled_hypervisors, storage_units: units }, { timeoutMs: 60_000, signal: this.rt.signal });
    const nodeErrors: Record<string, string> = {};
    for (const n of nodes) {
      const r = res.get(n.name);
      if (!r || r.failed) nodeErrors[n.name] = r?.failMsg || 'no answer';
    }
    return [nodeErrors, [], {}];
  }
}
