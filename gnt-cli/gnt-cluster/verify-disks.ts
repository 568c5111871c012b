// gnt-cluster verify-disks: one OP_GROUP_VERIFY_DISKS job per node group (Ganeti's
// OpClusterVerifyDisks fans out the same way), then Ganeti's report: nodes that could not
// report (exit 1), instances whose disks should be active are activated, missing volumes listed.
import { OpGroupVerifyDisks } from '../../daemons/common/opcodes/cluster.js';
import { OpInstanceActivateDisks } from '../../daemons/common/opcodes/instance.js';
import { JobExecutor } from '../../daemons/common/client/job-executor.js';
import { buildOp, submitOpCode, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addPriorityOption } from '../framework/job-options.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

type GroupResult = [Record<string, string>, string[], Record<string, [string, string][]>];

export const verb: VerbDef<GenericOpts & { strict?: boolean }> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--no-strict', 'Skip checks whose failure can be ignored');
    addPriorityOption(cmd);
  },
  async run(ctx, opts) {
    const groups = (await (await ctx.master()).query('group', ['uuid', 'name'], [], null)).rows;
    const jex = new JobExecutor(ctx, false);
    for (const [uuid, name] of groups) {
      jex.queueJob(String(name!.value), buildOp(ctx, OpGroupVerifyDisks, { group_name: String(uuid!.value), is_strict: opts.strict !== false }, opts));
    }
    let rc = 0;
    for (const outcome of await jex.getResults()) {
      if (!outcome.success) { ctx.out(`Job failed: ${String(outcome.result)}`); rc = 1; continue; }
      const [badNodes, instances, missing] = (outcome.result as GroupResult[])[0]!;
      for (const [node, text] of Object.entries(badNodes)) {
        ctx.out(`Error gathering data on node ${node}: ${text.slice(-400)}`);
        rc = 1;
      }
      for (const inst of instances) {
        ctx.out(`Activating disks for instance '${inst}'`);
        try {
          await submitOpCode(ctx, buildOp(ctx, OpInstanceActivateDisks, { instance_name: inst }, opts), opts);
        } catch (err) {
          ctx.out(`Error activating disks for instance ${inst}: ${(err as Error).message}`);
          rc = 1;
        }
      }
      for (const [inst, vols] of Object.entries(missing)) {
        ctx.out(`Instance ${inst} has missing logical volumes:`);
        for (const [node, vol] of vols) ctx.out(`\t${node} /dev/${vol}`);
        rc = 1;
      }
    }
    return rc;
  },
};
