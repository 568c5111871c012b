// The --disk part of OP_INSTANCE_SET_PARAMS (Ganeti's disk container modifications): add a
// disk (created on the primary node before the config changes, removed again if anything
// after fails), remove one (instance not running; its storage is removed after the config
// no longer has it), or change a disk's mode or name. Modifications apply in order, each
// index referring to the disk list as the previous ones left it; iv_names are renumbered.
import { randomUUID } from 'node:crypto';
import { OpPrereqError } from '../../../common/errors.js';
import { fillBeParams, type Disk, type Instance } from '../../../common/objects.js';
import { checkDiskSpec, type DiskSpec } from '../../../storage/descriptors.js';
import type { LogicalUnit } from '../logical-unit.js';
import { getNode } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { ipolicyViolations } from '../../params.js';
import { checkExtProviders, checkFileSpace, createDisks, isRunning, removeDisks, templateDiskParams } from './disk-common.js';

type Action = 'add' | 'remove' | 'modify';
export interface DiskMod { action: Action; ident: number | string; params: Record<string, unknown> }
const MODIFY_KEYS = ['mode', 'name'];

function invalid(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

/**
 * The opcode's disks list as [action, identifier, params] (Ganeti's _UpgradeDiskNicMods):
 * also accepts the legacy [add|remove, params] and [index, params] pairs.
 */
export function parseDiskMods(raw: readonly unknown[]): DiskMod[] {
  return raw.map((m, i) => {
    if (!Array.isArray(m) || (m.length !== 2 && m.length !== 3)) invalid(`Invalid disk modification #${i} ${JSON.stringify(m)}: expected [action, identifier, params]`);
    let [action, ident, params] = m.length === 3 ? m : [m[0], -1, m[1]];
    if (m.length === 2 && action !== 'add' && action !== 'remove') [action, ident] = ['modify', m[0]];
    if (action === 'attach' || action === 'detach') invalid(`Disk ${action} is not supported (supported: add, remove, modify)`);
    if (action !== 'add' && action !== 'remove' && action !== 'modify') invalid(`Invalid disk modification action '${String(action)}' (allowed: add, remove, modify)`);
    if (typeof ident !== 'number' && typeof ident !== 'string') invalid(`Invalid disk identifier ${JSON.stringify(ident)}`);
    if (typeof params !== 'object' || params === null || Array.isArray(params)) invalid(`Invalid parameters for disk modification #${i}: expected a dictionary`);
    if (action === 'remove' && Object.keys(params).length) invalid('Not accepting parameters on removal');
    if (action === 'modify') {
      const bad = Object.keys(params).filter((k) => !MODIFY_KEYS.includes(k));
      if (bad.includes('size')) invalid('Disk size change not possible, use grow-disk');
      if (bad.length) invalid(`Disk modification doesn't support changing parameter(s) ${bad.join(', ')} (allowed: ${MODIFY_KEYS.join(', ')})`);
      if (params.mode !== undefined && params.mode !== 'rw' && params.mode !== 'ro') invalid(`Invalid access mode '${String(params.mode)}' (allowed: rw, ro)`);
    }
    return { action, ident, params: { ...params } } as DiskMod;
  });
}

/** A slot of the disk list while modifications are applied: an existing disk or a new one. */
interface Slot { disk: Disk; isNew: boolean }

export class DiskChanges {
  private slots: Slot[] = [];
  private removed: Disk[] = [];
  private added: Disk[] = [];
  readonly changes: [string, unknown][] = [];

  constructor(private readonly mods: DiskMod[]) {}

  get empty(): boolean { return this.mods.length === 0; }

  /** Resolves identifiers, checks every new disk and the instance policy; nothing is created yet. */
  async prepare(lu: LogicalUnit, inst: Instance, ignoreIpolicy: boolean): Promise<void> {
    if (inst.disk_template === 'diskless') invalid('Disk operations not supported for diskless instances');
    const cfg = lu.cfg.get();
    const pnode = getNode(cfg, inst.primary_node);
    const defaults = templateDiskParams(cfg, inst.disk_template, pnode);
    this.slots = inst.disks.map((d) => ({ disk: structuredClone(d), isNew: false }));
    const specs: DiskSpec[] = [];
    let running: boolean | null = null;
    for (const m of this.mods) {
      if (m.action === 'add') {
        const idx = m.ident === -1 ? this.slots.length : Number(m.ident);
        if (!Number.isInteger(idx) || idx < 0 || idx > this.slots.length) invalid(`Got disk index ${String(m.ident)}, but there are only ${this.slots.length}`);
        const spec = checkDiskSpec(inst.disk_template, m.params, `disk/${idx}`, defaults);
        specs.push(spec);
        const disk: Disk = {
          uuid: randomUUID(), name: spec.name, dev_type: inst.disk_template, size: spec.size, mode: spec.mode,
          logical_id: [], iv_name: '', params: spec.params, spindles: null,
        };
        this.slots.splice(idx, 0, { disk, isNew: true });
        this.changes.push([`disk/${idx}`, `add:size=${spec.size},mode=${spec.mode}`]);
        continue;
      }
      const idx = this.find(m.ident);
      if (m.action === 'remove') {
        running ??= await isRunning(lu, inst);
        if (running) throw new OpPrereqError(`Instance ${inst.name} is running, cannot remove disk/${idx} (shut it down first)`, { ecode: 'wrong_state' });
        const [slot] = this.slots.splice(idx, 1);
        if (!slot!.isNew) this.removed.push(slot!.disk);
        this.changes.push([`disk/${idx}`, 'remove']);
      } else {
        const d = this.slots[idx]!.disk;
        if (m.params.mode !== undefined) { d.mode = m.params.mode as 'rw' | 'ro'; this.changes.push([`disk.mode/${idx}`, d.mode]); }
        if (m.params.name !== undefined) { d.name = String(m.params.name); this.changes.push([`disk.name/${idx}`, d.name]); }
      }
    }
    if (!this.slots.length) invalid(`Cannot remove the last disk of instance ${inst.name} (disk template ${inst.disk_template} needs at least one disk)`);
    this.slots.forEach((s, i) => { s.disk.iv_name = `disk/${i}`; });
    this.added = this.slots.filter((s) => s.isNew).map((s) => s.disk);
    if (!ignoreIpolicy) {
      const be = fillBeParams(cfg.cluster, inst);
      const errs = ipolicyViolations(cfg.cluster.ipolicy, {
        memory: be.maxmem, vcpus: be.vcpus, diskSizes: this.slots.map((s) => s.disk.size), nics: inst.nics.length, spindleUse: be.spindle_use,
      }, inst.disk_template);
      if (errs.length) throw new OpPrereqError(`Instance ${inst.name} would violate the instance policy: ${errs.join(', ')}`, { ecode: 'wrong_input' });
    }
    if (inst.disk_template === 'ext') await checkExtProviders(lu, pnode, specs);
    await checkFileSpace(lu, inst.disk_template, pnode, inst.name, this.added.reduce((a, d) => a + d.size, 0));
  }

  private find(ident: number | string): number {
    if (typeof ident === 'number') {
      const idx = ident === -1 ? this.slots.length - 1 : ident;
      if (idx < 0 || idx >= this.slots.length) invalid(`Invalid disk index ${ident} (the instance has ${this.slots.length} disk(s))`);
      return idx;
    }
    const idx = this.slots.findIndex((s) => s.disk.name === ident || s.disk.uuid === ident);
    if (idx < 0) invalid(`Cannot find disk with identifier '${ident}'`);
    return idx;
  }

  /** Creates the added disks on the primary node (all or none). */
  async create(lu: LogicalUnit, inst: Instance): Promise<void> {
    if (!this.added.length) return;
    const target = nodeTarget(getNode(lu.cfg.get(), inst.primary_node));
    await createDisks(lu, target, inst, this.added);
    if (inst.admin_state === 'up') lu.logInfo('The new disk(s) will be visible to the instance after its next restart');
  }

  /** The disk list to store. */
  get disks(): Disk[] { return this.slots.map((s) => s.disk); }

  /** Undoes create() when the config could not be changed. */
  async rollback(lu: LogicalUnit, inst: Instance): Promise<void> {
    await removeDisks(lu, nodeTarget(getNode(lu.cfg.get(), inst.primary_node)), inst, this.added);
  }

  /** Removes the storage of removed disks, once the config no longer refers to them. */
  async removeOld(lu: LogicalUnit, inst: Instance): Promise<void> {
    await removeDisks(lu, nodeTarget(getNode(lu.cfg.get(), inst.primary_node)), inst, this.removed);
  }
}
