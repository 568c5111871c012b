// OP_OOB_COMMAND (Ganeti's LUOobCommand): runs a node's out-of-band program (its oob_program
// node parameter, cluster -> group -> node) on the master node for each named node (all
// nodes when none is named, the master excepted for power-off and power-cycle). As Ganeti:
// power-off and power-cycle never touch the master; power-off needs the node marked offline
// unless ignore_status; power-on and power-off record the node's `powered` state; power-on
// waits power_delay seconds between two nodes; health warnings are logged. The result has
// one entry per node, nicely sorted: [[RS_NORMAL, name], [status, payload]], status
// RS_UNAVAIL when the node has no OOB program, RS_NODATA when the program failed or its
// answer was not valid.
import { LockLevel } from '../../../common/constants.js';
import { delay } from '../../../common/async.js';
import { OpPrereqError } from '../../../common/errors.js';
import type { ClusterConfig, Node } from '../../../common/objects.js';
import { OOB_SKIP_MASTER, oobPayloadProblems } from '../../../common/oob.js';
import type { OpOobCommand } from '../../../common/opcodes/index.js';
import { niceSortBy } from '../../query/nice-sort.js';
import { RS } from '../../query/types.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpOobCommand.validate>;

/** Ganeti's SupportsOob: the node's filled oob_program, or null when it has none. */
export function supportsOob(cfg: Readonly<ClusterConfig>, node: Readonly<Node>): string | null {
  const group = cfg.nodegroups[node.group];
  const nd = { ...cfg.cluster.ndparams, ...(group?.ndparams ?? {}), ...node.ndparams };
  const p = nd.oob_program;
  return typeof p === 'string' && p ? p : null;
}

export class LUOobCommand extends LogicalUnit<Op> {
  override requiresBgl = false;
  private nodes: Readonly<Node>[] = [];

  override expandNames(): void {
    const names = this.op.node_names.map((n) => this.cfg.expandNode(n).name);
    this.needLocks.set(LockLevel.Node, names.length ? names : 'ALL');
    this.shareLocks.add(LockLevel.Node);
  }

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const master = cfg.nodes[cfg.cluster.master_node]!;
    const skipMaster = OOB_SKIP_MASTER.includes(this.op.command);
    let nodes: Readonly<Node>[];
    if (this.op.node_names.length) {
      nodes = [...new Map(this.op.node_names.map((n) => this.cfg.expandNode(n)).map((n) => [n.uuid, n])).values()];
      if (skipMaster && nodes.some((n) => n.uuid === master.uuid)) {
        const handler = supportsOob(cfg, master);
        const extra = handler
          ? `run '${handler} ${this.op.command} ${master.name}' if you want to operate on the master regardless`
          : 'it does not support out-of-band operations';
        throw new OpPrereqError(`Operating on the master node ${master.name} is not allowed for ${this.op.command}; ${extra}`, { ecode: 'wrong_input' });
      }
    } else {
      nodes = Object.values(cfg.nodes).filter((n) => !(skipMaster && n.uuid === master.uuid));
    }
    for (const n of nodes) {
      if (!this.op.ignore_status && this.op.command === 'power-off' && !n.offline) {
        throw new OpPrereqError(`Cannot power off node ${n.name} because it is not marked offline`, { ecode: 'wrong_state' });
      }
    }
    this.nodes = niceSortBy(nodes, (n) => n.name);
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const master = cfg.nodes[cfg.cluster.master_node]!;
    const command = this.op.command;
    const ret: unknown[] = [];
    for (const [idx, node] of this.nodes.entries()) {
      const entry: unknown[] = [[RS.Normal, node.name]];
      ret.push(entry);
      const program = supportsOob(this.cfg.get(), node);
      if (!program) { entry.push([RS.Unavail, null]); continue; }
      const r = await this.rt.rpc.call(nodeTarget(master), 'RunOob',
        { program, command, node: node.name, timeout: this.op.timeout },
        { timeoutMs: (this.op.timeout + 30) * 1000, signal: this.rt.signal });
      if (r.failed) {
        this.logWarning(`Out-of-band RPC failed on node '${node.name}': ${r.failMsg}`);
        entry.push([RS.NoData, null]);
        continue;
      }
      const text = r.payload!.stdout.trim();
      let payload: unknown = null;
      let problems: string[];
      try {
        payload = text ? JSON.parse(text) : null;
        problems = oobPayloadProblems(command, payload);
      } catch (err) {
        problems = [`the output is not JSON (${(err as Error).message})`];
      }
      if (problems.length) {
        this.logWarning(`Payload returned by node '${node.name}' is not valid: Check of out-of-band payload failed due to ${problems.join(', ')}`);
        entry.push([RS.NoData, null]);
        continue;
      }
      if (command === 'health') {
        for (const [item, status] of payload as [string, string][]) {
          if (status === 'WARNING' || status === 'CRITICAL') this.logWarning(`Item '${item}' on node '${node.name}' has status '${status}'`);
        }
      } else if (command === 'power-status') {
        const powered = (payload as { powered: boolean }).powered;
        if (powered !== node.powered) {
          this.rt.log.warn(`Recorded power state (${node.powered}) of node '${node.name}' does not match actual power state (${powered})`);
        }
      } else if (command === 'power-on' || command === 'power-off') {
        const powered = command === 'power-on';
        await this.cfg.update((c) => {
          const n = c.nodes[node.uuid];
          if (!n) return;
          n.powered = powered;
          n.serial_no += 1;
          n.mtime = Date.now() / 1000;
        });
      }
      entry.push([RS.Normal, payload]);
      if (command === 'power-on' && idx < this.nodes.length - 1) await delay(this.op.power_delay * 1000, this.rt.signal);
    }
    return ret;
  }
}
