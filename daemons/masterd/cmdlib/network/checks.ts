// Argument checks of the network LUs, with Ganeti's messages.
import { OpPrereqError } from '../../../common/errors.js';
import type { Network } from '../../../common/objects.js';
import { AddressPool } from '../../address-pool.js';

function bad(msg: string): never { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); }

export function checkNetworkName(name: string): void {
  if (!/^[A-Za-z0-9][A-Za-z0-9._+-]{0,62}$/.test(name)) {
    bad(`Invalid network name '${name}': use letters, digits, '.', '-', '_' and '+' (at most 63 characters)`);
  }
}

export function checkGateway(cidr: string, gateway: string): void {
  const pool = new AddressPool({ name: '', network: cidr, reservations: '', ext_reservations: '' });
  if (!pool.contains(gateway)) bad(`Gateway ${gateway} does not belong to network ${cidr}`);
}

const HEX4 = /^[0-9a-fA-F]{1,4}$/;
export function checkIpv6(value: string, isNet: boolean): void {
  const [addr, len] = value.split('/');
  const okLen = isNet ? len !== undefined && /^\d+$/.test(len) && Number(len) <= 128 : len === undefined;
  const groups = (addr ?? '').split('::');
  const parts = groups.flatMap((g) => (g ? g.split(':') : []));
  const ok = okLen && groups.length <= 2 && parts.every((p) => HEX4.test(p)) && (groups.length === 2 ? parts.length < 8 : parts.length === 8);
  if (!ok) bad(`Invalid IPv6 ${isNet ? 'network' : 'address'} '${value}'${isNet ? ' (expected e.g. 2001:db8::/64)' : ''}`);
}

export function checkMacPrefix(prefix: string): void {
  if (!/^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/.test(prefix.toLowerCase())) bad(`Invalid MAC prefix '${prefix}' (expected three hex octets like aa:00:00)`);
}

/** --add-reserved-ips / --remove-reserved-ips on a network object. */
export function reserveExternal(net: Network, ip: string, on: boolean): void {
  const pool = new AddressPool(net);
  const i = pool.index(ip);
  if (on && net.reservations[i] === '1') bad(`IP address ${ip} is already used by an instance of network ${net.name}`);
  net.ext_reservations = pool.setBit(net.ext_reservations, i, on ? '1' : '0');
}
