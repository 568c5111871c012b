// OP_CLUSTER_SET_PARAMS (LUClusterSetParams): cluster-wide defaults and settings. Every
// value is checked before anything changes; the whole change is one config commit.
import { checkDiskParamKeys } from '../../../common/disk-params.js';
import { OpPrereqError } from '../../../common/errors.js';
import { isSafeAbsolutePath, isSafeNetdev } from '../../../common/known-files.js';
import { hypervisorNames, isKnownHypervisor } from '../../../hypervisor/descriptors.js';
import { isKnownTemplate, templateNames } from '../../../storage/descriptors.js';
import type { OpClusterSetParams } from '../../../common/opcodes/index.js';
import { LogicalUnit } from '../logical-unit.js';
import { checkBeParams, checkHvParams, checkNdParams, checkNicParams } from '../../params.js';
import { applyIpolicy, parseIpolicy } from '../../ipolicy.js';
import { promoteCandidates } from '../node/candidates.js';
import { checkOsParams } from '../os/os-checks.js';
import { checkNetworkName } from '../network/checks.js';
import { ResultWithJobs } from '../result-with-jobs.js';
import {
  checkCompressionTools, checkImage, communicationNetworkJobs, osHvpChange, osListChange, osParamsChange,
} from './os-settings.js';

type Op = ReturnType<typeof OpClusterSetParams.validate>;

const MAC_PREFIX_RE = /^[0-9a-f]{2}:[0-9a-f]{2}:[0-9a-f]{2}$/;

export class LUClusterSetParams extends LogicalUnit<Op> {
  override bglExclusive = true;
  private changes: ((c: import('../../../common/objects.js').ClusterConfig) => void)[] = [];
  private commNetwork: string | null = null;

