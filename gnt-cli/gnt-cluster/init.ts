// gnt-cluster init NAME: builds InitClusterOptions from Ganeti's options and has the
// daemon-side program ganeti-cluster-init run the bootstrap (there is no master to talk
// to yet, and the CLI never imports master code).
import { OpPrereqError } from '../../daemons/common/errors.js';
import { findTemplate, isKnownTemplate, supportedTemplates, templateNames } from '../../daemons/storage/descriptors.js';
import type { InitClusterFn } from '../framework/io.js';
import { buildIPolicy } from '../framework/ipolicy.js';
import type { KeyVal } from '../../daemons/common/client/keyval.js';
import { parseIntOption, parseYesNo } from '../../daemons/common/client/keyval.js';
import { parseBeParams, parseDictOption, parseIdentDicts, parseNameList } from '../../daemons/common/client/params.js';
import type { VerbDef } from '../framework/spec.js';
import { addClusterParamOptions, type ClusterParamOpts } from './modify.js';
import type { InitClusterOptions } from '../../daemons/common/cluster-init-options.js';
import { refuseOption } from '../framework/refuse.js';

interface InitOpts extends ClusterParamOpts {
  etcHosts?: boolean;
  sshInit?: boolean;
  secondaryIp?: string;
  primaryIpVersion?: string;
  useExternalMipScript?: string;
  drbdUsermodeHelper?: string;
  sshKeyType?: string;
  sshKeyBits?: string;
}

/** Parameter dicts travel as strings to the bootstrap code (it applies the schemas). */
function strings(kv: KeyVal | Record<string, unknown> | undefined | null | false): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(kv || {})) if (v !== null && v !== undefined) out[k] = String(v);
  return out;
}

/** Turns the parsed options into what initCluster takes; throws on any bad value. */
export function buildInitOptions(name: string, opts: InitOpts, note: (msg: string) => void): InitClusterOptions {
  const templates = parseNameList(opts.enabledDiskTemplates) ?? supportedTemplates();
  const diskDicts = parseIdentDicts('-D', opts.diskParameters);
  const unknown = Object.keys(diskDicts).filter((t) => !isKnownTemplate(t));
  if (unknown.length) {
    throw new OpPrereqError(`Disk templates unknown: ${unknown.join(', ')} (known: ${templateNames().join(', ')})`,
      { ecode: 'wrong_input' });
  }
  if (opts.vgName && !templates.some((t) => findTemplate(t)?.storageType === 'lvm-vg')) {
    note('You specified a volume group with --vg-name, but you did not enable any disk template that uses lvm.');
  }
  const nic = parseDictOption('-N', opts.nicParameters) ?? {};
  const masterNetdev = opts.masterNetdev ?? (nic.mode === 'openvswitch' ? 'switch1' : 'xen-br0');
  if (opts.primaryIpVersion !== undefined && !['4', '6'].includes(opts.primaryIpVersion)) {
    throw new OpPrereqError(`Invalid primary ip version value: '${opts.primaryIpVersion}' (allowed: 4, 6)`, { ecode: 'wrong_input' });
  }
  const hv = parseIdentDicts('-H', opts.hypervisorParameters);
  const yesNo = (o: string, v: string | undefined) => (v === undefined ? undefined : parseYesNo(o, v));
  const out: InitClusterOptions = {
    cluster_name: name,
    master_netdev: masterNetdev,
    use_external_mip_script: yesNo('--use-external-mip-script', opts.useExternalMipScript),
    enabled_hypervisors: parseNameList(opts.enabledHypervisors) ?? ['kvm'],
    enabled_disk_templates: templates,
    hvparams: Object.fromEntries(Object.entries(hv).map(([k, v]) => [k, strings(v)])),
    beparams: strings(parseBeParams(opts.backendParameters)),
    nicparams: strings(nic),
    ndparams: strings(parseDictOption('--node-parameters', opts.nodeParameters)),
    diskparams: Object.fromEntries(Object.entries(diskDicts).map(([k, v]) => [k, strings(v)])),
    ipolicy: buildIPolicy(opts) ?? {},
    modify_etc_hosts: opts.etcHosts !== false,
    modify_ssh_setup: opts.sshInit !== false,
  };
  const optional: Partial<InitClusterOptions> = {
    master_netmask: opts.masterNetmask === undefined ? undefined : parseIntOption('--master-netmask', opts.masterNetmask, 0),
    candidate_pool_size: opts.candidatePoolSize === undefined ? undefined : parseIntOption('-C', opts.candidatePoolSize, 1),
    mac_prefix: opts.macPrefix,
    file_storage_dir: opts.fileStorageDir,
    shared_file_storage_dir: opts.sharedFileStorageDir,
    default_iallocator: opts.defaultIallocator,
    secondary_ip: opts.secondaryIp,
    vg_name: opts.vgName,
    prealloc_wipe_disks: yesNo('--prealloc-wipe-disks', opts.preallocWipeDisks),
    enabled_user_shutdown: yesNo('--user-shutdown', opts.userShutdown),
    uid_pool: opts.uidPool,
    maintain_node_health: yesNo('--maintain-node-health', opts.maintainNodeHealth),
  };
  for (const [k, v] of Object.entries(optional)) if (v !== undefined) (out as unknown as Record<string, unknown>)[k] = v;
  return out;
}

async function loadInitCluster(): Promise<InitClusterFn> {
  const { runInitProgram } = await import('./init-program.js');
  return runInitProgram;
}

export const verb: VerbDef<InitOpts> = {
  args: { min: 1, max: 1 },
  options(cmd) {
    addClusterParamOptions(cmd);
    cmd.option('-s, --secondary-ip <address>', 'Specify the secondary ip for the node');
    cmd.option('--no-etc-hosts', "Don't modify /etc/hosts");
    cmd.option('--no-ssh-init', "Don't initialize SSH keys");
    cmd.option('--primary-ip-version <4|6>', 'Cluster-wide IP version for primary IP');
    cmd.option('--use-external-mip-script <yes|no>', 'Run a user-provided script for the master IP address turnup and turndown');
    cmd.option('--drbd-usermode-helper <helper>', 'Specifies usermode helper for DRBD (accepted, unused)');
    cmd.option('--ssh-key-type <type>', 'Type of SSH keys to generate (not supported)');
    cmd.option('--ssh-key-bits <bits>', 'Length of SSH keys to generate (not supported)');
  },
  async run(ctx, opts, [name]) {
    refuseOption(opts.drbdUsermodeHelper, '--drbd-usermode-helper', 'this build has no DRBD disk template');
    refuseOption(opts.sshKeyType, '--ssh-key-type', 'this version does not generate or manage SSH keys');
    refuseOption(opts.sshKeyBits, '--ssh-key-bits', 'this version does not generate or manage SSH keys');
    const initOpts = buildInitOptions(name!, opts, ctx.out);
    const initCluster = ctx.io.initCluster ?? (await loadInitCluster());
    await initCluster(initOpts, (msg) => ctx.out(msg));
    return 0;
  },
};
