// OP_NODE_REMOVE (LUNodeRemove): only an empty, non-master node; it is told to leave the
// cluster (drops its certificates and stops its daemon), then dropped from the config.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpNodeRemove } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { promoteCandidates } from './candidates.js';

type Op = ReturnType<typeof OpNodeRemove.validate>;

export class LUNodeRemove extends LogicalUnit<Op> {
  override bglExclusive = true;
  private uuid = '';

  override checkPrereq(): void {
    const cfg = this.cfg.get();
    const node = this.cfg.expandNode(this.op.node_name);
    this.uuid = node.uuid;
    if (node.uuid === cfg.cluster.master_node) {
      throw new OpPrereqError('Node is the master node, failover to another node is required', { ecode: 'wrong_input' });
    }
    for (const inst of Object.values(cfg.instances)) {
      if (inst.primary_node === node.uuid || inst.secondary_nodes.includes(node.uuid)) {
        throw new OpPrereqError(`Instance ${inst.name} is still running on the node, please remove first`, { ecode: 'wrong_input' });
      }
    }
  }

  override async exec(): Promise<unknown> {
    const node = this.cfg.get().nodes[this.uuid]!;
    this.feedback(`Removing node ${node.name}`);
    await this.cfg.update((c) => {
      delete c.nodes[this.uuid];
      promoteCandidates(c);
    });
    if (!node.offline) {
      const r = await this.rt.rpc.call(nodeTarget(node), 'NodeLeaveCluster', {}, { timeoutMs: 10_000 });
      r.warn(`Errors encountered on the remote node while leaving the cluster`, (m) => this.logWarning(m));
    }
    return null;
  }
}
