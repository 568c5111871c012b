// OP_INSTANCE_QUERY_DATA (LUInstanceQueryData): everything `gnt-instance info` prints, with
// the live state from the primary node unless static.
import { OpPrereqError } from '../../../common/errors.js';
import { fillBeParams, fillNicParams, type Instance } from '../../../common/objects.js';
import { fillHvParams, findHypervisor } from '../../../hypervisor/descriptors.js';
import type { OpInstanceQueryData } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';

type Op = ReturnType<typeof OpInstanceQueryData.validate>;

export class LUInstanceQueryData extends LogicalUnit<Op> {
  override requiresBgl = false;
  private wanted: Instance[] = [];

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    this.wanted = this.op.instances.length
      ? this.op.instances.map((n) => this.cfg.expandInstance(n))
      : Object.values(cfg.instances).sort((a, b) => a.name.localeCompare(b.name));
    if (!this.wanted.length && this.op.instances.length) throw new OpPrereqError('No instances found', { ecode: 'unknown_entity' });
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const out: Record<string, unknown> = {};
    const live = new Map<string, string>();
    if (!this.op.static) {
      const byNode = new Map<string, Instance[]>();
      for (const i of this.wanted) byNode.set(i.primary_node, [...(byNode.get(i.primary_node) ?? []), i]);
      await Promise.all([...byNode.keys()].map(async (uuid) => {
        const node = cfg.nodes[uuid]!;
        const r = await this.rt.rpc.call(nodeTarget(node), 'InstanceList', { hypervisors: cfg.cluster.enabled_hypervisors }, { signal: this.rt.signal });
        if (r.failed) return;
        for (const rt of r.payload!.instances) live.set(`${uuid}/${rt.name}`, rt.state);
      }));
    }
    for (const inst of this.wanted) {
      const pnode = cfg.nodes[inst.primary_node];
      const group = pnode ? cfg.nodegroups[pnode.group] : undefined;
      const state = live.get(`${inst.primary_node}/${inst.name}`);
      // A suspended instance's state is in a file on its node, not in a hypervisor process (issue 13).
      const runState = this.op.static ? null : state === 'running' ? 'up' : state === 'user_down' ? 'user down'
        : inst.admin_state === 'suspended' ? 'suspended' : 'down';
      out[inst.name] = {
        name: inst.name, uuid: inst.uuid, serial_no: inst.serial_no, ctime: inst.ctime, mtime: inst.mtime,
        config_state: inst.admin_state, run_state: runState,
        pnode: pnode?.name ?? inst.primary_node, pnode_group_name: group?.name ?? '', pnode_group_uuid: group?.uuid ?? '',
        snodes: inst.secondary_nodes.map((u) => cfg.nodes[u]?.name ?? u),
        os: inst.os, osparams: inst.osparams, network_port: inst.network_port, hypervisor: inst.hypervisor,
        hv_instance: inst.hvparams, hv_actual: fillHvParams(cfg.cluster, inst),
        be_instance: inst.beparams, be_actual: fillBeParams(cfg.cluster, inst),
        disk_template: inst.disk_template,
        nics: inst.nics.map((n) => {
          const p = fillNicParams(cfg.cluster, n);
          return { name: n.name || null, uuid: n.uuid, mac: n.mac, ip: n.ip, mode: p.mode, link: p.link, vlan: p.vlan, network: n.network };
        }),
        disks: inst.disks.map((d) => ({
          iv_name: d.iv_name, dev_type: d.dev_type, size: d.size, mode: d.mode, logical_id: d.logical_id,
          path: d.logical_id[1] ?? null, name: d.name || null, uuid: d.uuid, persistent: d.params.persistent !== 'no',
        })),
        snapshots: (inst.snapshots ?? []).map((x) => ({ name: x.name, ctime: x.ctime, sizes: x.disks.map((d) => d.size), memory: !!x.memory })),
        // A hypervisor whose only console is a message (fake) says so; others tell it when running.
        console: findHypervisor(inst.hypervisor)?.capabilities.consoles.every((k) => k === 'message')
          ? `Console not available for ${inst.hypervisor} hypervisor` : null,
        owner: inst.owner ?? null,
      };
    }
    return out;
  }
}
