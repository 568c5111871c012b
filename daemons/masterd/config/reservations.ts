// Ganeti's TemporaryReservationManager: values (MACs, names, ports) that a running job
// has chosen but not yet written to the config, so two jobs cannot pick the same one.
// Reservations live in memory only and are dropped when the owning job ends.
import { randomBytes } from 'node:crypto';
import { OpPrereqError } from '../../common/errors.js';

export type ReservationKind = 'mac' | 'name' | 'port';

const LABEL: Record<ReservationKind, string> = { mac: 'MAC address', name: 'Name', port: 'Port' };
const MAC_PREFIX = /^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/;
const MAC_ATTEMPTS = 1000;

export class Reservations {
  private readonly byKind: Record<ReservationKind, Map<string, string>> = {
    mac: new Map(), name: new Map(), port: new Map(),
  };

  /**
   * Reserves value for owner. `inConfig` says whether the config already uses it.
   * Reserving again for the same owner is a no-op.
   */
  reserve(kind: ReservationKind, value: string, owner: string, inConfig: (kind: ReservationKind, v: string) => boolean): void {
    const key = kind === 'mac' ? value.toLowerCase() : value;
    const holder = this.byKind[kind].get(key);
    if (holder === owner) return;
    if (holder !== undefined) {
      throw new OpPrereqError(`${LABEL[kind]} '${value}' is already reserved by another job (${holder})`,
        { ecode: 'already_exists' });
    }
    if (inConfig(kind, key)) {
      throw new OpPrereqError(`${LABEL[kind]} '${value}' already in use in cluster`, { ecode: 'already_exists' });
    }
    this.byKind[kind].set(key, owner);
  }

  isReserved(kind: ReservationKind, value: string): boolean {
    return this.byKind[kind].has(kind === 'mac' ? value.toLowerCase() : value);
  }

  releaseOwner(owner: string): void {
    for (const m of Object.values(this.byKind)) {
      for (const [v, o] of m) if (o === owner) m.delete(v);
    }
  }

  /** A random MAC 'prefix:xx:xx:xx' neither in the config nor reserved, reserved for owner. */
  generateMac(prefix: string, owner: string, inConfig: (kind: ReservationKind, v: string) => boolean): string {
    const p = prefix.toLowerCase();
    if (!MAC_PREFIX.test(p)) {
      throw new OpPrereqError(`Invalid MAC prefix '${prefix}': expected three hex octets such as aa:00:00`,
        { ecode: 'wrong_input' });
    }
    for (let i = 0; i < MAC_ATTEMPTS; i++) {
      const b = randomBytes(3);
      const mac = `${p}:${hex(b[0]!)}:${hex(b[1]!)}:${hex(b[2]!)}`;
      if (this.isReserved('mac', mac) || inConfig('mac', mac)) continue;
      this.byKind.mac.set(mac, owner);
      return mac;
    }
    throw new OpPrereqError(`Cannot generate a unique MAC address with prefix ${prefix}`,
      { ecode: 'insufficient_resources' });
  }
}

function hex(n: number): string { return n.toString(16).padStart(2, '0'); }
