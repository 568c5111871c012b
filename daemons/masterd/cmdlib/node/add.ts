// OP_NODE_ADD (LUNodeAdd): bootstrap the node over SSH, check its daemon answers with our
// version, add it to the config (as master candidate while the pool has room). The config
// commit then replicates the config and rewrites ssconf everywhere.
import { randomUUID } from 'node:crypto';
import { OpPrereqError } from '../../../common/errors.js';
import { resolveHost } from '../../../common/hosts.js';
import { isSafeName } from '../../../common/known-files.js';
import { SOFTWARE_VERSION } from '../../../common/constants.js';
import { now, type Node } from '../../../common/objects.js';
import type { OpNodeAdd } from '../../../common/opcodes/index.js';
import { checkNdParams } from '../../params.js';
import { LogicalUnit } from '../logical-unit.js';
import { joinNode } from '../../bootstrap/node-join.js';
import { computeSsconf } from '../../distribution/ssconf-values.js';

type Op = ReturnType<typeof OpNodeAdd.validate>;

export class LUNodeAdd extends LogicalUnit<Op> {
  override bglExclusive = true;
  private ip = '';

  override checkArguments(): void {
    if (!isSafeName(this.op.node_name)) {
      throw new OpPrereqError(`Invalid node name '${this.op.node_name}': use letters, digits, '.', '-' and '_' (at most 63 characters)`, { ecode: 'wrong_input' });
    }
    // Refused, not ignored: joining a node always sets it up over SSH here.
    if (!this.op.node_setup) {
      throw new OpPrereqError('Option --no-node-setup (node_setup=false) is not supported: the master sets up every node it adds over SSH', { ecode: 'wrong_input' });
    }
    for (const f of ['hv_state', 'disk_state'] as const) {
      if (this.op[f] !== undefined && this.op[f] !== null) throw new OpPrereqError(`Opcode field '${f}' is not supported`, { ecode: 'wrong_input' });
    }
    if (this.op.ndparams) checkNdParams(this.op.ndparams);
  }

  override async checkPrereq(): Promise<void> {
    const cfg = this.cfg.get();
    const existing = this.cfg.nodeByName(this.op.node_name);
    if (existing && !this.op.readd) throw new OpPrereqError(`Node ${this.op.node_name} is already in the configuration`, { ecode: 'already_exists' });
    if (!existing && this.op.readd) throw new OpPrereqError(`Node ${this.op.node_name} is not in the configuration`, { ecode: 'unknown_entity' });
    this.ip = this.op.primary_ip ?? await resolveHost(this.rt.paths, this.op.node_name).catch((e: Error) => {
      throw new OpPrereqError(`${e.message}; cannot add node ${this.op.node_name}`, { ecode: 'resolver_error' });
    });
    for (const n of Object.values(cfg.nodes)) {
      if (n.name !== this.op.node_name && n.primary_ip === this.ip) {
        throw new OpPrereqError(`New node ip address(es) conflict with existing node ${n.name}`, { ecode: 'already_exists' });
      }
    }
    if (this.op.group && !Object.values(cfg.nodegroups).some((g) => g.name === this.op.group || g.uuid === this.op.group)) {
      throw new OpPrereqError(`Node group '${this.op.group}' not known`, { ecode: 'unknown_entity' });
    }
  }

  override async exec(): Promise<unknown> {
    const cfg = this.cfg.get();
    const name = this.op.node_name;
    const target = { name, ip: this.ip };
    const { software_version, cert_digest } = await joinNode({
      paths: this.rt.paths, rpc: this.rt.rpc, node: target, ssconf: computeSsconf(cfg), signal: this.rt.signal,
      acceptNewHostKey: !this.op.ssh_key_check,
    });
    if (software_version !== SOFTWARE_VERSION) {
      throw new OpPrereqError(`Version mismatch: master version ${SOFTWARE_VERSION}, node version ${software_version}`, { ecode: 'wrong_state' });
    }
    const group = Object.values(cfg.nodegroups).find((g) => g.name === this.op.group || g.uuid === this.op.group)
      ?? Object.values(cfg.nodegroups)[0]!;
    await this.cfg.update((c) => {
      const old = Object.values(c.nodes).find((n) => n.name === name);
      const candidates = Object.values(c.nodes).filter((n) => n.master_candidate && n.name !== name).length;
      const masterCapable = this.op.master_capable ?? true;
      const t = now();
      const node: Node = {
        uuid: old?.uuid ?? randomUUID(), name, primary_ip: this.ip, secondary_ip: this.op.secondary_ip ?? this.ip,
        master_candidate: masterCapable && candidates < c.cluster.candidate_pool_size,
        offline: false, drained: false, master_capable: masterCapable, vm_capable: this.op.vm_capable ?? true,
        group: old?.group ?? group.uuid, ndparams: this.op.ndparams ? checkNdParams(this.op.ndparams) : {}, powered: true,
        tags: old?.tags ?? [], ctime: old?.ctime ?? t, mtime: t, serial_no: (old?.serial_no ?? 0) + 1,
        cert_digests: [cert_digest],
      };
      c.nodes[node.uuid] = node;
    });
    const added = this.cfg.nodeByName(name)!;
    if (added.master_candidate) this.logInfo(`Node will be a master candidate`);
    return null;
  }
}
