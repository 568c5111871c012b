// Instance lifecycle on this node, with Ganeti's backend semantics on top of the driver:
// starting a running instance and stopping a stopped one succeed quietly (the master's LUs
// rely on that for idempotent retries); rebooting a stopped one fails.
import { createHash } from 'node:crypto';
import { encodeMessage, keepEncoding } from '../../common/client/proto-codec.js';
import { HypervisorError, ParameterError } from '../../common/errors.js';
import { sameRuntime } from '../../common/instance-runtime.js';
import { REBOOT_TYPES } from '../../common/reboot-types.js';
import type { HvInstance, HvInstanceInfo, Hypervisor, ReattachReport } from '../../hypervisor/hypervisor.js';
import type { KvmInstance } from '../../hypervisor/kvm/types.js';
import { getHypervisor, registeredHypervisors } from '../../hypervisor/registry.js';
import type { Instance__Output } from '../../../proto/generated/ganeti/Instance.js';
import type { InstanceRuntime } from '../../../proto/generated/ganeti/InstanceRuntime.js';
import type { Empty } from '../../../proto/generated/ganeti/Empty.js';
import type { InstanceInfoRequest__Output } from '../../../proto/generated/ganeti/InstanceInfoRequest.js';
import type { InstanceListRequest__Output } from '../../../proto/generated/ganeti/InstanceListRequest.js';
import type { InstanceListTaggedRequest__Output } from '../../../proto/generated/ganeti/InstanceListTaggedRequest.js';
import type { InstanceListTaggedResponse } from '../../../proto/generated/ganeti/InstanceListTaggedResponse.js';
import type { InstanceRebootRequest__Output } from '../../../proto/generated/ganeti/InstanceRebootRequest.js';
import type { InstanceShutdownRequest__Output } from '../../../proto/generated/ganeti/InstanceShutdownRequest.js';
import type { InstanceStartRequest__Output } from '../../../proto/generated/ganeti/InstanceStartRequest.js';
import type { NodedContext } from '../context.js';
import { checkInstance, hypervisorKind, hypervisorList, parseJsonObject, safeName } from '../validate.js';
import { assembleInstanceDisks, diskAccessPaths, shutdownInstanceDisks } from './blockdev.js';

export function hvInstance(inst: Instance__Output): HvInstance {
  return {
    name: inst.name,
    hypervisor: inst.hypervisor,
    memory: inst.memory,
    vcpus: inst.vcpus,
    hvparams: parseJsonObject(inst.hvparams_json, 'instance.hvparams_json'),
    ...hvInstanceExtras(inst),
  };
}

/** What drivers that build real machines (kvm) need besides HvInstance: NICs, disk modes/formats, UUID, port. */
function hvInstanceExtras(inst: Instance__Output): Omit<KvmInstance, keyof HvInstance> {
  return {
    uuid: inst.uuid,
    network_port: inst.network_port,
    nics: inst.nics.map((n) => ({ mac: n.mac, mode: n.mode, link: n.link, ip: n.ip, vlan: n.vlan, name: n.name, uuid: n.uuid })),
    disks: inst.disks.map((d) => {
      let format: unknown;
      try { format = (JSON.parse(d.params_json || '{}') as Record<string, unknown>).format; } catch { format = undefined; }
      return { mode: d.mode, format: typeof format === 'string' ? format : 'raw' };
    }),
  };
}

/** After noded (re)starts: drivers that keep connections to running instances (kvm's QMP) pick them up again. */
export async function reattachInstances(ctx: NodedContext): Promise<void> {
  for (const kind of registeredHypervisors()) {
    const hv = getHypervisor(kind, ctx.paths) as Hypervisor & { reattach?: () => Promise<ReattachReport> };
    if (!hv.reattach) continue;
    try {
      const { attached, failed } = await hv.reattach();
      if (attached.length) ctx.logger.info(`re-attached to ${attached.length} running ${kind} instance(s): ${attached.join(', ')}`);
      for (const f of failed) ctx.logger.error(`re-attaching to ${kind} instance ${f.name} failed: ${f.error}`);
    } catch (err) {
      ctx.logger.error(`re-attaching to ${kind} instances failed: ${(err as Error).message}`);
    }
  }
}

/** InstanceStart: disks first (sharedfile: the one-opener lease; ext: attach), as Ganeti's
 * StartInstanceDisks, then the hypervisor with the paths this node computed for them. */
