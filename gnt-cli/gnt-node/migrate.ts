// gnt-node migrate [-f] [--non-live] [--migration-mode MODE] [-n NODE | -I ALLOC] NODE:
// live-migrate every primary instance away: OP_NODE_MIGRATE, which the master turns into
// one OP_INSTANCE_MIGRATE job per instance.
import { OpNodeMigrate } from '../../daemons/common/opcodes/node.js';
import { OpPrereqError } from '../../daemons/common/errors.js';
import { buildOp, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_ONE, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';
import { migrationMode } from '../gnt-instance/migrate.js';
import { moveInstances, nodeInstances } from './move-instances.js';

interface Opts extends GenericOpts {
  force?: boolean;
  nonLive?: boolean;
  migrationMode?: string;
  targetNode?: string;
  iallocator?: string;
  ignoreIpolicy?: boolean;
  runtimeChanges?: boolean;
}

export const verb: VerbDef<Opts> = {
  args: ARGS_ONE,
  options(cmd) {
    cmd.option('-f, --force', 'Force the operation');
    cmd.option('--non-live', 'Do a non-live migration (this usually means freeze the instance, save the state, transfer' +
      ' and only then resume running on the secondary node)');
    cmd.option('--migration-mode <mode>', 'Override default migration mode (choose either live or non-live)');
    cmd.option('-n, --target-node <node>', 'Target node for instance migration (externally mirrored templates only)');
    cmd.option('-I, --iallocator <name>', 'Select the target nodes with this iallocator (default: the cluster default, hail)');
    cmd.option('--ignore-ipolicy', 'Ignore instance policy violations');
    cmd.option('--no-runtime-changes', "Don't allow runtime changes of instance resources (memory)");
    addJobOptions(cmd);
  },
  async run(ctx, opts, [node]) {
    if (opts.targetNode && opts.iallocator) throw new OpPrereqError('Give either the iallocator or the target node, not both', { ecode: 'wrong_input' });
    const mode = migrationMode({ nonLive: opts.nonLive, migrationMode: opts.migrationMode });
    const instances = await nodeInstances(ctx, node!, 'pinst_list');
    if (!instances.length) {
      ctx.out(`No primary instances on node ${node}, exiting.`);
      return 0;
    }
    return moveInstances(ctx, instances, {
      question: `Migrate instance(s) ${instances.join(', ')}?`,
      force: !!opts.force,
      nodeOp: buildOp(ctx, OpNodeMigrate, {
        node_name: node,
        ...(mode ? { mode } : {}),
        ...(opts.targetNode ? { target_node: opts.targetNode } : {}),
        ...(opts.iallocator ? { iallocator: opts.iallocator } : {}),
        ignore_ipolicy: !!opts.ignoreIpolicy,
        allow_runtime_changes: opts.runtimeChanges !== false,
      }, opts),
      allGood: () => 'All instances migrated successfully.',
      someBad: (bad) => `There were ${bad} errors during the node migration.`,
    }, opts);
  },
};
