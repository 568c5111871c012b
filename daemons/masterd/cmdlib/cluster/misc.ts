// Small cluster-wide LUs: post-init, redist-conf.
import { LogicalUnit } from '../logical-unit.js';
import type { Opcode } from '../../../common/opcodes/index.js';

export class LUClusterPostInit extends LogicalUnit<Opcode> {
  override checkPrereq(): void {}
  override async exec(): Promise<unknown> { return true; }
}

export class LUClusterRedistConf extends LogicalUnit<Opcode> {
  override bglExclusive = true;
  override checkPrereq(): void {}
  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const failed = await this.rt.replicator.redistribute(this.cfg.lastCommit(), cfg);
    for (const n of failed) this.logWarning(`Copy of the configuration or ssconf to node ${n} failed`);
    return null;
  }
}