export async function instanceStart(ctx: NodedContext, req: InstanceStartRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance', { resources: true });
  const hv = getHypervisor(inst.hypervisor, ctx.paths);
  const hvInst = hvInstance(inst);
  hv.checkParameterSyntax(hvInst.hvparams);
  await assembleInstanceDisks(ctx, inst, signal);
  // A guest that shut itself down (user_down) is not running: starting it is real work.
  if ((await hv.getInstanceInfo(inst.name))?.state === 'running') {
    ctx.logger.info(`instance ${inst.name} already running, not starting`);
    return {};
  }
  await hv.startInstance(hvInst, diskAccessPaths(ctx, inst.disks), { paused: req.paused, signal });
  ctx.logger.info(`started instance ${inst.name}`, { memory: inst.memory, vcpus: inst.vcpus });
  return {};
}

/** InstanceShutdown: the hypervisor stops it, then its disks are released (sharedfile
 * leases, ext volumes detached). */
export async function instanceShutdown(ctx: NodedContext, req: InstanceShutdownRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance');
  hypervisorKind(inst.hypervisor, 'instance.hypervisor');
  const hv = getHypervisor(inst.hypervisor, ctx.paths);
  if (!(await hv.getInstanceInfo(inst.name))) {
    ctx.logger.info(`instance ${inst.name} not running, doing nothing`);
  } else {
    const timeoutMs = Number(req.timeout_ms);
    await hv.stopInstance(hvInstance(inst), { force: req.force, ...(timeoutMs > 0 ? { timeoutMs } : {}), signal });
    ctx.logger.info(`stopped instance ${inst.name}`, { force: req.force });
  }
  await shutdownInstanceDisks(ctx, inst);
  return {};
}

export async function instanceReboot(ctx: NodedContext, req: InstanceRebootRequest__Output, signal: AbortSignal): Promise<Empty> {
  const inst = checkInstance(req.instance, 'instance', { resources: true });
  const type = req.reboot_type || 'hard';
  if (!(REBOOT_TYPES as readonly string[]).includes(type)) {
    throw new ParameterError(`Invalid reboot type '${type}' (allowed: ${REBOOT_TYPES.join(', ')})`, { ecode: 'wrong_input' });
  }
  const hv = getHypervisor(inst.hypervisor, ctx.paths);
  if ((await hv.getInstanceInfo(inst.name))?.state !== 'running') {
    throw new HypervisorError(`Cannot reboot instance ${inst.name} that is not running`, { ecode: 'wrong_state' });
  }
  const hvInst = hvInstance(inst);
  // As Ganeti's backend: hard = the hypervisor process restarted (stop + start); soft = the driver's reboot.
  if (type === 'full' || type === 'hard') {
    await hv.stopInstance(hvInst, { force: false, timeoutMs: Number(req.shutdown_timeout_ms), signal });
    await hv.startInstance(hvInst, diskAccessPaths(ctx, inst.disks), { paused: false, signal });
  } else {
    await hv.rebootInstance(hvInst, { signal });
  }
  ctx.logger.info(`rebooted instance ${inst.name}`, { type });
  return {};
}

/** A list entry: every field set (the name keys deltas). */
type Entry = InstanceRuntime & { name: string };

// Each listed instance's entry, made and encoded once per driver answer object: a driver that
// keeps its answers while nothing changes (the fake's watched listing) makes a repeated
// InstanceList a copy of bytes, not thousands of encodings in noded's interpreter-only worker.
const listEntries = new WeakMap<HvInstanceInfo, Entry>();

function listEntry(info: HvInstanceInfo): Entry {
  let e = listEntries.get(info);
  if (!e) { e = keepEncoding('InstanceRuntime', runtime(info)); listEntries.set(info, e); }
  return e;
}

function runtime(info: HvInstanceInfo, consoleJson = ''): Entry {
  return { name: info.name, state: info.state, memory: info.memory, vcpus: info.vcpus, hypervisor: info.hypervisor, console_json: consoleJson };
}

/** The last list made, from the drivers' answers it was made of: a driver that answers with
 * the very array of its last answer while nothing changed (the fake's watched listing) makes
 * a repeated list the same array, with no entry looked at (noded's worker runs it for every
 * list, on every node). */
const lastLists = new WeakMap<object, { kinds: string; parts: HvInstanceInfo[][]; instances: Entry[] }>();

