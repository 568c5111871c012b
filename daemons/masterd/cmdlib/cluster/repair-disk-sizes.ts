// OP_CLUSTER_REPAIR_DISK_SIZES (Ganeti's LUClusterRepairDiskSizes, gnt-cluster
// repair-disk-sizes): each disk's primary node reports the disk's real size; a recorded
// size that differs is corrected. Result: [[instance, disk index, 'size', new MiB], ...].
import type { OpClusterRepairDiskSizes } from '../../../common/opcodes/index.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { diskRequest } from '../instance/disk-common.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpClusterRepairDiskSizes.validate>;

export class LUClusterRepairDiskSizes extends LogicalUnit<Op> {
  private names: string[] = [];

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    this.names = this.op.instances.length ? this.op.instances.map((n) => this.cfg.expandInstance(n).name)
      : Object.values(cfg.instances).map((i) => i.name).sort();
  }

  override async exec(): Promise<[string, number, 'size', number][]> {
    const changed: [string, number, 'size', number][] = [];
    for (const name of this.names) {
      const cfg = this.cfg.get();
      const inst = this.cfg.instanceByName(name);
      if (!inst || !inst.disks.length) continue;
      const node = cfg.nodes[inst.primary_node];
      if (!node || node.offline) continue;
      for (const [idx, disk] of inst.disks.entries()) {
        const r = await this.rt.rpc.call(nodeTarget(node), 'BlockdevGetDimensions', diskRequest(cfg, inst, disk), { signal: this.rt.signal });
        if (r.failed) { this.logWarning(`Failure in blockdev_getdimensions call to node ${node.name}, ignoring`); continue; }
        const dims = r.payload!;
        if (!dims.found) { this.logWarning(`Disk ${idx} of instance ${name} did not return size information, ignoring`); continue; }
        const size = Number(dims.size);
        if (size === disk.size) continue;
        this.logInfo(`Disk ${idx} of instance ${name} has mismatched size, correcting: recorded ${disk.size}, actual ${size}`);
        const uuid = disk.uuid;
        await this.cfg.update((c) => {
          const d = c.instances[inst.uuid]?.disks.find((x) => x.uuid === uuid);
          if (d) d.size = size;
        });
        changed.push([name, idx, 'size', size]);
      }
    }
    return changed;
  }
}
