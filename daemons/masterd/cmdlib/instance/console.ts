// OP_INSTANCE_CONSOLE (Ganeti's LUInstanceConsole): how to reach a running instance's
// console, as Ganeti's console dict {instance, kind: ssh|vnc|spice|msg, host, port, user,
// command, display, message}. The primary node's hypervisor says what it offers; the master
// adds what only it knows: the node's SSH port and, on a virtual cluster, the address and
// user that reach the node's sshd (its name resolves only through the cluster's hosts file).
import { LockLevel } from '../../../common/constants.js';
import { OpExecError } from '../../../common/errors.js';
import type { OpInstanceConsole } from '../../../common/opcodes/index.js';
import { nodeSshTarget } from '../../../common/client/console.js';
import { checkNodeOnline } from '../common.js';
import { InstanceLU } from './base.js';

type Op = ReturnType<typeof OpInstanceConsole.validate>;

export class LUInstanceConsole extends InstanceLU<Op> {
  override requiresBgl = false;
  protected override lockNodes = false;

  override expandNames(): void {
    super.expandNames();
    this.shareLocks.add(LockLevel.Instance);
  }

  override checkPrereq(): void {
    checkNodeOnline(this.pnode, 'Cannot get the console of an instance on offline node');
  }

  override async exec(): Promise<unknown> {
    const inst = this.instance;
    const pnode = this.pnode;
    const r = await this.rt.rpc.call(this.pnodeTarget, 'InstanceInfo', { name: inst.name, hypervisor: inst.hypervisor },
      { signal: this.rt.signal });
    const rt = r.raise(`Error checking node ${pnode.name}`);
    if (rt.state !== 'running') {
      const state = rt.state === 'user_down' ? 'USER_down'
        : inst.admin_state === 'up' ? 'ERROR_down' : inst.admin_state === 'down' ? 'ADMIN_down' : 'ADMIN_offline';
      throw new OpExecError(`Instance ${inst.name} is not running (state ${state})`, { ecode: 'wrong_state' });
    }
    let c: Record<string, unknown>;
    try {
      c = JSON.parse(rt.console_json || '{}') as Record<string, unknown>;
    } catch {
      throw new OpExecError(`Node ${pnode.name} sent unreadable console information for instance ${inst.name}`);
    }
    const out: Record<string, unknown> = { instance: inst.name, kind: c.kind === 'message' || !c.kind ? 'msg' : c.kind };
    if (out.kind === 'msg') {
      out.message = typeof c.message === 'string' ? c.message : `No console information for instance ${inst.name}`;
      return out;
    }
    for (const k of ['host', 'port', 'user', 'command', 'display'] as const) if (c[k] !== undefined) out[k] = c[k];
    if (out.kind === 'ssh') {
      const cl = this.cfg.get().cluster;
      Object.assign(out, nodeSshTarget(pnode, pnode.ndparams?.ssh_port ?? cl.ndparams?.ssh_port, this.rt.paths.clusterDir));
    } else if (out.kind === 'vnc' && out.host === pnode.name && this.rt.paths.clusterDir) {
      out.host = pnode.primary_ip;
    }
    return out;
  }
}
