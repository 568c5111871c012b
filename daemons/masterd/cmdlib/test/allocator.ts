// OP_TEST_ALLOCATOR (LUTestAllocator, gnt-debug iallocator): builds the iallocator input
// document for a request as the master would send it, and returns it (direction in) or the
// allocator's answer (direction out), as text.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpTestAllocator } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeInfos } from '../instance/placement.js';
import { buildInput, diskSpaceTotal } from '../../iallocator/input.js';
import { DEFAULT_IALLOCATOR, findAllocator, runAllocator } from '../../iallocator/run.js';

type Op = ReturnType<typeof OpTestAllocator.validate>;
const bad = (m: string) => new OpPrereqError(m, { ecode: 'wrong_input' });

export class LUTestAllocator extends LogicalUnit<Op> {
  override expandNames(): void {}

  override checkPrereq(): void {
    const op = this.op;
    if (op.direction === 'out') findAllocator(this.rt.paths, op.iallocator ?? DEFAULT_IALLOCATOR);
    if (op.mode === 'allocate' || op.mode === 'multi-allocate') {
      if (op.memory === null || op.memory === undefined || op.vcpus === null || op.vcpus === undefined) throw bad('Missing memory or vcpus for an allocation request');
      if (!op.disk_template) throw bad('Missing disk template for an allocation request');
      if (this.cfg.get().instances && Object.values(this.cfg.get().instances).some((i) => i.name === op.name)) {
        throw bad(`Instance '${op.name}' already in the cluster`);
      }
    } else if (op.mode === 'relocate') {
      this.cfg.expandInstance(op.name);
    } else {
      for (const i of op.instances) this.cfg.expandInstance(i);
    }
  }

  private request(): Record<string, unknown> {
    const op = this.op; const cfg = this.cfg.get();
    const sizes = op.disks.map((d) => Number((d as { size?: unknown }).size ?? 0));
    const one = (name: string) => ({
      name, disk_template: op.disk_template, tags: op.tags, os: op.os ?? '', vcpus: op.vcpus, memory: op.memory,
      spindle_use: op.spindle_use, disks: op.disks.map((d) => ({ mode: 'rw', ...d })), disk_space_total: diskSpaceTotal(op.disk_template ?? 'diskless', sizes),
      nics: op.nics, required_nodes: op.disk_template === 'drbd' ? 2 : 1, hypervisor: op.hypervisor ?? cfg.cluster.enabled_hypervisors[0] ?? '',
    });
    switch (op.mode) {
      case 'allocate': return { type: 'allocate', ...one(op.name), ...(op.group_name ? { group_name: op.group_name } : {}) };
      case 'multi-allocate': return { type: 'multi-allocate', instances: Array.from({ length: op.count }, (_, k) => one(op.count > 1 ? `${op.name}${k}` : op.name)) };
      case 'relocate': {
        const inst = this.cfg.expandInstance(op.name);
        const from = inst.disk_template === 'drbd' ? inst.secondary_nodes : [inst.primary_node];
        return { type: 'relocate', name: inst.name, required_nodes: 1, relocate_from: from.map((u) => cfg.nodes[u]?.name ?? u) };
      }
      case 'node-evacuate': return { type: 'node-evacuate', instances: op.instances.map((i) => this.cfg.expandInstance(i).name), evac_mode: op.evac_mode ?? 'all' };
      case 'change-group': return { type: 'change-group', instances: op.instances.map((i) => this.cfg.expandInstance(i).name), target_groups: op.target_groups };
    }
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const infos = await nodeInfos(this.rt, Object.values(cfg.nodes).filter((n) => !n.offline && n.vm_capable));
    const doc = buildInput(this.cfg.get(), infos, this.rt.capacity.usage(this.cfg.get()), this.request());
    if (this.op.direction === 'in') return JSON.stringify(doc, null, 2);
    const { output } = await runAllocator(this.rt.paths, this.op.iallocator ?? DEFAULT_IALLOCATOR, doc, this.rt.signal);
    return output;
  }
}
