// OP_INSTANCE_RECREATE_DISKS (Ganeti's LUInstanceRecreateDisks): create again disks that
// were lost (all, or the given indices, optionally with a new size or mode), on the
// instance's node or on a new one (-n, or an allocator) which then becomes its primary.
// Disks that still exist make the creation fail; the disks made by this job are then removed
// and the config is left as it was.
import { LockLevel } from '../../../common/constants.js';
import { OpPrereqError } from '../../../common/errors.js';
import type { Disk, Node } from '../../../common/objects.js';
import type { OpInstanceRecreateDisks } from '../../../common/opcodes/index.js';
import { checkNodeOnline, checkNodeVmCapable } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { InstanceLU } from './base.js';
import { checkFileSpace, checkInstanceState, createDisks, INSTANCE_NOT_RUNNING, removeDisks } from './disk-common.js';
import { allocateNode } from './placement.js';

type Op = ReturnType<typeof OpInstanceRecreateDisks.validate>;
/** Ganeti's _MODIFYABLE: what recreate may change. */
const MODIFIABLE = ['size', 'mode', 'spindles'];

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

export class LUInstanceRecreateDisks extends InstanceLU<Op> {
  private wanted = new Map<number, Record<string, unknown>>();
  private newNode: Node | null = null;

  override checkArguments(): void {
    const entries: [number, Record<string, unknown>][] = this.op.disks.map((e, i) => {
      // Ganeti's deprecated form: a plain list of disk indices.
      if (typeof e === 'number') return [e, {}];
      if (!Array.isArray(e) || e.length !== 2 || typeof e[0] !== 'number' || !Number.isInteger(e[0]) || e[0] < 0 ||
          typeof e[1] !== 'object' || e[1] === null || Array.isArray(e[1])) {
        invalid(`Invalid disk specification #${i} ${JSON.stringify(e)}: expected [index, {size, mode, spindles}]`);
      }
      return [e[0], e[1] as Record<string, unknown>];
    });
    const dups = entries.map(([i]) => i).filter((i, k, all) => all.indexOf(i) !== k);
    if (dups.length) invalid(`Some disks have been specified more than once: ${[...new Set(dups)].join(', ')}`);
    if (this.op.iallocator && this.op.nodes.length) invalid('Give either the iallocator or the new node(s), not both');
    for (const [idx, params] of entries) {
      const bad = Object.keys(params).filter((k) => !MODIFIABLE.includes(k));
      if (bad.length) invalid(`Parameters for disk ${idx} try to change unmodifyable parameter(s): ${bad.join(', ')}`);
      if (params.size !== undefined && (typeof params.size !== 'number' || !Number.isInteger(params.size) || params.size <= 0)) {
        invalid(`Disk ${idx}: size must be a positive number of MiB, got ${JSON.stringify(params.size)}`);
      }
      if (params.mode !== undefined && params.mode !== 'rw' && params.mode !== 'ro') invalid(`Disk ${idx}: invalid access mode '${String(params.mode)}' (allowed: rw, ro)`);
      this.wanted.set(idx, params);
    }
  }

  override expandNames(): void {
    super.expandNames();
    if (this.op.nodes.length) this.op.nodes = this.op.nodes.map((n) => this.cfg.expandNode(n).name);
  }

  override async declareLocks(level: LockLevel): Promise<void> {
    super.declareLocks(level);
    if ((level === LockLevel.Node || level === LockLevel.NodeRes) && this.op.nodes.length) {
      const have = this.needLocks.get(level);
      this.needLocks.set(level, [...new Set([...(Array.isArray(have) ? have : []), ...this.op.nodes])]);
    }
    if (level === LockLevel.Node && this.op.iallocator) this.needLocks.set(level, 'ALL');
  }

  override async checkPrereq(): Promise<void> {
    const inst = this.instance;
    const cfg = this.cfg.get();
    const allNodes = [inst.primary_node, ...inst.secondary_nodes];
    if (this.op.nodes.length && this.op.nodes.length !== allNodes.length) {
      invalid(`Instance ${inst.name} currently has ${allNodes.length} nodes, but ${this.op.nodes.length} replacement nodes were specified`);
    }
    if (inst.disk_template === 'diskless' || !inst.disks.length) invalid(`Instance '${inst.name}' has no disks`);
    if (!this.wanted.size) inst.disks.forEach((_, i) => this.wanted.set(i, {}));
    const maxIdx = Math.max(...this.wanted.keys());
    if (maxIdx >= inst.disks.length) invalid(`Invalid disk index '${maxIdx}'`);
    const moving = this.op.nodes.length > 0 || !!this.op.iallocator;
    if (moving && this.wanted.size !== inst.disks.length) invalid("Can't recreate disks partially and change the nodes at the same time");
    const oldPnode = cfg.nodes[inst.primary_node]!;
    // As Ganeti: moving away from an offline primary is what recreate is for; skip the state check then.
    if (!(moving && oldPnode.offline)) await checkInstanceState(this, inst, INSTANCE_NOT_RUNNING, 'cannot recreate disks');
    const sizes = inst.disks.map((d, i) => (this.wanted.get(i)?.size as number | undefined) ?? d.size);
    const recreated = [...this.wanted.keys()].reduce((a, i) => a + sizes[i]!, 0);
    if (this.op.iallocator) {
      const name = await allocateNode(this.rt, this.op.iallocator, inst.name, {
        memory: 0, vcpus: 0, disk: inst.disk_template === 'file' ? recreated : 0,
        spec: { memory: 0, vcpus: 0, diskSizes: sizes, nics: inst.nics.length, spindleUse: 0 },
      });
      this.logInfo(`Selected nodes for instance ${inst.name} via iallocator ${this.op.iallocator}: ${name}`);
      this.newNode = this.cfg.nodeByName(name)!;
    } else if (this.op.nodes.length) {
      this.newNode = this.cfg.nodeByName(this.op.nodes[0]!)!;
    }
    const target = this.newNode ?? oldPnode;
    checkNodeOnline(target);
    if (this.newNode && this.newNode.uuid !== inst.primary_node) {
      checkNodeVmCapable(this.newNode);
      // The old node still accounts for the disks in the config; the new one must have the space.
      if (!this.op.iallocator) await checkFileSpace(this, inst.disk_template, this.newNode, inst.name, recreated);
    }
  }

  override async exec(): Promise<unknown> {
    const inst = structuredClone(this.instance);
    const toCreate: Disk[] = [];
    inst.disks.forEach((d, i) => {
      const changes = this.wanted.get(i);
      if (!changes) return;
      if (typeof changes.size === 'number') d.size = changes.size;
      if (changes.mode === 'rw' || changes.mode === 'ro') d.mode = changes.mode;
      if (typeof changes.spindles === 'number') d.spindles = changes.spindles;
      toCreate.push(d);
    });
    const movedTo = this.newNode && this.newNode.uuid !== inst.primary_node ? this.newNode : null;
    if (movedTo) {
      inst.primary_node = movedTo.uuid;
      this.logWarning("Changing the instance's nodes, you will have to remove any disks left on the older nodes manually");
    }
    const target = nodeTarget(movedTo ?? this.pnode);
    await createDisks(this, target, inst, toCreate);
    try {
      await this.modifyInstance((i) => {
        i.primary_node = inst.primary_node;
        i.disks = inst.disks;
      });
    } catch (err) {
      await removeDisks(this, target, inst, toCreate);
      throw err;
    }
    return null;
  }
}
