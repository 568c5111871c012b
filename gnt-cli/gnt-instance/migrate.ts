// gnt-instance migrate NAME: asks first (unless -f), then OP_INSTANCE_MIGRATE.
import { OpInstanceMigrate } from '../../daemons/common/opcodes/instance.js';
import { ParameterError } from '../../daemons/common/errors.js';
import { askYesNo } from '../framework/confirm.js';
import type { Command } from 'commander';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { expandInstances } from './select.js';

interface MigrateOpts extends GenericOpts {
  force?: boolean;
  nonLive?: boolean;
  migrationMode?: string;
  targetNode?: string;
  iallocator?: string;
  cleanup?: boolean;
  allowFailover?: boolean;
  ignoreIpolicy?: boolean;
  runtimeChanges?: boolean;
  ignoreHvversions?: boolean;
}

const MODES = ['live', 'non-live'];

/** Ganeti: --non-live and --migration-mode exclude each other; neither = the hypervisor's default. */
export function migrationMode(opts: { nonLive?: boolean; migrationMode?: string }): string | undefined {
  if (opts.nonLive && opts.migrationMode) throw new ParameterError('Only one of the --non-live and --migration-mode options can be passed', { ecode: 'wrong_input' });
  if (opts.nonLive) return 'non-live';
  if (opts.migrationMode !== undefined && !MODES.includes(opts.migrationMode)) {
    throw new ParameterError(`Invalid --migration-mode '${opts.migrationMode}' (allowed: ${MODES.join(', ')})`, { ecode: 'wrong_input' });
  }
  return opts.migrationMode;
}

export function addMigrateOptions(cmd: Command): void {
  cmd.option('--non-live', 'Do a non-live migration (this usually means freeze the instance, save the state, transfer' +
    ' and only then resume running on the secondary node)');
  cmd.option('--migration-mode <mode>', 'Override default migration mode (choose either live or non-live)');
  cmd.option('-n, --target-node <node>', 'Target node (externally mirrored templates only)');
  cmd.option('-I, --iallocator <name>', 'Select the target node with this iallocator (default: the cluster default, hail)');
  cmd.option('--allow-failover', 'If migration is not possible fallback to failover');
  cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
  cmd.option('--no-runtime-changes', "Don't allow runtime changes of instance resources (memory)");
  cmd.option('--ignore-hvversions', 'Ignore imcompatible hypervisor versions between source and target');
}

export const verb: VerbDef<MigrateOpts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    addMigrateOptions(cmd);
    cmd.option('--cleanup', 'Instead of performing the migration, try to recover from a failed cleanup. This is safe' +
      ' to run even if the instance is healthy, but it will create extra replication traffic and disrupt briefly the' +
      ' replication (like during the migration)');
    addJobOptions(cmd);
  },
  async run(ctx, opts, [name]) {
    const mode = migrationMode(opts);
    const op = buildOp(ctx, OpInstanceMigrate, {
      instance_name: name,
      ...(mode ? { mode } : {}),
      ...(opts.targetNode ? { target_node: opts.targetNode } : {}),
      ...(opts.iallocator ? { iallocator: opts.iallocator } : {}),
      cleanup: !!opts.cleanup,
      allow_failover: !!opts.allowFailover,
      ignore_ipolicy: !!opts.ignoreIpolicy,
      allow_runtime_changes: opts.runtimeChanges !== false,
      ignore_hvversions: !!opts.ignoreHvversions,
    }, opts);
    if (!opts.force) {
      await expandInstances(ctx, 'instances', [name!]);
      const text = opts.cleanup
        ? `Instance ${name} will be recovered from a failed migration. Note that the migration procedure (including cleanup)` +
          ' might impact the instance if anything goes wrong (e.g. due to bugs in the hypervisor). Continue?'
        : `Instance ${name} will be migrated. Note that migration might impact the instance if anything goes wrong` +
          ' (e.g. due to bugs in the hypervisor). Continue?';
      if (!(await askYesNo(ctx.io, text))) return 1;
    }
    await submitOrSend(ctx, op, opts);
    return 0;
  },
};
