// OP_INSTANCE_MULTI_ALLOC (Ganeti's LUInstanceMultiAlloc, RAPI /2/instances-multi-alloc):
// every instance is placed by one multi-allocate request to the allocator (each placement
// counting the ones before it), or on the nodes each names; each instance the allocator could
// place is then created by a job of its own with its nodes filled in (ResultWithJobs), and
// the result says which instances were `allocatable` and which `failed`.
import { OpPrereqError } from '../../../common/errors.js';
import { BE_DEFAULTS } from '../../../common/constants.js';
import { OpInstanceCreate, type OpInstanceMultiAlloc } from '../../../common/opcodes/instance.js';
import type { Opcode } from '../../../common/opcodes/index.js';
import { buildInput, diskSpaceTotal } from '../../iallocator/input.js';
import { findAllocator, runAllocator } from '../../iallocator/run.js';
import { checkBeParams } from '../../params.js';
import { LogicalUnit } from '../logical-unit.js';
import { ResultWithJobs } from '../result-with-jobs.js';
import { nodeInfos } from './placement.js';

type Op = ReturnType<typeof OpInstanceMultiAlloc.validate>;
type CreateOp = ReturnType<typeof OpInstanceCreate.validate>;

/** Templates whose disks are mirrored between two nodes (Ganeti's DTS_INT_MIRROR). */
const INT_MIRROR = new Set(['drbd']);

export class LUInstanceMultiAlloc extends LogicalUnit<Op> {
  // It only plans: the creations take their own locks in their own jobs.
  override requiresBgl = false;
  private creates: CreateOp[] = [];
  private allocator: string | null = null;

  override checkArguments(): void {
    if (this.op.opportunistic_locking) {
      throw new OpPrereqError("Opportunistic locking is not supported: the creation jobs wait for their node locks", { ecode: 'wrong_input' });
    }
    if (!this.op.instances.length) throw new OpPrereqError('No instances given to allocate', { ecode: 'wrong_input' });
    this.creates = this.op.instances.map((d, i) => {
      const { OP_ID: id, ...fields } = d as Record<string, unknown>;
      if (id !== undefined && id !== 'OP_INSTANCE_CREATE') {
        throw new OpPrereqError(`instances[${i}]: OP_ID '${String(id)}' is not OP_INSTANCE_CREATE`, { ecode: 'wrong_input' });
      }
      try { return OpInstanceCreate.validate(fields); } catch (err) {
        throw new OpPrereqError(`instances[${i}]: ${(err as Error).message}`, { ecode: 'wrong_input' });
      }
    });
    const nodes: boolean[] = [];
    for (const c of this.creates) {
      if (c.iallocator != null) throw new OpPrereqError('iallocator are not allowed to be set on instance objects', { ecode: 'wrong_input' });
      nodes.push(Boolean(c.pnode));
      if (INT_MIRROR.has(c.disk_template)) nodes.push(Boolean(c.snode));
    }
    const hasNodes = nodes.some(Boolean);
    if (hasNodes !== nodes.every(Boolean)) {
      throw new OpPrereqError('There are instance objects providing pnode/snode while others do not', { ecode: 'wrong_input' });
    }
    if (hasNodes && this.op.iallocator) {
      throw new OpPrereqError('Give either an iallocator or nodes on the instances, not both', { ecode: 'wrong_input' });
    }
    const names = this.creates.map((c) => c.instance_name);
    const dups = [...new Set(names.filter((n, i) => names.indexOf(n) !== i))];
    if (dups.length) throw new OpPrereqError(`There are duplicate instance names: ${dups.join(', ')}`, { ecode: 'wrong_input' });
  }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    if (!this.creates.some((c) => c.pnode)) {
      // The cluster's default, as gnt-instance add without -n (hail when none is set).
      this.allocator = this.op.iallocator ?? (cfg.cluster.default_iallocator || 'hail');
      findAllocator(this.rt.paths, this.allocator);
    }
    const taken = this.creates.map((c) => c.instance_name).filter((n) => this.cfg.instanceByName(n));
    if (taken.length) throw new OpPrereqError(`Instance(s) ${taken.join(', ')} already exist in the cluster`, { ecode: 'already_exists' });
  }

  override async exec(): Promise<ResultWithJobs> {
    const asJob = (c: CreateOp): Opcode[] => [c as unknown as Opcode];
    if (!this.allocator) {
      return new ResultWithJobs(this.creates.map(asJob), { allocatable: this.creates.map((c) => c.instance_name), failed: [] });
    }
    const cfg = this.cfg.get();
    const cl = cfg.cluster;
    const requests = this.creates.map((c) => {
      const be = { ...BE_DEFAULTS, ...cl.beparams.default, ...checkBeParams(c.beparams) };
      const sizes = c.disks.map((d) => Number((d as { size?: unknown }).size ?? 0));
      return {
        name: c.instance_name, disk_template: c.disk_template, tags: c.tags, os: c.os_type ?? '', vcpus: be.vcpus,
        memory: be.maxmem, spindle_use: be.spindle_use, disks: sizes.map((size) => ({ size, mode: 'rw' })),
        disk_space_total: diskSpaceTotal(c.disk_template, sizes), nics: c.nics, required_nodes: INT_MIRROR.has(c.disk_template) ? 2 : 1,
        hypervisor: c.hypervisor ?? cl.enabled_hypervisors[0] ?? '',
      };
    });
    const nodes = Object.values(cfg.nodes).filter((n) => !n.offline && n.vm_capable);
    const infos = await nodeInfos(this.rt, nodes);
    const now = this.cfg.get();
    const doc = buildInput(now, infos, this.rt.capacity.usage(now), { type: 'multi-allocate', instances: requests });
    const run = await runAllocator(this.rt.paths, this.allocator, doc, this.rt.signal);
    const answer = run.answer;
    const result = answer.result as unknown;
    if (!answer.success || !Array.isArray(result) || result.length !== 2 || !Array.isArray(result[0]) || !Array.isArray(result[1])) {
      throw new OpPrereqError(`Can't compute nodes using iallocator '${this.allocator}': ${answer.info}`, { ecode: 'insufficient_resources' });
    }
    const placed = new Map<string, string[]>();
    for (const entry of result[0] as unknown[]) {
      if (Array.isArray(entry) && typeof entry[0] === 'string' && Array.isArray(entry[1])) placed.set(entry[0], (entry[1] as unknown[]).map(String));
    }
    const failed = (result[1] as unknown[]).map((f) => String(Array.isArray(f) ? f[0] : f));
    const jobs: Opcode[][] = [];
    const allocatable: string[] = [];
    for (const c of this.creates) {
      const ns = placed.get(c.instance_name);
      if (!ns) continue;
      allocatable.push(c.instance_name);
      this.logInfo(`Selected nodes for instance ${c.instance_name} via iallocator ${this.allocator}: ${ns.join(', ')}`);
      jobs.push(asJob({ ...c, iallocator: null, pnode: ns[0]!, ...(ns[1] ? { snode: ns[1] } : {}) } as CreateOp));
    }
    for (const name of failed) this.logWarning(`Instance ${name} could not be allocated: ${answer.info}`);
    return new ResultWithJobs(jobs, { allocatable, failed });
  }
}
