// gnt-cluster modify: OP_CLUSTER_SET_PARAMS from Ganeti's options. Parameters that the
// opcode definition does not know are refused by its validation, before any submission.
import { OpClusterSetParams } from '../../daemons/common/opcodes/cluster.js';
import { addIPolicyOptions, buildIPolicy, type IPolicyOptions } from '../framework/ipolicy.js';
import { collect, parseIntOption, parseList, parseYesNo } from '../../daemons/common/client/keyval.js';
import { parseBeParams, parseDictOption, parseIdentDicts, parseNameList } from '../../daemons/common/client/params.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { followCreatedJobs } from '../framework/created-jobs.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';

export interface ClusterParamOpts extends IPolicyOptions {
  backendParameters?: string;
  hypervisorParameters?: string[];
  nicParameters?: string;
  nodeParameters?: string;
  diskParameters?: string[];
  enabledHypervisors?: string;
  enabledDiskTemplates?: string;
  candidatePoolSize?: string;
  macPrefix?: string;
  masterNetdev?: string;
  masterNetmask?: string;
  defaultIallocator?: string;
  fileStorageDir?: string;
  sharedFileStorageDir?: string;
  vgName?: string;
  uidPool?: string;
  maintainNodeHealth?: string;
  preallocWipeDisks?: string;
  useExternalMipScript?: string;
  userShutdown?: string;
}

/** The parameter options init and modify share. */
export function addClusterParamOptions(cmd: import('commander').Command): void {
  cmd.option('-B, --backend-parameters <params>', 'Backend parameters (k=v,…)');
  cmd.option('-H, --hypervisor-parameters <hv:params>', 'Hypervisor and hypervisor options (repeatable)', collect(String));
  cmd.option('-N, --nic-parameters <params>', 'NIC parameters');
  cmd.option('--node-parameters <params>', 'Node parameters');
  cmd.option('-D, --disk-parameters <template:params>', 'Disk template parameters (repeatable)', collect(String));
  cmd.option('--enabled-hypervisors <list>', 'Comma-separated list of hypervisors');
  cmd.option('--enabled-disk-templates <list>', 'Comma-separated list of disk templates');
  cmd.option('-C, --candidate-pool-size <n>', 'Set the candidate pool size');
  cmd.option('-m, --mac-prefix <prefix>', 'Specify the mac prefix for the instance IP addresses, in the format XX:XX:XX');
  cmd.option('--master-netdev <netdev>', 'Specify the node interface on which the master IP address will be added');
  cmd.option('--master-netmask <netmask>', 'Specify the netmask of the master IP');
  cmd.option('-I, --default-iallocator <name>', 'Set the default instance allocator plugin');
  cmd.option('--file-storage-dir <dir>', 'Specify the default directory for storing the file-based disks');
  cmd.option('--shared-file-storage-dir <dir>', 'Specify the default directory for storing the shared file-based disks');
  cmd.option('--vg-name <vg>', 'Specifies the volume group name for disk allocation');
  cmd.option('--uid-pool <list>', 'A list of user-ids or user-id ranges separated by commas');
  cmd.option('--maintain-node-health <yes|no>', 'Configure the cluster to automatically maintain node health');
  cmd.option('--prealloc-wipe-disks <yes|no>', 'Wipe disks prior to instance creation');
  cmd.option('--user-shutdown <yes|no>', 'Whether user shutdown is enabled');
  addIPolicyOptions(cmd);
}

interface ModifyOpts extends ClusterParamOpts, GenericOpts {
  force?: boolean;
  maxRunningJobs?: string;
  maxTrackedJobs?: string;
  installImage?: string;
  zeroingImage?: string;
  compressionTools?: string;
  instanceCommunicationNetwork?: string;
}

