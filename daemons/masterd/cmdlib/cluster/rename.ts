// OP_CLUSTER_RENAME (LUClusterRename): the new name must resolve; when its address differs from
// the master IP it must not answer already (someone else has it). The master IP goes down on
// the old address, the config takes the new name and address (ssconf follows), and the IP comes
// up again on the new one. Result: the new name.
import { Socket } from 'node:net';
import { NODED_PORT } from '../../../common/constants.js';
import { OpPrereqError } from '../../../common/errors.js';
import { resolveHost } from '../../../common/hosts.js';
import { isSafeName } from '../../../common/known-files.js';
import type { OpClusterRename } from '../../../common/opcodes/index.js';
import { masterIpParams } from '../../master-ip.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { getNode } from '../common.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpClusterRename.validate>;

/** Ganeti's netutils.TcpPing: does anything accept a connection at ip:port within the timeout? */
export function tcpPing(ip: string, port: number, timeoutMs = 2000): Promise<boolean> {
  return new Promise((resolve) => {
    const s = new Socket();
    const done = (up: boolean) => { s.destroy(); resolve(up); };
    s.setTimeout(timeoutMs, () => done(false));
    s.once('connect', () => done(true));
    s.once('error', () => done(false));
    s.connect(port, ip);
  });
}

export class LUClusterRename extends LogicalUnit<Op> {
  override bglExclusive = true;
  private ip = '';

  override checkArguments(): void {
    if (!isSafeName(this.op.name)) {
      throw new OpPrereqError(`Invalid cluster name '${this.op.name}': use letters, digits, '.', '-', '_' and '+' (at most 63 characters)`, { ecode: 'wrong_input' });
    }
  }

  override async checkPrereq(): Promise<void> {
    const cl = this.cfg.get().cluster;
    this.ip = await resolveHost(this.rt.paths, this.op.name).catch(() => {
      throw new OpPrereqError(`Unable to resolve hostname '${this.op.name}'`, { ecode: 'resolver_error' });
    });
    if (this.op.name === cl.cluster_name && this.ip === cl.master_ip) {
      throw new OpPrereqError('Neither the name nor the IP address of the cluster has changed', { ecode: 'wrong_input' });
    }
    if (this.ip !== cl.master_ip && await tcpPing(this.ip, NODED_PORT)) {
      throw new OpPrereqError(`The given cluster IP address (${this.ip}) is reachable on the network`, { ecode: 'resource_not_unique' });
    }
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const master = nodeTarget(getNode(cfg, cfg.cluster.master_node));
    const down = await this.rt.rpc.call(master, 'NodeDeactivateMasterIp', masterIpParams(cfg), { signal: this.rt.signal });
    down.raise('Could not disable the master role');
    try {
      await this.cfg.update((c) => {
        c.cluster.cluster_name = this.op.name;
        c.cluster.master_ip = this.ip;
        c.cluster.serial_no += 1;
        c.cluster.mtime = Date.now() / 1000;
      });
    } finally {
      const up = await this.rt.rpc.call(master, 'NodeActivateMasterIp', masterIpParams(this.cfg.get()), { signal: this.rt.signal });
      if (up.failed) this.logWarning(`Could not re-enable the master role on the master, please restart manually: ${up.failMsg}`);
    }
    return this.op.name;
  }
}
