// OP_NETWORK_ADD and OP_NETWORK_REMOVE (Ganeti's LUNetworkAdd, LUNetworkRemove).
import { randomUUID } from 'node:crypto';
import { OpPrereqError } from '../../../common/errors.js';
import { now, type Network } from '../../../common/objects.js';
import type { OpNetworkAdd, OpNetworkRemove } from '../../../common/opcodes/network.js';
import { validateTag } from '../../../common/tags.js';
import { AddressPool, parseNetwork } from '../../address-pool.js';
import { niceSort } from '../../query/nice-sort.js';
import { LogicalUnit } from '../logical-unit.js';
import { expandNetwork, findNetwork, instancesOn } from './lookup.js';
import { checkGateway, checkIpv6, checkMacPrefix, checkNetworkName, reserveExternal } from './checks.js';

type AddOp = ReturnType<typeof OpNetworkAdd.validate>;
type RemoveOp = ReturnType<typeof OpNetworkRemove.validate>;

export class LUNetworkAdd extends LogicalUnit<AddOp> {
  override bglExclusive = true;

  override checkArguments(): void {
    const op = this.op;
    checkNetworkName(op.network_name);
    parseNetwork(op.network);
    if (op.gateway) checkGateway(op.network, op.gateway);
    if (op.network6) checkIpv6(op.network6, true);
    if (op.gateway6) checkIpv6(op.gateway6, false);
    if (op.mac_prefix) checkMacPrefix(op.mac_prefix);
    for (const tag of op.tags) validateTag(tag);
  }

  override checkPrereq(): void {
    if (findNetwork(this.cfg.get(), this.op.network_name)) {
      throw new OpPrereqError(`Network '${this.op.network_name}' already defined`, { ecode: 'already_exists' });
    }
  }

  override async exec(): Promise<unknown> {
    const op = this.op;
    const t = now();
    const maps = AddressPool.initialMaps(op.network, op.gateway);
    const net: Network = {
      uuid: randomUUID(), name: op.network_name, network: op.network, gateway: op.gateway, network6: op.network6,
      gateway6: op.gateway6, mac_prefix: op.mac_prefix?.toLowerCase() ?? null, ...maps, tags: op.tags, ctime: t, mtime: t, serial_no: 1,
    };
    for (const ip of op.add_reserved_ips ?? []) reserveExternal(net, ip, true);
    if (op.conflicts_check) {
      // Ganeti warns about node addresses inside the new network.
      const pool = new AddressPool(net);
      for (const n of Object.values(this.cfg.get().nodes)) {
        if (pool.contains(n.primary_ip)) this.logWarning(`Node ${n.name} has the address ${n.primary_ip} inside network ${net.name}`);
      }
    }
    await this.cfg.update((c) => {
      if (findNetwork(c, net.name)) throw new OpPrereqError(`Network '${net.name}' already defined`, { ecode: 'already_exists' });
      c.networks[net.uuid] = net;
    });
    return net.uuid;
  }
}

export class LUNetworkRemove extends LogicalUnit<RemoveOp> {
  override bglExclusive = true;
  private uuid = '';

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const net = expandNetwork(cfg, this.op.network_name);
    this.uuid = net.uuid;
    const groups = Object.values(cfg.nodegroups).filter((g) => net.uuid in (g.networks ?? {})).map((g) => g.name);
    if (groups.length) {
      throw new OpPrereqError(`Network '${net.name}' is connected to node group(s) ${niceSort(groups).join(', ')}; disconnect it first`, { ecode: 'wrong_state' });
    }
    const used = instancesOn(cfg, net.uuid);
    if (used.length) {
      throw new OpPrereqError(`Network '${net.name}' is in use by instance(s) ${niceSort(used).join(', ')}`, { ecode: 'wrong_state' });
    }
  }

  override async exec(): Promise<unknown> {
    await this.cfg.update((c) => { delete c.networks[this.uuid]; });
    return null;
  }
}
