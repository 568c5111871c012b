// The disk steps: grow (OP_INSTANCE_GROW_DISK), activate/deactivate, add and remove a
// disk, and the two DRBD disk replacements. Each is skipped with a notice when the master
// does not know (or refuses as unsupported) the operation.
import { OpInstanceActivateDisks, OpInstanceDeactivateDisks, OpInstanceGrowDisk, OpInstanceReplaceDisks, OpInstanceSetParams } from '../../../daemons/common/opcodes/index.js';
import type { Burner } from '../burner.js';
import { unknownOpcode, unknownOrUnsupported } from '../errors.js';
import { nodeFor, runStep, startOp, stopOp } from './step.js';

export async function growDisks(b: Burner): Promise<void> {
  const spec = { title: 'Growing disks', retry: false, skipAs: 'disk growth', unsupported: unknownOpcode };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      for (const [idx, growth] of b.opts.diskGrowth.entries()) {
        if (growth <= 0) continue;
        const op = b.op(OpInstanceGrowDisk, { instance_name: name, disk: idx, amount: growth, wait_for_sync: true, ignore_ipolicy: true });
        b.log.line(`increase disk/${idx} by ${growth} MB`, 2);
        await b.jobs.execOrQueue(name, [op]);
      }
    }
  });
}

export async function activateDisks(b: Burner): Promise<void> {
  const spec = { title: 'Activating/deactivating disks', retry: true, check: true, skipAs: 'disk activation', unsupported: unknownOpcode, restartAfterSkip: true };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const act = b.op(OpInstanceActivateDisks, { instance_name: name });
      const deact = b.op(OpInstanceDeactivateDisks, { instance_name: name });
      b.log.line('activate disks when online', 2);
      b.log.line('activate disks when offline', 2);
      b.log.line('deactivate disks (when offline)', 2);
      await b.jobs.execOrQueue(name, [act, stopOp(b, name), act, deact, startOp(b, name)]);
    }
  });
}

export async function addRemoveDisks(b: Burner): Promise<void> {
  const spec = { title: 'Adding and removing disks', retry: false, check: true, skipAs: 'disk add/remove', unsupported: unknownOrUnsupported, restartAfterSkip: true };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const add = b.op(OpInstanceSetParams, { instance_name: name, disks: [['add', -1, { size: b.opts.diskSize[0] }]] });
      const rem = b.op(OpInstanceSetParams, { instance_name: name, disks: [['remove', -1, {}]] });
      b.log.line('adding a disk', 2);
      b.log.line('removing last disk', 2);
      await b.jobs.execOrQueue(name, [add, stopOp(b, name), rem, startOp(b, name)]);
    }
  });
}

export async function replaceDisksSame(b: Burner): Promise<void> {
  const spec = { title: 'Replacing disks on the same nodes', retry: true, skipAs: 'disk replacement', unsupported: unknownOpcode };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const ops = (['replace_on_secondary', 'replace_on_primary'] as const).map((mode) => {
        b.log.line(`run ${mode}`, 2);
        return b.op(OpInstanceReplaceDisks, {
          instance_name: name, mode, disks: b.opts.diskSize.map((_s, i) => i), early_release: b.opts.earlyRelease,
        });
      });
      await b.jobs.execOrQueue(name, ops);
    }
  });
}

export async function replaceSecondary(b: Burner): Promise<void> {
  const spec = { title: 'Changing the secondary node', retry: true, skipAs: 'secondary change', unsupported: unknownOpcode };
  await runStep(b, spec, async () => {
    for (const [i, name] of b.opts.instances.entries()) {
      b.log.line(`instance ${name}`, 1);
      const tnode = b.opts.iallocator ? undefined : nodeFor(b.state.nodes, i, 2);
      b.log.line(`run replace_new_secondary ${b.opts.iallocator ? `with iallocator ${b.opts.iallocator}` : tnode}`, 2);
      await b.jobs.execOrQueue(name, [b.op(OpInstanceReplaceDisks, {
        instance_name: name, mode: 'replace_new_secondary', remote_node: tnode, iallocator: b.opts.iallocator ?? undefined,
        disks: [], early_release: b.opts.earlyRelease,
      })]);
    }
  });
}
