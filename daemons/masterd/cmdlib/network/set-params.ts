// OP_NETWORK_SET_PARAMS (Ganeti's LUNetworkSetParams): gateway, IPv6 subnet and gateway,
// MAC prefix and external reservations; 'none' clears an optional value.
import { OpPrereqError } from '../../../common/errors.js';
import { now } from '../../../common/objects.js';
import type { OpNetworkSetParams } from '../../../common/opcodes/network.js';
import { AddressPool } from '../../address-pool.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkGateway, checkIpv6, checkMacPrefix, reserveExternal } from './checks.js';
import { expandNetwork } from './lookup.js';

type Op = ReturnType<typeof OpNetworkSetParams.validate>;
const none = (v: string | null) => v === 'none' || v === '';

export class LUNetworkSetParams extends LogicalUnit<Op> {
  override bglExclusive = true;
  private uuid = '';

  override checkArguments(): void {
    const op = this.op;
    if ([op.gateway, op.network6, op.gateway6, op.mac_prefix, op.add_reserved_ips, op.remove_reserved_ips].every((v) => v === null)) {
      throw new OpPrereqError('Please pass at least one modification', { ecode: 'wrong_input' });
    }
    if (op.network6 && !none(op.network6)) checkIpv6(op.network6, true);
    if (op.gateway6 && !none(op.gateway6)) checkIpv6(op.gateway6, false);
    if (op.mac_prefix && !none(op.mac_prefix)) checkMacPrefix(op.mac_prefix);
  }

  override checkPrereq(): void {
    const net = expandNetwork(this.cfg.get(), this.op.network_name);
    this.uuid = net.uuid;
    if (this.op.gateway && !none(this.op.gateway)) {
      checkGateway(net.network, this.op.gateway);
      const pool = new AddressPool(net);
      if (this.op.gateway !== net.gateway && pool.isReserved(this.op.gateway)) {
        throw new OpPrereqError(`Gateway IP address ${this.op.gateway} is already reserved`, { ecode: 'wrong_state' });
      }
    }
    const draft = structuredClone(net);
    for (const ip of this.op.add_reserved_ips ?? []) reserveExternal(draft, ip, true);
    for (const ip of this.op.remove_reserved_ips ?? []) {
      if (ip === net.gateway) throw new OpPrereqError(`Cannot unreserve the gateway's IP address ${ip}`, { ecode: 'wrong_input' });
      reserveExternal(draft, ip, false);
    }
  }

  override async exec(): Promise<unknown> {
    const op = this.op;
    await this.cfg.update((c) => {
      const net = c.networks[this.uuid]!;
      if (op.gateway !== null) {
        const pool = new AddressPool(net);
        if (net.gateway) net.ext_reservations = pool.setBit(net.ext_reservations, pool.index(net.gateway), '0');
        net.gateway = none(op.gateway) ? null : op.gateway;
        if (net.gateway) net.ext_reservations = pool.setBit(net.ext_reservations, pool.index(net.gateway), '1');
      }
      if (op.network6 !== null) net.network6 = none(op.network6) ? null : op.network6;
      if (op.gateway6 !== null) net.gateway6 = none(op.gateway6) ? null : op.gateway6;
      if (op.mac_prefix !== null) net.mac_prefix = none(op.mac_prefix) ? null : op.mac_prefix.toLowerCase();
      for (const ip of op.add_reserved_ips ?? []) reserveExternal(net, ip, true);
      for (const ip of op.remove_reserved_ips ?? []) reserveExternal(net, ip, false);
      net.serial_no += 1; net.mtime = now();
    });
    return null;
  }
}
