// Profiles (labs and classrooms): many instances start from one read-only base image without
// copying it. A disk created with the disk parameter base_image=BASE is a qcow2 overlay whose
// backing file is BASE: an absolute image path on the node, or an instance name, meaning
// that instance's disk 0 (the "admin" instance, the only one that writes the base).
//
// Rules the cluster enforces, under the node lock every start takes:
// - an overlay instance cannot start while its admin instance runs (the base is open
//   read-write there), and the admin instance cannot start while any overlay on it runs;
// - with the backend parameter discard_writes=yes an instance's overlays are reset to the
//   empty overlay on its base at every shutdown (and before every start, which also covers
//   a guest that powered itself off), so it always comes back clean.
import { posix } from 'node:path';
import { backingOf, isBaseOf, overlayDisks } from '../../profile-disks.js';
import { OpPrereqError } from '../../../common/errors.js';
import { fillBeParams, type ClusterConfig, type Disk, type Instance } from '../../../common/objects.js';
import { supportedTemplates, templateCan } from '../../../storage/descriptors.js';
import type { LogicalUnit } from '../logical-unit.js';
import { getNode } from '../common.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { diskRequest } from './disk-common.js';
import { resetNonPersistent } from './persistence.js';

export { backingOf, overlayDisks, isBaseOf };

/** The disk parameter naming the base image (a path or an instance). */
export const BASE_IMAGE = 'base_image';

function bad(msg: string): never {
  throw new OpPrereqError(msg, { ecode: 'wrong_input' });
}

export function discardsWrites(cfg: Readonly<ClusterConfig>, inst: Instance): boolean {
  return (fillBeParams(cfg.cluster, inst) as unknown as Record<string, unknown>).discard_writes === true;
}

/** The instance one of whose disks is the base `path` of `user`'s overlay (the admin instance of that base). */
export function baseOwner(cfg: Readonly<ClusterConfig>, user: Instance, path: string): Instance | undefined {
  return Object.values(cfg.instances).find((i) => i.uuid !== user.uuid && i.disks.some((d) => isBaseOf(i, d, user, path)));
}

/** The overlay instances whose base is one of `inst`'s disks (they must be gone before it is removed or renamed). */
export function baseUsers(cfg: Readonly<ClusterConfig>, inst: Instance): Instance[] {
  // Checked before every start: no array per instance of a 10,000-instance cluster.
  const out: Instance[] = [];
  for (const o of Object.values(cfg.instances)) {
    if (o.uuid === inst.uuid) continue;
    for (const od of o.disks) {
      const path = backingOf(od);
      if (path !== '' && inst.disks.some((d) => isBaseOf(inst, d, o, path))) { out.push(o); break; }
    }
  }
  return out;
}

export interface ProfilePlan {
  /** Node name an instance-named base pins the new instance to. */
  node: string | null;
  /** Instance-named bases (their admin instances). */
  bases: Instance[];
}

/**
 * Turns base_image in the create opcode's disks into the file disk parameters of an overlay
 * (format=qcow2, backing, backing_format), which the storage layer checks and creates. The
 * opcode's disk dicts are rewritten in place, before any other disk check sees them.
 */
export function applyBaseImages(cfg: Readonly<ClusterConfig>, template: string, disks: Record<string, unknown>[]): ProfilePlan {
  const plan: ProfilePlan = { node: null, bases: [] };
  disks.forEach((d, i) => {
    const value = d[BASE_IMAGE];
    if (value === undefined) return;
    delete d[BASE_IMAGE];
    if (typeof value !== 'string' || !value) bad(`Disk ${i}: ${BASE_IMAGE} needs a value: an instance name or an absolute image path`);
    if (!templateCan(template, 'fileBased')) {
      bad(`Disk ${i}: ${BASE_IMAGE} needs a file-based disk template (${supportedTemplates().filter((x) => templateCan(x, 'fileBased')).join(', ')}), not '${template}'`);
    }
    if (d.backing !== undefined) bad(`Disk ${i}: give either ${BASE_IMAGE} or backing, not both`);
    if (d.format !== undefined && d.format !== 'qcow2') bad(`Disk ${i}: an overlay on a base image is a qcow2 disk, not ${String(d.format)}`);
    d.format = 'qcow2';
    if (value.startsWith('/')) {
      if (posix.normalize(value) !== value || value.endsWith('/')) {
        bad(`Disk ${i}: invalid ${BASE_IMAGE} '${value}': the path must be normalized (no '.', '..', '//' or trailing '/')`);
      }
      d.backing = value;
      return;
    }
    const base = Object.values(cfg.instances).find((x) => x.name === value);
    if (!base) bad(`Disk ${i}: ${BASE_IMAGE} '${value}' is neither an existing instance nor an absolute path`);
    const disk0 = base.disks[0];
    if (!templateCan(base.disk_template, 'fileBased') || !disk0?.logical_id[1]) {
      bad(`Disk ${i}: instance '${value}' cannot be a base image: it needs a file-based disk 0 (it has template ${base.disk_template})`);
    }
    if (backingOf(disk0)) {
      bad(`Disk ${i}: disk 0 of instance '${value}' is itself an overlay on '${backingOf(disk0)}': use that base instead`);
    }
    if (d.backing_format !== undefined) bad(`Disk ${i}: backing_format is taken from instance '${value}', do not give it`);
    if (!plan.bases.includes(base)) plan.bases.push(base);
    // A node-local base pins its overlays to its node; a shared one can be read everywhere.
    if (disk0.dev_type === 'file') {
      const node = getNode(cfg, base.primary_node).name;
      if (plan.node && plan.node !== node) bad(`Disk ${i}: the base instances are on different nodes (${plan.node}, ${node})`);
      plan.node = node;
    }
    d.backing = disk0.logical_id[1];
    d.backing_format = disk0.params?.format === 'qcow2' ? 'qcow2' : 'raw';
  });
  return plan;
}

