// OP_TEST_DELAY (LUTestDelay): sleep on the master and/or nodes; used to test locking,
// cancellation and the queue. Nodes are locked (shared) unless no_locks.
import { LockLevel } from '../../../common/constants.js';
import { delay } from '../../../common/async.js';
import type { OpTestDelay } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';

type Op = ReturnType<typeof OpTestDelay.validate>;

export class LUTestDelay extends LogicalUnit<Op> {
  private nodes: string[] = [];

  override expandNames(): void {
    this.nodes = this.op.on_nodes.map((n) => this.cfg.expandNode(n).name);
    if (!this.op.no_locks && this.nodes.length) this.needLocks.set(LockLevel.Node, this.nodes);
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    // A sleep on the master alone leaves nothing behind: like a job that has not started yet
    // (Ganeti's job process takes a moment to start), it can be cancelled while it runs. A
    // delay on nodes has work out on them, so it has started like any other job.
    if (this.nodes.length) return this.sleep();
    this.rt.setCancellable?.(true);
    try { return await this.sleep(); } finally { this.rt.setCancellable?.(false); }
  }

  private async sleep(): Promise<null> {
    for (let i = 0; i <= this.op.repeat; i++) {
      if (this.op.repeat) this.logInfo(`Test delay iteration ${i}/${this.op.repeat}`);
      const waits: Promise<unknown>[] = [];
      if (this.op.on_master) waits.push(delay(this.op.duration * 1000, this.rt.signal));
      if (this.nodes.length) {
        const targets = this.nodes.map((n) => nodeTarget(this.cfg.nodeByName(n)!));
        waits.push(this.rt.rpc.callMany(targets, 'TestDelay', { duration: this.op.duration }, { signal: this.rt.signal }).then((res) => {
          for (const r of res.values()) r.raise(`Failure during rpc call to node ${r.node}`);
        }));
      }
      await Promise.all(waits);
    }
    return null;
  }
}
