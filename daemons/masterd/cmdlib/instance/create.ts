// OP_INSTANCE_CREATE (Ganeti's LUInstanceCreate), mode create: choose the node (explicit or
// by allocator, with capacity reserved), create disks, add to config, run the OS create
// script, start. A failure removes every disk this job made and the config entry.
import { checkOwnerName } from '../../../common/owner.js';
import { randomUUID } from 'node:crypto';
import { isIP } from 'node:net';
import { LockLevel } from '../../../common/constants.js';
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import { isSafeName } from '../../../common/known-files.js';
import { lookupHostsFile } from '../../../common/hosts.js';
import { now, type Disk, type Instance, type IPolicy, type Nic } from '../../../common/objects.js';
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
import { checkNodeHasOs, checkOsNotBlacklisted, checkOsParams, feedOsLog, fillOsParams } from '../os/os-checks.js';
import { resetNonPersistent } from './persistence.js';
import { checkImportDisks, importDisks, readImport, type ImportPlan } from '../backup/import.js';
import { applyBaseImages, checkNewOverlayStart, profileNode, type ProfilePlan } from './profile.js';
import { checkNicNetwork, groupNicParams, reserveNicAddresses } from './nic-network.js';
import { expandGroup } from '../group/lookup.js';
import { fillIPolicy } from '../../query/group-fields.js';

type Op = ReturnType<typeof OpInstanceCreate.validate>;
const MAC_RE = /^([0-9a-f]{2}:){5}[0-9a-f]{2}$/;

/** --file-storage-dir: Ganeti's relative subdirectory of the cluster's file storage dir. One
 * that leads out of it is refused with its own message (the node refuses it too); any other
 * is refused as unsupported, since disks always go to <file storage dir>/<instance>/. */
function checkFileStorageSubdir(dir: string, template: string, clusterDir: string): void {
  const parts = dir.split('/');
  if (dir.startsWith('/') || parts.includes('..')) {
    throw new OpPrereqError(`Invalid --file-storage-dir '${dir}': it must be a path relative to the cluster's ` +
      `file storage dir '${clusterDir}' without '..', and may not lead out of it`, { ecode: 'wrong_input' });
  }
  if (template !== 'file' && template !== 'sharedfile') {
    throw new OpPrereqError(`Option --file-storage-dir applies only to the file and sharedfile disk templates, not '${template}'`, { ecode: 'wrong_input' });
  }
  throw new OpPrereqError(`Option --file-storage-dir '${dir}' is not supported: file disks are always created in ` +
    `'${clusterDir}/<instance name>/'`, { ecode: 'wrong_input' });
}