/** Running instances of the given hypervisors (all when none is named). */
export async function instanceList(ctx: NodedContext, req: InstanceListRequest__Output): Promise<{ instances: Entry[] }> {
  const kinds = hypervisorList(req.hypervisors, 'hypervisors');
  const parts: HvInstanceInfo[][] = [];
  for (const kind of kinds) parts.push(await getHypervisor(kind, ctx.paths).getAllInstancesInfo());
  const last = lastLists.get(ctx.paths);
  if (last && last.kinds === kinds.join(',') && parts.every((p, i) => p === last.parts[i])) {
    return { instances: last.instances };
  }
  const instances: Entry[] = [];
  for (const part of parts) for (const info of part) instances.push(listEntry(info));
  lastLists.set(ctx.paths, { kinds: kinds.join(','), parts, instances });
  return { instances };
}

interface Tagged { key: string; entries: Entry[]; bytes: Buffer; tag: string }

/** The last tagged list, and the one before it: a caller holding that one gets a delta. */
const lastTagged = new WeakMap<object, { now: Tagged; before: Tagged | null }>();

/** instanceList tagged with a digest of its answer; a caller that names that tag (known_tag)
 * gets the tag alone back, and one that names the answer before it only what changed since
 * (a start or stop on a node of 2,000 instances sends one entry, not 2,000). */
export async function instanceListTagged(ctx: NodedContext, req: InstanceListTaggedRequest__Output): Promise<InstanceListTaggedResponse> {
  const { instances } = await instanceList(ctx, { hypervisors: req.hypervisors });
  // The same entry objects as last time (a driver that keeps its answers): the same bytes.
  const key = `${ctx.paths.hostname}/${req.hypervisors.join(',')}`;
  let held = lastTagged.get(ctx.paths);
  const last = held?.now;
  if (!held || !last || last.key !== key || (last.entries !== instances &&
    (last.entries.length !== instances.length || !instances.every((e, i) => e === last.entries[i])))) {
    const bytes = encodeMessage('InstanceListTaggedResponse', { instances });
    const now = { key, entries: instances, bytes, tag: createHash('sha256').update(bytes).digest('base64url').slice(0, 24) };
    held = { now, before: last && last.key === key ? last : null };
    lastTagged.set(ctx.paths, held);
  }
  const { bytes, tag } = held.now;
  if (req.known_tag && req.known_tag === tag) return { instances: [], tag, unchanged: true };
  const delta = req.known_tag && held.before?.tag === req.known_tag ? changedSince(held.before.entries, held.now.entries) : null;
  if (delta) return { instances: delta.changed, gone: delta.gone, tag, delta: true };
  // The answer's encoding is the instances' bytes followed by the tag's (protobuf concatenates).
  return keepEncoding('InstanceListTaggedResponse', { instances, tag },
    Buffer.concat([bytes, encodeMessage('InstanceListTaggedResponse', { tag })]));
}

/** The entries new or changed (by name) from one list to the next, and the names gone; null
 * when a list names an instance twice (two hypervisors) or most of it changed. */
function changedSince(before: Entry[], now: Entry[]): { changed: Entry[]; gone: string[] } | null {
  const was = new Map(before.map((e) => [e.name, e]));
  if (was.size !== before.length) return null;
  const changed: Entry[] = [];
  const seen = new Set<string>();
  for (const e of now) {
    if (seen.has(e.name)) return null;
    seen.add(e.name);
    const b = was.get(e.name);
    if (b !== e && !(b && sameRuntime(b, e))) changed.push(e);
  }
  const gone = before.filter((e) => !seen.has(e.name)).map((e) => e.name);
  return changed.length + gone.length > now.length / 2 ? null : { changed, gone };
}

/** One instance's runtime; state '' when no given hypervisor runs it. */
export async function instanceInfo(ctx: NodedContext, req: InstanceInfoRequest__Output): Promise<InstanceRuntime> {
  const name = safeName(req.name, 'name');
  const hypervisors = req.hypervisor ? [hypervisorKind(req.hypervisor, 'hypervisor')] : hypervisorList([], 'hypervisor');
  for (const kind of hypervisors) {
    const hv = getHypervisor(kind, ctx.paths);
    const info = await hv.getInstanceInfo(name);
    if (info) {
      const console = hv.getConsole({ name, hypervisor: kind, memory: info.memory, vcpus: info.vcpus, hvparams: {} });
      return runtime(info, JSON.stringify(console));
    }
  }
  return { name, state: '', memory: 0, vcpus: 0, hypervisor: '', console_json: '' };
}