  override async checkPrereq(): Promise<void> {
    const op = this.op;
    const instances = Object.values(this.cfg.get().instances);
    const add = (fn: (c: import('../../../common/objects.js').ClusterConfig) => void) => this.changes.push(fn);
    if (op.enabled_hypervisors) {
      const unknown = op.enabled_hypervisors.filter((h) => !isKnownHypervisor(h));
      if (unknown.length || !op.enabled_hypervisors.length) throw new OpPrereqError(`Invalid hypervisor(s) ${unknown.join(', ') || '(none given)'} (allowed: ${hypervisorNames().join(', ')})`, { ecode: 'wrong_input' });
      const inUse = instances.find((i) => !op.enabled_hypervisors!.includes(i.hypervisor));
      if (inUse) throw new OpPrereqError(`Hypervisor ${inUse.hypervisor} is still used by instance ${inUse.name}`, { ecode: 'wrong_state' });
      add((c) => { c.cluster.enabled_hypervisors = op.enabled_hypervisors!; });
    }
    if (op.enabled_disk_templates) {
      const unknown = op.enabled_disk_templates.filter((t) => !isKnownTemplate(t));
      if (unknown.length || !op.enabled_disk_templates.length) throw new OpPrereqError(`Invalid disk template(s) ${unknown.join(', ') || '(none given)'} (allowed: ${templateNames().join(', ')})`, { ecode: 'wrong_input' });
      const inUse = instances.find((i) => !op.enabled_disk_templates!.includes(i.disk_template));
      if (inUse) throw new OpPrereqError(`Disk template ${inUse.disk_template} is still used by instance ${inUse.name}`, { ecode: 'wrong_state' });
      add((c) => { c.cluster.enabled_disk_templates = op.enabled_disk_templates!; });
    }
    if (op.beparams) {
      const be = checkBeParams(op.beparams);
      add((c) => { Object.assign(c.cluster.beparams.default, be); });
    }
    if (op.nicparams) {
      const nic = checkNicParams(op.nicparams);
      add((c) => { Object.assign(c.cluster.nicparams.default, nic); });
    }
    if (op.hvparams) {
      for (const [hv, params] of Object.entries(op.hvparams)) {
        const checked = checkHvParams(hv, params as Record<string, unknown>);
        add((c) => { c.cluster.hvparams[hv] = { ...(c.cluster.hvparams[hv] ?? {}), ...checked }; });
      }
    }
    if (op.ipolicy) {
      const ip = parseIpolicy(op.ipolicy);
      applyIpolicy(this.cfg.get().cluster.ipolicy, ip);   // refused here, before any change, when the result is invalid
      add((c) => { c.cluster.ipolicy = applyIpolicy(c.cluster.ipolicy, ip); });
    }
    if (op.candidate_pool_size !== null) {
      add((c) => { c.cluster.candidate_pool_size = op.candidate_pool_size!; promoteCandidates(c); });
    }
    if (op.max_running_jobs !== null) add((c) => { c.cluster.max_running_jobs = op.max_running_jobs!; });
    if (op.max_tracked_jobs !== null) add((c) => { c.cluster.max_tracked_jobs = op.max_tracked_jobs!; });
    if (op.default_iallocator !== null) {
      if (op.default_iallocator && op.default_iallocator !== 'hail') throw new OpPrereqError(`Unknown iallocator '${op.default_iallocator}' (available: hail)`, { ecode: 'wrong_input' });
      add((c) => { c.cluster.default_iallocator = op.default_iallocator!; });
    }
    if (op.mac_prefix !== null) {
      if (!MAC_PREFIX_RE.test(op.mac_prefix.toLowerCase())) throw new OpPrereqError(`Invalid MAC prefix '${op.mac_prefix}' (expected three hex octets like aa:00:00)`, { ecode: 'wrong_input' });
      add((c) => { c.cluster.mac_prefix = op.mac_prefix!.toLowerCase(); });
    }
    if (op.master_netdev !== null) {
      if (!isSafeNetdev(op.master_netdev)) throw new OpPrereqError(`Invalid master network device '${op.master_netdev}' (an interface name: letters, digits, '_', '.', ':' and '-', at most 15 characters)`, { ecode: 'wrong_input' });
      add((c) => { c.cluster.master_netdev = op.master_netdev!; });
    }
    // Storage dirs become paths on every node: absolute, without '..' or special characters.
    for (const [key, what] of [['file_storage_dir', 'File'], ['shared_file_storage_dir', 'Shared file']] as const) {
      const dir = op[key];
      if (dir === null || dir === undefined) continue;
      if (!isSafeAbsolutePath(dir)) throw new OpPrereqError(`${what} storage directory '${dir}' must be an absolute path without '..', made of letters, digits and . _ + - /`, { ecode: 'wrong_input' });
      add((c) => { c.cluster[key] = dir; });
    }
    if (op.maintain_node_health !== null) add((c) => { c.cluster.maintain_node_health = op.maintain_node_health!; });
    if (op.prealloc_wipe_disks !== null) add((c) => { c.cluster.prealloc_wipe_disks = op.prealloc_wipe_disks!; });
    if (op.use_external_mip_script !== null && op.use_external_mip_script !== undefined) add((c) => { c.cluster.use_external_mip_script = op.use_external_mip_script!; });
    if (op.enabled_user_shutdown !== null) add((c) => { c.cluster.enabled_user_shutdown = op.enabled_user_shutdown!; });
    if (op.ndparams) { const nd = checkNdParams(op.ndparams); add((c) => { Object.assign(c.cluster.ndparams, nd); }); }
    if (op.diskparams) {
      for (const [tmpl, params] of Object.entries(op.diskparams)) {
        if (!isKnownTemplate(tmpl)) throw new OpPrereqError(`Invalid disk template '${tmpl}' in disk parameters (allowed: ${templateNames().join(', ')})`, { ecode: 'wrong_input' });
        if (params === null || typeof params !== 'object') throw new OpPrereqError(`Disk parameters for ${tmpl} must be a dictionary`, { ecode: 'wrong_input' });
        checkDiskParamKeys(tmpl, params as Record<string, unknown>);
        add((c) => { c.cluster.diskparams[tmpl] = { ...(c.cluster.diskparams[tmpl] ?? {}), ...(params as Record<string, unknown>) }; });
      }
    }
    if (op.os_hvp) add(osHvpChange(op.os_hvp));
    if (op.osparams) {
      const { change, oses } = osParamsChange(op.osparams);
      // Checked on every online node; an OS not installed yet may be preseeded (Ganeti's required=False).
      const nodes = Object.values(this.cfg.get().nodes).filter((n) => !n.offline);
      for (const [os, params] of oses) await checkOsParams(this, nodes, os, params, false);
      add(change);
    }
    for (const key of ['hidden_os', 'blacklisted_os'] as const) {
      const mods = op[key];
      if (mods?.length) add(osListChange(key, mods, (m) => this.feedback(m)));
    }
    for (const [key, what] of [['install_image', 'Install'], ['zeroing_image', 'Zeroing']] as const) {
      const image = op[key];
      if (image === null || image === undefined) continue;
      checkImage(image, what);
      add((c) => { c.cluster[key] = image; });
    }
    if (op.compression_tools) {
      checkCompressionTools(op.compression_tools);
      add((c) => { c.cluster.compression_tools = [...op.compression_tools!]; });
    }
    if (op.instance_communication_network !== null && op.instance_communication_network !== undefined) {
      const name = op.instance_communication_network;
      if (name) checkNetworkName(name);
      this.commNetwork = name;
      add((c) => { c.cluster.instance_communication_network = name; });
    }
    if (!this.changes.length) throw new OpPrereqError('Please give at least one of the parameters', { ecode: 'wrong_input' });
  }

  override async exec(): Promise<unknown> {
    const jobs = this.commNetwork === null ? [] : communicationNetworkJobs(this.cfg.get(), this.commNetwork, (m) => this.feedback(m));
    await this.cfg.update((c) => {
      for (const fn of this.changes) fn(c);
      c.cluster.serial_no += 1;
      c.cluster.mtime = Date.now() / 1000;
    });
    return jobs.length ? new ResultWithJobs(jobs) : null;
  }
}