export class LUInstanceCreate extends LogicalUnit<Op> {
  private be = {} as ReturnType<typeof checkBeParams>;
  private hv = {} as Record<string, unknown>;
  private hypervisor = '';
  private pnodeName = '';
  private demand!: Demand;
  private disksIn: DiskSpec[] = [];
  private profile: ProfilePlan = { node: null, bases: [] };
  /** Per NIC: its network and the group's mode/link for it (null: no network). */
  private nicNets: ({ network: string; params: Record<string, string> } | null)[] = [];
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
    // Refused rather than ignored: ignoring them created, installed and started a real instance.
    if (op.forthcoming || op.commit) {
      throw new OpPrereqError(`Option ${op.forthcoming ? '--forthcoming (forthcoming)' : '--commit (commit)'} is not supported: ` +
        'this version cannot reserve an instance without creating it', { ecode: 'wrong_input' });
    }
    if (op.file_storage_dir) checkFileStorageSubdir(op.file_storage_dir, op.disk_template, cl.file_storage_dir);
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
      const { mac, ip, name: _name, network, ...params } = n as Record<string, unknown>;
      checkNicParams(params);
      checkNicNetwork(this.cfg.get(), i, n as Record<string, unknown>);
      // A networked NIC's address (pool or explicit) is its network's business: checked and
      // reserved against the pool in exec (reserveNicAddresses).
      this.nicIps[i] = network ? null : this.checkNicIp(i, ip);
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
    // The policy of the group the instance goes to (-g, or the named node's), else the cluster's.
    const group = op.group_name ? expandGroup(this.cfg, op.group_name)
      : op.pnode ? this.cfg.groupByUuid(this.cfg.expandNode(op.pnode).group) : undefined;
    this.checkPolicy(group?.uuid);
  }

  /** Ganeti's policy check against a group's policy (cluster policy filled with the group's own). */
  private checkPolicy(groupUuid: string | undefined): void {
    if (this.op.ignore_ipolicy) return;
    const cfg = this.cfg.get();
    const group = groupUuid ? cfg.nodegroups[groupUuid] : undefined;
    const policy = group ? fillIPolicy(cfg.cluster.ipolicy, group.ipolicy) as unknown as IPolicy : cfg.cluster.ipolicy;
    const errs = ipolicyViolations(policy, this.demand.spec, this.op.disk_template);
    if (errs.length) {
      throw new OpPrereqError(`Instance allocation to group ${group?.name ?? 'default'} violates policy: ${errs.join(', ')}`, { ecode: 'wrong_input' });
    }
  }

  /** Resolved NIC addresses (null: none), by NIC index. */
  private readonly nicIps: (string | null)[] = [];

  /** A NIC's ip: none, auto (the instance name's address; needs the name check) or an
   * address that no node, the master IP or another instance's NIC already uses. */
  private checkNicIp(i: number, raw: unknown): string | null {
    if (raw === undefined || raw === null || raw === '' || raw === 'none') return null;
    const bad = (msg: string, ecode: 'wrong_input' | 'resource_not_unique' = 'wrong_input'): never => {
      throw new OpPrereqError(`NIC ${i}: ${msg}`, { ecode });
    };
    let ip = String(raw);
    if (ip === 'pool') bad("ip=pool needs a network (network=NAME) to take the address from (or use an address, 'auto' or 'none')");
    if (ip === 'auto') {
      if (!this.op.name_check) bad("ip=auto takes the instance name's address and needs the name check (drop --no-name-check)");
      ip = lookupHostsFile(this.rt.paths, this.op.instance_name) ?? bad(`ip=auto: cannot resolve '${this.op.instance_name}'`);
    }
    if (!isIP(ip)) bad(`invalid IP address '${ip}' (allowed: an IPv4 or IPv6 address, 'auto' or 'none')`);
    const cfg = this.cfg.get();
    if (ip === cfg.cluster.master_ip) bad(`IP address ${ip} is the cluster's master IP`, 'resource_not_unique');
    for (const n of Object.values(cfg.nodes)) {
      if (ip === n.primary_ip || ip === n.secondary_ip) bad(`IP address ${ip} belongs to node ${n.name}`, 'resource_not_unique');
    }
    for (const inst of Object.values(cfg.instances)) {
      if (inst.nics.some((x) => x.ip === ip)) bad(`IP address ${ip} is already used by instance ${inst.name}`, 'resource_not_unique');
    }
    if (this.nicIps.includes(ip)) bad(`IP address ${ip} is given to two NICs`, 'resource_not_unique');
    return ip;
  }

  private checkName(): void {
    if (!lookupHostsFile(this.rt.paths, this.op.instance_name)) {
      throw new OpPrereqError(`Unable to resolve hostname '${this.op.instance_name}' (use --no-name-check to skip this check)`, { ecode: 'resolver_error' });
    }
  }

  override expandNames(): void {
    this.needLocks.set(LockLevel.Instance, [this.op.instance_name]);
    // Shared node locks: adds on one node run side by side. What Ganeti's exclusive node
    // resource lock guards (over-commit) is guarded here by the capacity tracker, whose
    // decide-and-reserve is one synchronous step; operations that change a node itself
    // (modify, evacuate, remove) still take its locks exclusively and exclude every add.
    this.shareLocks.add(LockLevel.Node);
    this.shareLocks.add(LockLevel.NodeRes);
  }

  override async declareLocks(level: LockLevel): Promise<void> {
    if (level === LockLevel.Node) {
      const cfg = this.cfg.get();
      const allocator = this.op.iallocator ?? (this.op.pnode ? null : cfg.cluster.default_iallocator || 'hail');
      if (allocator) {
        this.pnodeName = await allocateNode(this.rt, allocator, this.op.instance_name, this.demand,
          { template: this.op.disk_template, group: (this.op as { group_name?: string | null }).group_name ?? null });
        this.logInfo(`Selected nodes for instance ${this.op.instance_name} via iallocator ${allocator}: ${this.pnodeName}`);
      } else {
        this.pnodeName = this.cfg.expandNode(this.op.pnode!).name;
        await checkNodeCapacity(this.rt, this.pnodeName, this.op.instance_name, this.demand, this.op.ignore_ipolicy);
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
    this.checkPolicy(pnode.group);
    this.nicNets = groupNicParams(cfg, pnode.group, this.op.nics as Record<string, unknown>[], this.op.conflicts_check);
    if (this.op.disk_template === 'ext') await checkExtProviders(this, pnode, this.disksIn);
    if (this.op.os_type) {
      checkOsNotBlacklisted(cfg.cluster, this.op.os_type);
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
        reserveNicAddresses(c, inst, op.nics.map((n) => ((n as Record<string, unknown>).ip ?? null) as string | null), op.conflicts_check);
        c.instances[inst.uuid] = inst;
      });
    } catch (err) {
      await removeDisks();
      throw err;
    }
    // As Ganeti's LUInstanceCreate: once the instance is in the config (its capacity counted
    // there) the node locks are released; the OS scripts and the start run under the
    // instance lock only, so adds on the same node no longer queue behind each other's scripts.
    this.releaseLocks(LockLevel.Node, []);
    this.releaseLocks(LockLevel.NodeRes, []);
    this.rt.capacity.release(this.rt.owner);   // counted by the config from now on

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
    const nics: Nic[] = op.nics.map((n, i) => {
      const { mac, ip: _ip, name, network: _network, ...params } = n as Record<string, string | undefined>;
      const net = this.nicNets[i] ?? null;
      const realMac = !mac || mac === 'auto' || mac === 'generate'
        ? this.cfg.generateMac(cl.mac_prefix, this.rt.owner)
        : (this.cfg.reserve('mac', mac.toLowerCase(), this.rt.owner), mac.toLowerCase());
      return {
        // A networked NIC's address is taken from its pool inside the config update (reserveNicAddresses).
        uuid: randomUUID(), name: name ?? '', mac: realMac, ip: net ? null : this.nicIps[i] ?? null,
        network: net?.network ?? null, nicparams: checkNicParams({ ...net?.params, ...params }),
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
    if (op.owner) inst.owner = checkOwnerName(op.owner);
    return inst;
  }
}
