// OP_INSTANCE_CREATE (Ganeti's LUInstanceCreate), mode create: choose the node (explicit or
// by allocator, with capacity reserved), create disks, add to config, run the OS create
// script, start. A failure removes every disk this job made and the config entry.
import { randomUUID } from 'node:crypto';
import { LockLevel } from '../../../common/constants.js';
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import { isSafeName } from '../../../common/known-files.js';
import { lookupHostsFile } from '../../../common/hosts.js';
import { now, type Disk, type Instance, type Nic } from '../../../common/objects.js';
import type { OpInstanceCreate } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkBeParams, checkHvParams, checkNicParams, ipolicyViolations } from '../../params.js';
import { checkNodeNotDrained, checkNodeOnline, checkNodeVmCapable, formatSize } from '../common.js';
import { diskToProto, instanceToProto } from '../../instance-wire.js';
import { nodeTarget } from '../../rpc/node-target.js';
import { allocateNode, checkNodeCapacity, type Demand } from './placement.js';
import { allocatePort } from './ports.js';
import { retryWhileUnreachable, ROLLBACK_RETRY_MS } from '../../rpc/retry.js';
import { findHypervisor } from '../../../hypervisor/descriptors.js';
import { checkDiskSpec, supportedTemplate, type DiskSpec } from '../../../storage/descriptors.js';
import { checkExtProviders, storageDirs } from './disk-common.js';
import { checkNodeHasOs, checkOsParams, feedOsLog, fillOsParams } from '../os/os-checks.js';
import { resetNonPersistent } from './persistence.js';
import { checkImportDisks, importDisks, readImport, type ImportPlan } from '../backup/import.js';
import { applyBaseImages, checkNewOverlayStart, profileNode, type ProfilePlan } from './profile.js';

type Op = ReturnType<typeof OpInstanceCreate.validate>;
const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

export class LUInstanceCreate extends LogicalUnit<Op> {
  private be = {} as ReturnType<typeof checkBeParams>;
  private hv = {} as Record<string, unknown>;
  private hypervisor = '';
  private pnodeName = '';
  private demand!: Demand;
  private disksIn: DiskSpec[] = [];
  private profile: ProfilePlan = { node: null, bases: [] };
  /** mode=import: the export the disks come from (backup/import.ts). */
  private importPlan: ImportPlan | null = null;

  override checkArguments(): void {
    const op = this.op;
    const cl = this.cfg.get().cluster;
    // Profiles: base_image=INSTANCE|PATH becomes the overlay's file disk parameters (profile.ts).
    this.profile = applyBaseImages(this.cfg.get(), op.disk_template, op.disks);
    op.pnode = profileNode(this.profile, op.pnode, op.iallocator, (n) => this.cfg.expandNode(n).name) ?? op.pnode;
    if (!isSafeName(op.instance_name)) {
      throw new OpPrereqError(`Invalid instance name '${op.instance_name}': use letters, digits, '.', '-', '_' and '+' (at most 63 characters)`, { ecode: 'wrong_input' });
    }
    if (op.mode === 'remote-import') throw new OpPrereqError(`Instance creation mode '${op.mode}' is not supported yet (supported: create, import)`, { ecode: 'wrong_input' });
    if (!cl.enabled_disk_templates.includes(op.disk_template)) {
      throw new OpPrereqError(`Disk template '${op.disk_template}' is not enabled in cluster (enabled: ${cl.enabled_disk_templates.join(', ')})`, { ecode: 'wrong_state' });
    }
    supportedTemplate(op.disk_template);
    if (op.iallocator && op.pnode) throw new OpPrereqError('Give either the iallocator or the primary node, not both', { ecode: 'wrong_input' });
    if (!op.os_type && !op.no_install) throw new OpPrereqError('No OS given (-o OS) and --no-install not set', { ecode: 'wrong_input' });
    if (op.os_type && !isSafeName(op.os_type)) throw new OpPrereqError(`Invalid OS name '${op.os_type}'`, { ecode: 'wrong_input' });
    if (op.ip_check && !op.name_check) throw new OpPrereqError('Cannot do IP address check without a name check', { ecode: 'wrong_input' });
    if (op.name_check) this.checkName();

    this.hypervisor = op.hypervisor ?? cl.enabled_hypervisors[0]!;
    if (!cl.enabled_hypervisors.includes(this.hypervisor)) {
      throw new OpPrereqError(`Hypervisor '${this.hypervisor}' is not enabled (enabled: ${cl.enabled_hypervisors.join(', ')})`, { ecode: 'wrong_state' });
    }
    this.be = checkBeParams(op.beparams);
    this.hv = checkHvParams(this.hypervisor, op.hvparams);

    if (op.disk_template === 'diskless' && op.disks.length) {
      throw new OpPrereqError('Diskless instances cannot have disks (remove --disk or use -t file)', { ecode: 'wrong_input' });
    }
    if (op.disk_template !== 'diskless' && !op.disks.length) {
      throw new OpPrereqError(`Disk template '${op.disk_template}' needs at least one disk (--disk 0:size=SIZE)`, { ecode: 'wrong_input' });
    }
    // Per template (file: format/backing; ext: provider and its parameters), before anything exists.
    this.disksIn = op.disks.map((d, i) => checkDiskSpec(op.disk_template, d, `Disk ${i}`, cl.diskparams[op.disk_template] ?? {}));
    for (const [i, n] of op.nics.entries()) {
      const { mac, ip: _ip, name: _name, network: _network, ...params } = n as Record<string, unknown>;
      checkNicParams(params);
      if (mac !== undefined && !['auto', 'generate'].includes(String(mac)) && !MAC_RE.test(String(mac).toLowerCase())) {
        throw new OpPrereqError(`NIC ${i}: invalid MAC address '${String(mac)}'`, { ecode: 'wrong_input' });
      }
    }
    const filled = { ...cl.beparams.default, ...this.be };
    this.demand = {
      memory: op.start ? filled.maxmem : 0,
      vcpus: filled.vcpus,
      disk: op.disk_template === 'file' ? this.disksIn.reduce((a, d) => a + d.size, 0) : 0,
      spec: { memory: filled.maxmem, vcpus: filled.vcpus, diskSizes: this.disksIn.map((d) => d.size), nics: op.nics.length, spindleUse: filled.spindle_use },
    };
    if (!op.ignore_ipolicy) {
      const errs = ipolicyViolations(cl.ipolicy, this.demand.spec, op.disk_template);
      if (errs.length) {
        throw new OpPrereqError(`Instance allocation to group default violates policy: ${errs.join(', ')}`, { ecode: 'wrong_input' });
      }
    }
  }

