// OP_NETWORK_RENAME (Ganeti's LUNetworkRename): NICs, groups and reservations refer to the
// network by uuid, so only the name changes; the new name follows the rules of add.
import { OpPrereqError } from '../../../common/errors.js';
import { now } from '../../../common/objects.js';
import type { OpNetworkRename } from '../../../common/opcodes/network.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkNetworkName } from './checks.js';
import { expandNetwork, findNetwork } from './lookup.js';

type Op = ReturnType<typeof OpNetworkRename.validate>;

export class LUNetworkRename extends LogicalUnit<Op> {
  override bglExclusive = true;
  private uuid = '';

  override checkArguments(): void { checkNetworkName(this.op.new_name); }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const net = expandNetwork(cfg, this.op.network_name);
    this.uuid = net.uuid;
    const other = findNetwork(cfg, this.op.new_name);
    if (other) {
      throw new OpPrereqError(other.uuid === net.uuid ? `Network '${net.name}' is already called '${this.op.new_name}'`
        : `Network '${this.op.new_name}' already defined`, { ecode: 'already_exists' });
    }
  }

  override async exec(): Promise<string> {
    await this.cfg.update((c) => {
      const n = c.networks[this.uuid]!;
      n.name = this.op.new_name; n.serial_no += 1; n.mtime = now();
    });
    return this.op.new_name;
  }
}
