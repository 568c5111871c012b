// OP_NODE_SET_PARAMS (LUNodeSetParams): the node roles master candidate / drained / offline
// (mutually exclusive, with Ganeti's auto-demotion), master/vm capability, ndparams.
// Returns [param, new value] pairs as Ganeti does.
import { OpPrereqError } from '../../../common/errors.js';
import type { OpNodeSetParams } from '../../../common/opcodes/index.js';
import { checkNdParams } from '../../params.js';
import { LogicalUnit } from '../logical-unit.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { demotionShortfall, promoteCandidates } from './candidates.js';
import { supportsOob } from '../oob/command.js';

type Op = ReturnType<typeof OpNodeSetParams.validate>;
const yes = (b: boolean) => (b ? 'True' : 'False');

export class LUNodeSetParams extends LogicalUnit<Op> {
  override bglExclusive = true;
  private uuid = '';

  override checkArguments(): void {
    const op = this.op;
    if (op.ndparams) checkNdParams(op.ndparams);
    const flags = [op.master_candidate, op.offline, op.drained].filter((f) => f === true).length;
    if (flags > 1) throw new OpPrereqError('Can\'t set the node into more than one state at the same time', { ecode: 'wrong_input' });
    if ([op.master_candidate, op.offline, op.drained, op.master_capable, op.vm_capable, op.secondary_ip, op.ndparams, op.powered].every((v) => v === null)) {
      throw new OpPrereqError('Please pass at least one modification', { ecode: 'wrong_input' });
    }
  }

  override async checkPrereq(): Promise<void> {
    const op = this.op;
    const cfg = this.cfg.get();
    const node = this.cfg.expandNode(op.node_name);
    this.uuid = node.uuid;
    const isMaster = node.uuid === cfg.cluster.master_node;
    if (isMaster && (op.master_candidate === false || op.offline === true || op.drained === true || op.master_capable === false)) {
      throw new OpPrereqError(`The master role can be changed only via master-failover; cannot demote, drain or offline the master node ${node.name}`, { ecode: 'wrong_input' });
    }
    if (op.master_candidate === true && !(op.master_capable ?? node.master_capable)) {
      throw new OpPrereqError(`Node ${node.name} is not master capable, cannot make it a master candidate`, { ecode: 'wrong_state' });
    }
    if (op.master_candidate === true && node.offline && op.offline !== false) {
      throw new OpPrereqError(`Node ${node.name} is offline, cannot make it a master candidate`, { ecode: 'wrong_state' });
    }
    const demoting = node.master_candidate && (op.master_candidate === false || op.offline === true || op.master_capable === false);
    if (demoting && !op.auto_promote) {
      const { remaining, should } = demotionShortfall(cfg, node.uuid);
      if (remaining < should) {
        throw new OpPrereqError(`Not enough master candidates (desired ${should}, new value will be ${remaining}), please pass auto promote option to allow promotion (--auto-promote or RAPI auto_promote=True)`, { ecode: 'wrong_state' });
      }
    }
    // Ganeti: the recorded power state is the OOB program's business (gnt-node power).
    if (supportsOob(cfg, node)) {
      if (op.offline === false && !(node.powered || op.powered === true)) {
        throw new OpPrereqError(`Node ${node.name} needs to be turned on before its offline status can be reset`, { ecode: 'wrong_state' });
      }
    } else if (op.powered !== null) {
      throw new OpPrereqError(`Unable to change powered state for node ${node.name} as it does not support out-of-band handling`, { ecode: 'wrong_state' });
    }
    if (op.offline === false && node.offline) {
      const r = await this.rt.rpc.call(nodeTarget({ ...node, offline: false }), 'Version', {}, { timeoutMs: 10_000 });
      r.raise(`Node ${node.name} is not reachable, cannot mark it online`, { prereq: true, ecode: 'environment_error' });
    }
  }

  override async exec(): Promise<unknown> {
    const op = this.op;
    const changes: [string, string][] = [];
    await this.cfg.update((c) => {
      const n = c.nodes[this.uuid]!;
      if (op.offline !== null && op.offline !== n.offline) {
        n.offline = op.offline; changes.push(['offline', yes(op.offline)]);
        if (op.offline) {
          if (n.master_candidate) { n.master_candidate = false; changes.push(['master_candidate', 'auto-demotion due to offline']); }
          if (n.drained) { n.drained = false; changes.push(['drained', 'clear drained status due to offline']); }
        }
      }
      if (op.drained !== null && op.drained !== n.drained) {
        // Unlike Ganeti, draining keeps a candidate's role: drain only keeps new instances away, and a
        // host emptied for maintenance must still be able to take over the master (acceptance move.sh).
        n.drained = op.drained; changes.push(['drained', yes(op.drained)]);
      }
      if (op.master_capable !== null && op.master_capable !== n.master_capable) {
        n.master_capable = op.master_capable; changes.push(['master_capable', yes(op.master_capable)]);
        if (!op.master_capable && n.master_candidate) { n.master_candidate = false; changes.push(['master_candidate', 'auto-demotion due to not master capable']); }
      }
      if (op.master_candidate !== null && op.master_candidate !== n.master_candidate) {
        n.master_candidate = op.master_candidate; changes.push(['master_candidate', yes(op.master_candidate)]);
      }
      if (op.vm_capable !== null && op.vm_capable !== n.vm_capable) { n.vm_capable = op.vm_capable; changes.push(['vm_capable', yes(op.vm_capable)]); }
      if (op.secondary_ip !== null) { n.secondary_ip = op.secondary_ip; changes.push(['secondary_ip', op.secondary_ip]); }
      if (op.ndparams) for (const [k, v] of Object.entries(checkNdParams(op.ndparams))) { n.ndparams[k] = v; changes.push([`ndparams/${k}`, String(v)]); }
      if (op.powered !== null) { n.powered = op.powered; changes.push(['powered', yes(op.powered)]); }
      n.serial_no += 1;
      n.mtime = Date.now() / 1000;
      if (op.auto_promote) promoteCandidates(c, this.uuid);
    });
    return changes;
  }
}