  private checkName(): void {
    if (!lookupHostsFile(this.rt.paths, this.op.instance_name)) {
      throw new OpPrereqError(`Unable to resolve hostname '${this.op.instance_name}' (use --no-name-check to skip this check)`, { ecode: 'resolver_error' });
    }
  }

  override expandNames(): void {
    this.needLocks.set(LockLevel.Instance, [this.op.instance_name]);
  }

  override async declareLocks(level: LockLevel): Promise<void> {
    if (level === LockLevel.Node) {
      const cfg = this.cfg.get();
      const allocator = this.op.iallocator ?? (this.op.pnode ? null : cfg.cluster.default_iallocator || 'hail');
      if (allocator) {
        this.pnodeName = await allocateNode(this.rt, allocator, this.op.instance_name, this.demand);
        this.logInfo(`Selected nodes for instance ${this.op.instance_name} via iallocator ${allocator}: ${this.pnodeName}`);
      } else {
        this.pnodeName = this.cfg.expandNode(this.op.pnode!).name;
        await checkNodeCapacity(this.rt, this.pnodeName, this.op.instance_name, this.demand);
      }
      this.needLocks.set(LockLevel.Node, [this.pnodeName]);
    } else if (level === LockLevel.NodeRes) {
      this.needLocks.set(LockLevel.NodeRes, [this.pnodeName]);
    }
  }

  override async checkPrereq(): Promise<void> {
    const cfg = this.cfg.get();
    if (this.cfg.instanceByName(this.op.instance_name)) {
      throw new OpPrereqError(`Instance '${this.op.instance_name}' is already in the cluster`, { ecode: 'already_exists' });
    }
    this.cfg.reserve('name', this.op.instance_name, this.rt.owner);
    const pnode = this.cfg.nodeByName(this.pnodeName)!;
    checkNodeOnline(pnode, 'Cannot use offline primary node');
    checkNodeNotDrained(pnode);
    checkNodeVmCapable(pnode);
    if (this.op.disk_template === 'ext') await checkExtProviders(this, pnode, this.disksIn);
    if (this.op.os_type) {
      // Variant and OS parameters are checked on the node (verify) before anything exists.
      await checkNodeHasOs(this, pnode, this.op.os_type, this.op.force_variant);
      await checkOsParams(this, [pnode], this.op.os_type, fillOsParams(cfg.cluster, this.op.os_type,
        { ...this.op.osparams, ...(this.op.osparams_private ?? {}), ...(this.op.osparams_secret ?? {}) }));
    }
    if (this.op.start) await checkNewOverlayStart(this, this.profile, this.op.instance_name);
    if (this.op.mode === 'import') {
      this.importPlan = await readImport(this, this.op.src_node, this.op.src_path, this.op.instance_name);
      checkImportDisks(this.importPlan, this.disksIn.map((d) => d.size));
    }
  }