/** Where an instance-named base pins a new instance: -n must agree, -I cannot be used. Returns the node to use. */
export function profileNode(plan: ProfilePlan, pnode: string | undefined | null, iallocator: string | undefined | null,
  expand: (name: string) => string): string | null {
  if (!plan.node) return pnode ?? null;
  const bases = plan.bases.map((b) => b.name).join(', ');
  if (iallocator) bad(`An overlay on the disk of instance ${bases} must be on its node ${plan.node}: use -n ${plan.node}, not an iallocator`);
  if (pnode && expand(pnode) !== plan.node) bad(`An overlay on the disk of instance ${bases} must be on its node ${plan.node}, not ${pnode}`);
  return plan.node;
}

/** Names of the instances the nodes (those of `insts`) report as running, or otherwise holding their disks. */
async function runningOf(lu: LogicalUnit, insts: Instance[]): Promise<Set<string>> {
  const cfg = lu.cfg.get();
  const nodes = [...new Set(insts.map((i) => i.primary_node))].map((u) => getNode(cfg, u)).filter((n) => !n.offline);
  const res = await lu.rt.instanceLists.get(nodes.map(nodeTarget), cfg.cluster.enabled_hypervisors, { signal: lu.rt.signal });
  const running = new Set<string>();
  for (const [name, r] of res) {
    const list = r.raise(`Can't get the instance list of node ${name}`, { prereq: true });
    for (const i of list.instances) if (i.state !== '') running.add(i.name);
  }
  return running;
}

/** A new overlay instance that starts right away needs its admin instances stopped. */
export async function checkNewOverlayStart(lu: LogicalUnit, plan: ProfilePlan, name: string): Promise<void> {
  if (!plan.bases.length) return;
  const running = await runningOf(lu, plan.bases);
  const busy = plan.bases.filter((b) => running.has(b.name));
  if (busy.length) {
    throw new OpPrereqError(`Instance '${name}' would use the disk of instance '${busy[0]!.name}' as its base image, but` +
      ` '${busy[0]!.name}' is running (its disk is open read-write): shut it down first, or create with --no-start`, { ecode: 'wrong_state' });
  }
}

/** Start rules: not while the admin instance of one of our bases runs; not (as admin) while an overlay on us runs. */
export async function checkBaseImageAccess(lu: LogicalUnit, inst: Instance, action = 'started'): Promise<void> {
  const cfg = lu.cfg.get();
  const owners = overlayDisks(inst).map((d) => baseOwner(cfg, inst, backingOf(d))).filter((o): o is Instance => !!o);
  const users = baseUsers(cfg, inst);
  if (!owners.length && !users.length) return;
  const running = await runningOf(lu, [...owners, ...users]);
  const owner = owners.find((o) => running.has(o.name));
  if (owner) {
    throw new OpPrereqError(`Instance '${inst.name}' uses the disk of instance '${owner.name}' as its base image, and` +
      ` '${owner.name}' is running (its disk is open read-write): shut down '${owner.name}' first`, { ecode: 'wrong_state' });
  }
  const busy = users.filter((u) => running.has(u.name)).map((u) => u.name).sort();
  if (busy.length) {
    throw new OpPrereqError(`Instance '${inst.name}' holds the base image of ${users.length} instance(s) and cannot be ${action}` +
      ` while any of them runs (running: ${busy.join(', ')}): shut them down first`, { ecode: 'wrong_state' });
  }
  const keeping = users.filter((u) => !discardsWrites(cfg, u)).map((u) => u.name).sort();
  if (keeping.length) {
    lu.logWarning(`Changing the disk of ${inst.name} changes the base image under instances ${keeping.join(', ')},` +
      ' which keep their own writes in overlays: their disks may no longer be consistent',
    'give such instances -B discard_writes=yes, or recreate them after updating the base');
  }
}

/**
 * discard_writes: recreates every overlay disk of the instance empty on its base. At a stop a
 * failure is a warning (the next start resets again); before a start it is an error, since
 * the instance must not come up with old writes.
 */
export async function discardWrites(lu: LogicalUnit, inst: Instance, when: 'start' | 'stop'): Promise<void> {
  await resetNonPersistent(lu, inst, when);   // persistent=no disks (persistence.ts)
  const cfg = lu.cfg.get();
  const disks = overlayDisks(inst);
  if (!disks.length || !discardsWrites(cfg, inst)) return;
  const node = getNode(cfg, inst.primary_node);
  if (node.offline) return;
  lu.feedback(`* discarding the writes of instance ${inst.name} (${disks.length} overlay disk(s) reset to the base image)`);
  for (const d of disks) {
    const r = await lu.rt.rpc.call(nodeTarget(node), 'BlockdevResetOverlay', diskRequest(cfg, inst, d), { signal: lu.rt.signal });
    const msg = `Could not reset overlay disk ${d.iv_name} of instance ${inst.name} on node ${node.name}`;
    if (when === 'start') r.raise(msg);
    else r.warn(msg, (m) => lu.logWarning(m));
  }
}
