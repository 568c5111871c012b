// gnt-instance add NAME: OP_INSTANCE_CREATE built as Ganeti's GenericInstanceCreate does,
// validated with the shared opcode definition, then submitted and followed.
import type { Command } from 'commander';
import { OpInstanceCreate } from '../../daemons/common/opcodes/instance.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { checkOwnerName } from '../../daemons/common/owner.js';
import { templateNames } from '../../daemons/storage/descriptors.js';
import { collect, parseYesNo } from '../../daemons/common/client/keyval.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import { parseBeParams, parseDictOption, parseHypervisorOption } from '../../daemons/common/client/params.js';
import { ARGS_ONE, type VerbContext, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { buildDisks, buildNics, checkDiskTemplate, splitNodeOption } from './create-args.js';

export interface AddOpts extends GenericOpts {
  diskTemplate?: string;
  disk?: string[];
  osSize?: string;
  net?: string[];
  /** false with --no-nics. */
  nics?: boolean;
  osType?: string;
  osParameters?: string;
  osParametersPrivate?: string;
  osParametersSecret?: string;
  backendParameters?: string;
  hypervisorParameters?: string;
  node?: string;
  iallocator?: string;
  nodeGroup?: string;
  start?: boolean;
  install?: boolean;
  nameCheck?: boolean;
  ipCheck?: boolean;
  conflictsCheck?: boolean;
  waitForSync?: boolean;
  fileStorageDir?: string;
  fileDriver?: string;
  tags?: string;
  ignoreIpolicy?: boolean;
  forceVariant?: boolean;
  forthcoming?: boolean;
  commit?: boolean;
  communication?: string;
  owner?: string;
}

export function addCreateOptions(cmd: Command): void {
  cmd.option('-t, --disk-template <template>', `Custom disk setup (${templateNames().join(', ')})`);
  cmd.option('--disk <N:params>', 'Disk parameters (repeatable): N:size=VAL[,mode=ro|rw,name=…]', collect(String));
  cmd.option('-s, --os-size <size>', 'Enforces a single-disk configuration using the given disk size');
  cmd.option('--net <N:params>', 'NIC parameters (repeatable): N:mac=…,ip=…,mode=…,link=…', collect(String));
  cmd.option('--no-nics', 'Do not create any network cards for the instance');
  cmd.option('-o, --os-type <os>', 'What OS to run');
  cmd.option('-O, --os-parameters <params>', 'OS parameters');
  cmd.option('--os-parameters-private <params>', "Private OS parameters (won't be logged)");
  cmd.option('--os-parameters-secret <params>', "Secret OS parameters (won't be logged or saved)");
  cmd.option('-B, --backend-parameters <params>', 'Backend parameters');
  cmd.option('-H, --hypervisor-parameters <hv[:params]>', 'Hypervisor and hypervisor options');
  cmd.option('-n, --node <pnode[:snode]>', 'Target node and optional secondary node');
  cmd.option('-I, --iallocator <name>', 'Select nodes for the instance automatically using the <NAME> iallocator plugin');
  cmd.option('-g, --node-group <group>', 'Node group in which to place the instance');
  cmd.option('--no-start', "Don't start the instance after creation");
  cmd.option('--no-install', 'Do not install the OS (will enable no-start)');
  cmd.option('--name-check', "Check that the instance's name is resolvable (default)");
  cmd.option('--no-name-check', "Don't check that the instance's name is resolvable");
  cmd.option('--ip-check', "Check that the instance's IP is alive (default)");
  cmd.option('--no-ip-check', "Don't check that the instance's IP is alive");
  cmd.option('--no-conflicts-check', "Don't check for conflicting IPs");
  cmd.option('--no-wait-for-sync', "Don't wait for sync (DANGEROUS!)");
  cmd.option('--file-storage-dir <dir>', 'Relative path under default cluster-wide file storage dir to store file-based disks');
  cmd.option('--file-driver <driver>', 'Driver to use for image files (loop, blktap, blktap2)');
  cmd.option('--tags <tags>', 'Comma-separated list of instance tags');
  cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
  cmd.option('--force-variant', 'Force an unknown variant');
  cmd.option('--forthcoming', 'Only reserve resources, but do not create the instance yet');
  cmd.option('--commit', 'The instance is already reserved and should be committed now');
  cmd.option('-c, --communication <yes|no>', 'Enable or disable the instance communication network');
  cmd.option('--owner <user>', 'The RAPI account (users file option user) that owns the instance');
}

/** The OP_INSTANCE_CREATE of an add command line; throws on any bad value. */
export function buildCreateOp(ctx: VerbContext, name: string, opts: AddOpts, mode: 'create' | 'import' = 'create',
  extra: Record<string, unknown> = {}): OpcodeDict {
  const template = checkDiskTemplate(opts.diskTemplate);
  if (opts.fileDriver !== undefined && !['loop', 'blktap', 'blktap2'].includes(opts.fileDriver)) {
    throw new OpPrereqError(`Invalid file driver '${opts.fileDriver}' (allowed: loop, blktap, blktap2)`, { ecode: 'wrong_input' });
  }
  const [pnode, snode] = splitNodeOption(opts.node);
  const { hypervisor, hvparams } = parseHypervisorOption(opts.hypervisorParameters);
  return buildOp(ctx, OpInstanceCreate, {
    instance_name: name,
    mode,
    disk_template: template,
    disks: buildDisks(template, opts.disk, opts.osSize, mode),
    nics: buildNics(opts.net, opts.nics === false, mode),
    os_type: opts.osType,
    force_variant: !!opts.forceVariant,
    osparams: parseDictOption('-O', opts.osParameters) ?? {},
    osparams_private: parseDictOption('--os-parameters-private', opts.osParametersPrivate),
    osparams_secret: parseDictOption('--os-parameters-secret', opts.osParametersSecret),
    beparams: parseBeParams(opts.backendParameters),
    hvparams,
    hypervisor,
    pnode,
    snode,
    iallocator: opts.iallocator,
    group_name: opts.nodeGroup,
    name_check: opts.nameCheck !== false,
    ip_check: opts.ipCheck !== false,
    conflicts_check: opts.conflictsCheck !== false,
    wait_for_sync: opts.waitForSync !== false,
    ignore_ipolicy: !!opts.ignoreIpolicy,
    file_storage_dir: opts.fileStorageDir,
    file_driver: opts.fileDriver,
    no_install: opts.install === false,
    start: opts.start !== false,
    tags: opts.tags ? opts.tags.split(',') : [],
    forthcoming: !!opts.forthcoming,
    commit: !!opts.commit,
    instance_communication: opts.communication === undefined ? undefined : parseYesNo('--communication', opts.communication),
    owner: opts.owner === undefined ? undefined : checkOwnerName(opts.owner),
    ...extra,
  }, opts);
}

export const verb: VerbDef<AddOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    addCreateOptions(cmd);
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    await submitOrSend(ctx, buildCreateOp(ctx, name!, opts), opts);
    return 0;
  },
};