  override async exec(): Promise<unknown> {
    const op = this.op;
    const cfg = this.cfg.get();
    const pnode = this.cfg.nodeByName(this.pnodeName)!;
    const target = nodeTarget(pnode);
    const inst = this.buildInstance(pnode.uuid);

    const created: Disk[] = [];
    const removeDisks = async () => {
      for (const d of created) {
        // The node may be restarting (its daemon died mid-create): keep trying for a while.
        const r = await retryWhileUnreachable(() => this.rt.rpc.call(target, 'BlockdevRemove', { disk: diskToProto(d), instance_name: inst.name, ...storageDirs(cfg) }),
          { onRetry: (m) => this.logWarning(`Node ${pnode.name} unreachable while removing disk ${d.iv_name} (${m}); retrying for up to ${ROLLBACK_RETRY_MS / 1000} s`) });
        r.warn(`Could not remove disk ${d.iv_name} (${d.logical_id.join(':') || d.uuid}) of instance ${inst.name} on node ${pnode.name}; it is left behind`, (m) => this.logWarning(m));
      }
    };
    if (inst.disks.length) {
      for (const d of inst.disks) this.feedback(`* disk ${d.iv_name.split('/')[1]}, size ${formatSize(d.size)}`);
      this.feedback('* creating instance disks...');
      for (const d of inst.disks) {
        const r = await this.rt.rpc.call(target, 'BlockdevCreate', { disk: diskToProto(d), instance_name: inst.name, ...storageDirs(cfg) }, { signal: this.rt.signal });
        if (r.failed) {
          await removeDisks();
          r.raise(`Can't create block device ${d.iv_name} on node ${pnode.name} for instance ${inst.name}`);
        }
        if (r.payload!.logical_id.length) d.logical_id = r.payload!.logical_id;
        if (Number(r.payload!.size) > 0) d.size = Number(r.payload!.size);   // an overlay of size 0 took its base's
        created.push(d);
      }
    }
    this.feedback(`adding instance ${inst.name} to cluster config`);
    try {
      // The exclusive lock on the instance name keeps other jobs from adding it meanwhile.
      await this.cfg.update((c) => {
        if (this.cfg.instanceByName(inst.name)) {
          throw new OpPrereqError(`Instance '${inst.name}' is already in the cluster`, { ecode: 'already_exists' });
        }
        // Hypervisors with a remote console (kvm's VNC) get a port from the cluster pool,
        // else the next after the highest used one, as Ganeti's AllocatePort.
        if (findHypervisor(inst.hypervisor)?.capabilities.needsNetworkPort) inst.network_port = allocatePort(c.cluster);
        c.instances[inst.uuid] = inst;
      });
    } catch (err) {
      await removeDisks();
      throw err;
    }

    const undo = async (err: unknown): Promise<never> => {
      await removeDisks();
      await this.cfg.update((c) => { delete c.instances[inst.uuid]; }).catch((e) => this.logWarning(`Could not remove instance ${inst.name} from the config: ${(e as Error).message}`));
      throw err;
    };
    if (this.importPlan) {
      await importDisks(this, this.importPlan, target, inst.name, created).catch(undo);
    } else if (!op.no_install && op.os_type) {
      this.feedback('* running the instance OS create scripts...');
      const r = await this.rt.rpc.call(target, 'InstanceOsAdd', {
        instance: instanceToProto(this.cfg.get(), inst), reinstall: false, debug: op.debug_level,
      }, { signal: this.rt.signal });
      if (r.failed) {
        await undo(new OpExecError(`Could not add os for instance ${inst.name} on node ${pnode.name}: ${r.failMsg}`));
      }
      feedOsLog(this, r.payload, pnode.name);
    }
    if (op.start) {
      await resetNonPersistent(this, inst, 'start').catch(undo);   // persistent=no: the pristine copy
      this.feedback('* starting instance...');
      const r = await this.rt.rpc.call(target, 'InstanceStart', {
        instance: instanceToProto(this.cfg.get(), inst), paused: false,
      }, { signal: this.rt.signal });
      r.raise('Could not start instance');
    }
    return [pnode.name];
  }

  private buildInstance(pnodeUuid: string): Instance {
    const op = this.op;
    const cl = this.cfg.get().cluster;
    const t = now();
    const nics: Nic[] = op.nics.map((n) => {
      const { mac, ip, name, network, ...params } = n as Record<string, string | undefined>;
      const realMac = !mac || mac === 'auto' || mac === 'generate'
        ? this.cfg.generateMac(cl.mac_prefix, this.rt.owner)
        : (this.cfg.reserve('mac', mac.toLowerCase(), this.rt.owner), mac.toLowerCase());
      return {
        uuid: randomUUID(), name: name ?? '', mac: realMac, ip: ip && ip !== 'none' ? ip : null,
        network: network ?? null, nicparams: checkNicParams(params),
      };
    });
    const disks: Disk[] = this.disksIn.map((d, i) => ({
      uuid: randomUUID(), name: d.name, dev_type: op.disk_template, size: d.size, mode: d.mode,
      logical_id: [], iv_name: `disk/${i}`, params: d.params, spindles: null,
    }));
    const inst: Instance = {
      uuid: randomUUID(), name: op.instance_name, primary_node: pnodeUuid, secondary_nodes: [],
      hypervisor: this.hypervisor, os: op.os_type ?? '', admin_state: op.start ? 'up' : 'down',
      admin_state_source: 'admin', disk_template: op.disk_template, disks, nics,
      hvparams: this.hv, beparams: this.be, osparams: op.osparams, network_port: null,
      disks_active: disks.length > 0, tags: op.tags, ctime: t, mtime: t, serial_no: 1,
    };
    return inst;
  }
}
