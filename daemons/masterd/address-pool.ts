// A network's IPv4 address pool (Ganeti's network.AddressPool): one character per address,
// '1' taken. `reservations` are instance addresses, `ext_reservations` those taken outside
// Ganeti (network and broadcast address, gateway, --add-reserved-ips).
import { OpPrereqError } from '../common/errors.js';
import type { Network } from '../common/objects.js';

const IP_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;
/** Ganeti refuses networks larger than a /16 (its bitarray would be too big), and smaller than a /30. */
export const MIN_PREFIX = 16;
export const MAX_PREFIX = 30;

function bad(msg: string): never { throw new OpPrereqError(msg, { ecode: 'wrong_input' }); }

export function parseIpv4(ip: string): number | null {
  const m = IP_RE.exec(ip);
  if (!m) return null;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return null;
  return ((parts[0]! << 24) >>> 0) + (parts[1]! << 16) + (parts[2]! << 8) + parts[3]!;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/** a.b.c.d/len: the base address and size; refuses host bits set and sizes Ganeti refuses. */
export function parseNetwork(cidr: string): { base: number; size: number; prefix: number } {
  const [addr, len] = cidr.split('/');
  const base = addr === undefined ? null : parseIpv4(addr);
  const prefix = len !== undefined && /^\d+$/.test(len) ? Number(len) : NaN;
  if (base === null || !Number.isInteger(prefix)) bad(`Invalid network '${cidr}' (expected an IPv4 network like 192.0.2.0/24)`);
  if (prefix < MIN_PREFIX || prefix > MAX_PREFIX) bad(`Invalid network '${cidr}': the prefix length must be from ${MIN_PREFIX} to ${MAX_PREFIX}`);
  const size = 2 ** (32 - prefix);
  if (base % size !== 0) bad(`Invalid network '${cidr}': host bits are set (did you mean ${formatIpv4(base - (base % size))}/${prefix}?)`);
  return { base, size, prefix };
}

export class AddressPool {
  private readonly base: number;
  private readonly size: number;
  constructor(private readonly net: Pick<Network, 'name' | 'network' | 'reservations' | 'ext_reservations'>) {
    ({ base: this.base, size: this.size } = parseNetwork(net.network));
  }

  /** A new network's maps: the network address, the broadcast address and the gateway reserved externally. */
  static initialMaps(cidr: string, gateway: string | null): { reservations: string; ext_reservations: string } {
    const { size } = parseNetwork(cidr);
    const maps = { reservations: '0'.repeat(size), ext_reservations: '0'.repeat(size) };
    const pool = new AddressPool({ name: '', network: cidr, ...maps });
    let ext = pool.setBit(maps.ext_reservations, 0, '1');
    ext = pool.setBit(ext, size - 1, '1');
    if (gateway) ext = pool.setBit(ext, pool.index(gateway), '1');
    return { reservations: maps.reservations, ext_reservations: ext };
  }

  contains(ip: string): boolean {
    const n = parseIpv4(ip);
    return n !== null && n >= this.base && n < this.base + this.size;
  }

  /** The address's position in the maps; wrong_input when it is not in the network. */
  index(ip: string): number {
    const n = parseIpv4(ip);
    if (n === null) bad(`Invalid IPv4 address '${ip}'`);
    if (n < this.base || n >= this.base + this.size) bad(`IP address ${ip} does not belong to network ${this.net.name} (${this.net.network})`);
    return n - this.base;
  }

  /** Taken by an instance or reserved externally. */
  isReserved(ip: string): boolean {
    const i = this.index(ip);
    return this.net.reservations[i] === '1' || this.net.ext_reservations[i] === '1';
  }

  /** The first address neither reserved nor taken, or null when the pool is full. */
  freeAddress(): string | null {
    for (let i = 0; i < this.size; i++) {
      if (this.net.reservations[i] !== '1' && this.net.ext_reservations[i] !== '1') return formatIpv4(this.base + i);
    }
    return null;
  }

  freeCount(): number {
    let n = 0;
    for (let i = 0; i < this.size; i++) if (this.net.reservations[i] !== '1' && this.net.ext_reservations[i] !== '1') n++;
    return n;
  }

  reservedCount(): number { return this.size - this.freeCount(); }

  /** Ganeti's map field: X external, 1 instance, . free. */
  map(): string {
    let s = '';
    for (let i = 0; i < this.size; i++) s += this.net.ext_reservations[i] === '1' ? 'X' : this.net.reservations[i] === '1' ? '1' : '.';
    return s;
  }

  externalReservations(): string[] {
    const out: string[] = [];
    for (let i = 0; i < this.size; i++) if (this.net.ext_reservations[i] === '1') out.push(formatIpv4(this.base + i));
    return out;
  }

  setBit(map: string, i: number, v: '0' | '1'): string { return map.slice(0, i) + v + map.slice(i + 1); }
}

/** Takes ip (or a free address for 'pool') in a config network; throws when taken. Returns the address. */
export function reserveAddress(net: Network, ip: string, what: string): string {
  const pool = new AddressPool(net);
  const addr = ip === 'pool' ? pool.freeAddress() : ip;
  if (addr === null) throw new OpPrereqError(`Network ${net.name} has no free address left for ${what}`, { ecode: 'insufficient_resources' });
  if (pool.isReserved(addr)) {
    throw new OpPrereqError(`IP address ${addr} already in use or does not belong to network ${net.name} (${what})`, { ecode: 'resource_not_unique' });
  }
  net.reservations = pool.setBit(net.reservations, pool.index(addr), '1');
  return addr;
}

/** Gives an instance's address back to its network's pool (instance removal). */
export function releaseAddress(net: Network, ip: string): void {
  const pool = new AddressPool(net);
  if (!pool.contains(ip)) return;
  net.reservations = pool.setBit(net.reservations, pool.index(ip), '0');
}