export const verb: VerbDef<ModifyOpts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    addClusterParamOptions(cmd);
    cmd.option('--max-running-jobs <n>', 'Set the maximal number of jobs to run simultaneously');
    cmd.option('--max-tracked-jobs <n>', 'Set the maximal number of jobs tracked by the scheduler');
    cmd.option('--use-external-mip-script <yes|no>', 'Run a user-provided script for the master IP address turnup and turndown');
    cmd.option('--install-image <image>', 'The OS image to use for running the OS scripts safely (absolute path or URL)');
    cmd.option('--zeroing-image <image>', 'The OS image to use to zero instance disks (absolute path or URL)');
    cmd.option('--compression-tools <list>', 'Comma-separated list of compression tools which are allowed to be used by Ganeti in various operations');
    cmd.option('--instance-communication-network <network>', 'Set the network name for instance communication (created and connected to every group if missing)');
    addJobOptions(cmd);
  },
  async run(ctx, opts) {
    const hv = parseIdentDicts('-H', opts.hypervisorParameters);
    const disk = parseIdentDicts('-D', opts.diskParameters);
    const be = parseBeParams(opts.backendParameters);
    const nic = parseDictOption('-N', opts.nicParameters);
    const nd = parseDictOption('--node-parameters', opts.nodeParameters);
    const yesNo = (o: string, v: string | undefined) => (v === undefined ? undefined : parseYesNo(o, v));
    const int = (o: string, v: string | undefined) => (v === undefined ? undefined : parseIntOption(o, v, 1));
    const params: Record<string, unknown> = {
      force: !!opts.force,
      enabled_hypervisors: parseNameList(opts.enabledHypervisors),
      enabled_disk_templates: parseNameList(opts.enabledDiskTemplates),
      hvparams: Object.keys(hv).length ? hv : undefined,
      diskparams: Object.keys(disk).length ? disk : undefined,
      beparams: Object.keys(be).length ? be : undefined,
      nicparams: nic && Object.keys(nic).length ? nic : undefined,
      ndparams: nd,
      ipolicy: buildIPolicy(opts) ?? undefined,
      candidate_pool_size: int('-C', opts.candidatePoolSize),
      max_running_jobs: int('--max-running-jobs', opts.maxRunningJobs),
      max_tracked_jobs: int('--max-tracked-jobs', opts.maxTrackedJobs),
      default_iallocator: opts.defaultIallocator,
      mac_prefix: opts.macPrefix,
      master_netdev: opts.masterNetdev,
      master_netmask: opts.masterNetmask === undefined ? undefined : parseIntOption('--master-netmask', opts.masterNetmask, 0),
      file_storage_dir: opts.fileStorageDir,
      shared_file_storage_dir: opts.sharedFileStorageDir,
      vg_name: opts.vgName,
      uid_pool: opts.uidPool === undefined ? undefined : parseList(opts.uidPool),
      maintain_node_health: yesNo('--maintain-node-health', opts.maintainNodeHealth),
      prealloc_wipe_disks: yesNo('--prealloc-wipe-disks', opts.preallocWipeDisks),
      use_external_mip_script: yesNo('--use-external-mip-script', opts.useExternalMipScript),
      enabled_user_shutdown: yesNo('--user-shutdown', opts.userShutdown),
      install_image: opts.installImage,
      zeroing_image: opts.zeroingImage,
      compression_tools: opts.compressionTools === undefined ? undefined : parseList(opts.compressionTools),
      instance_communication_network: opts.instanceCommunicationNetwork,
    };
    if (Object.entries(params).every(([k, v]) => k === 'force' || v === undefined)) {
      ctx.err('Please give at least one of the parameters.');
      return 1;
    }
    const res = await submitOrSend(ctx, buildOp(ctx, OpClusterSetParams, params, opts), opts);
    // A new instance communication network is created and connected by the jobs the change made.
    if (!res.submitted && res.result && typeof res.result === 'object' && 'jobs' in res.result) {
      return (await followCreatedJobs(ctx, res.result)) ? 1 : 0;
    }
    return 0;
  },
};
