// gnt-backup export -n NODE [--noshutdown] [--remove-instance] NAME: OP_BACKUP_EXPORT.
import { OpBackupExport } from '../../daemons/common/opcodes/backup.js';
import { parseIntOption } from '../../daemons/common/client/keyval.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';

interface ExportOpts extends GenericOpts {
  node?: string;
  shutdown?: boolean;
  shutdownTimeout?: string;
  removeInstance?: boolean;
  ignoreRemoveFailures?: boolean;
  noshutdown?: boolean;
  compress?: string;
  transportCompression?: string;
}

/** --transport-compression (Ganeti's name) or --compress; both at once must agree. */
function compressOption(opts: ExportOpts): string {
  if (opts.compress && opts.transportCompression && opts.compress !== opts.transportCompression) {
    throw new OpPrereqError(`--compress ${opts.compress} and --transport-compression ${opts.transportCompression} disagree`, { ecode: 'wrong_input' });
  }
  return opts.transportCompression ?? opts.compress ?? 'none';
}

export const verb: VerbDef<ExportOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-n, --node <node>', 'Target node');
    cmd.option('--noshutdown', "Don't shutdown the instance (unsafe)");
    cmd.option('--shutdown-timeout <seconds>', 'Maximum time to wait for instance shutdown', '120');
    cmd.option('--remove-instance', 'Remove the instance from the cluster');
    cmd.option('--ignore-remove-failures', 'Remove the instance from the cluster configuration even if there are failures during the removal process');
    cmd.option('--transport-compression <tool>', "Compression tool for the disk dumps: none or one of the cluster's compression tools");
    cmd.option('--compress <tool>', 'Same as --transport-compression');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    if (!opts.node) throw new OpPrereqError('Target node must be specified (-n NODE)', { ecode: 'wrong_input' });
    const noshutdown = opts.noshutdown === true;
    const op = buildOp(ctx, OpBackupExport, {
      instance_name: name, target_node: opts.node, shutdown: !noshutdown,
      shutdown_timeout: parseIntOption('--shutdown-timeout', opts.shutdownTimeout ?? '120', 0),
      remove_instance: !!opts.removeInstance, ignore_remove_failures: !!opts.ignoreRemoveFailures, compress: compressOption(opts),
    }, opts);
    const r = await submitOrSend(ctx, op, opts);
    if (r.submitted) return 0;
    const res = r.result as [boolean, boolean[]] | null;
    if (!res || !res[0]) { ctx.err('Export failed'); return 1; }
    const bad = res[1].map((ok, i) => (ok ? -1 : i)).filter((i) => i >= 0);
    if (bad.length) { ctx.err(`Export failed, errors in disk export: disk(s) ${bad.join(', ')}`); return 1; }
    return 0;
  },
};
