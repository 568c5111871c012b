// gnt-cluster verify: one job verifying the configuration and one job per node group (each
// depending on the first), all submitted in one request, then followed in order. Every
// verify opcode returns a boolean: false means it found errors.
import { OpClusterVerifyConfig, OpClusterVerifyGroup } from '../../daemons/common/opcodes/cluster.js';
import { ParameterError } from '../../daemons/common/errors.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import { collect } from '../../daemons/common/client/keyval.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';
import { addDryRunOption, addPriorityOption } from '../framework/job-options.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';

/** The error codes -I/--ignore-errors accepts (Ganeti's CV_ALL_ECODES_STRINGS). */
export const VERIFY_ECODES = [
  'ECLUSTERCFG', 'ECLUSTERCERT', 'ECLUSTERCLIENTCERT', 'ECLUSTERFILECHECK', 'ECLUSTERDANGLINGNODES',
  'ECLUSTERDANGLINGINST', 'EINSTANCEBADNODE', 'EINSTANCEDOWN', 'EINSTANCELAYOUT', 'EINSTANCEMISSINGDISK',
  'EINSTANCEFAULTYDISK', 'EINSTANCEWRONGNODE', 'EINSTANCESPLITGROUPS', 'EINSTANCEPOLICY', 'EINSTANCEUNSUITABLENODE',
  'EINSTANCEMISSINGCFGPARAMETER', 'ENODEDRBD', 'ENODEDRBDVERSION', 'ENODEDRBDHELPER', 'ENODEFILECHECK', 'ENODEHOOKS',
  'ENODEHV', 'ENODELVM', 'ENODEN1', 'ENODENET', 'ENODEOS', 'ENODEORPHANINSTANCE', 'ENODEORPHANLV', 'ENODERPC',
  'ENODESSH', 'ENODEVERSION', 'ENODESETUP', 'ENODETIME', 'ENODEOOBPATH', 'ENODEUSERSCRIPTS', 'ENODEFILESTORAGEPATHS',
  'ENODEFILESTORAGEPATHUNUSABLE', 'ENODESHAREDFILESTORAGEPATHUNUSABLE', 'ENODEGLUSTERSTORAGEPATHUNUSABLE',
  'EGROUPDIFFERENTPVSIZE', 'EEXTAGS',
];

interface VerifyOpts extends GenericOpts {
  verbose?: boolean;
  errorCodes?: boolean;
  ignoreErrors?: string[];
  nplus1Mem?: boolean;
  hvParamAssessment?: boolean;
  nodeGroup?: string;
  debugSimulateErrors?: boolean;
  verifySshClutter?: boolean;
}

function checkEcode(code: string): string {
  if (!VERIFY_ECODES.includes(code)) {
    throw new ParameterError(`Invalid error code '${code}' for -I/--ignore-errors (allowed: ${VERIFY_ECODES.join(', ')})`,
      { ecode: 'wrong_input' });
  }
  return code;
}

export const verb: VerbDef<VerifyOpts> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('-v, --verbose', 'Increase the verbosity of the operation');
    cmd.option('--debug-simulate-errors', 'Debugging option that makes the operation treat most runtime checks as failed');
    cmd.option('--error-codes', 'Enable parseable error messages');
    cmd.option('--no-nplus1-mem', 'Skip N+1 memory redundancy tests');
    cmd.option('--no-hv-param-assessment', 'Skip the hypervisor parameter assessment');
    cmd.option('-g, --node-group <nodegroup>', 'Node group (name or uuid)');
    cmd.option('-I, --ignore-errors <ecode>', 'Error code to be ignored (repeatable)', collect(checkEcode));
    cmd.option('--verify-ssh-clutter', 'Verify that Ganeti did not clutter up the authorized_keys file');
    addDryRunOption(cmd);
    addPriorityOption(cmd);
  },
  async run(ctx, opts) {
    const common = {
      verbose: !!opts.verbose,
      error_codes: !!opts.errorCodes,
      debug_simulate_errors: !!opts.debugSimulateErrors,
      ignore_errors: opts.ignoreErrors ?? [],
    };
    const skipChecks = [
      ...(opts.nplus1Mem === false ? ['nplusone_mem'] : []),
      ...(opts.hvParamAssessment === false ? ['hvparam_assessment'] : []),
    ];
    let groups: string[];
    const jex = new JobExecutor(ctx);
    if (opts.nodeGroup) {
      groups = [opts.nodeGroup];
    } else {
      const res = await (await ctx.master()).query('group', ['name'], [], null);
      groups = res.rows.map((row) => String(row[0]?.value ?? '')).filter(Boolean);
      jex.queueJob(null, buildOp(ctx, OpClusterVerifyConfig, common, opts));
    }
    groups.forEach((group, i) => {
      // Group checks run after the configuration check (Ganeti's relative dependency).
      const depends = opts.nodeGroup ? undefined : [[-(i + 1), []]];
      jex.queueJob(null, buildOp(ctx, OpClusterVerifyGroup, {
        ...common, group_name: group, skip_checks: skipChecks, verify_clutter: !!opts.verifySshClutter, depends,
      }, opts));
    });
    const results = await jex.getResults();
    const bad = results.filter((r) => !r.success || !(Array.isArray(r.result) && r.result.length === 1 && r.result[0] === true));
    if (!bad.length) return 0;
    ctx.out(`${bad.length} job(s) failed while verifying the cluster.`);
    return 1;
  },
};
