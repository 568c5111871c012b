// BurninCluster: the steps in Ganeti's order, each only where the disk template, the node
// count and the options allow it; on any failure the feedback of the failing step is
// dumped and every instance this run created is removed (unless -K), then the error is
// passed on so that burnin exits non-zero.
import type { Burner } from './burner.js';
import { instanceNames } from './cluster-state.js';
import { BurninError } from './errors.js';
import { singleNodeTemplates, templatePlan } from './templates.js';
import { createInstances, removeInstances } from './steps/create-remove.js';
import { activateDisks, addRemoveDisks, growDisks, replaceDisksSame, replaceSecondary } from './steps/disks.js';
import { reboot, reinstall, renameSame, renameSequence, stopStart } from './steps/lifecycle.js';
import { addRemoveNics, runtimeMemory } from './steps/modify.js';
import { failover, migrate, move } from './steps/moves.js';

async function allSteps(b: Burner): Promise<void> {
  const o = b.opts;
  const d = o.do;
  const nodes = b.state.nodes.length;
  const plan = templatePlan(o.diskTemplate);
  await createInstances(b);
  if (d.startStop) await stopStart(b);
  if (o.minmem < o.maxmem) await runtimeMemory(b);
  if (d.replace1 && plan.intMirror) await replaceDisksSame(b);
  if (d.replace2 && nodes > 2 && plan.intMirror) await replaceSecondary(b);
  if (plan.growable && o.diskGrowth.some((g) => g > 0)) await growDisks(b);
  if (d.failover) await failover(b);
  if (d.migrate) await migrate(b);
  if (d.move && nodes > 1 && plan.movable) await move(b);
  if (d.importExport && plan.importExport) {
    b.log.line('Skipping export/import (burnin in ganeti-ts does not implement it yet)');
  }
  if (d.reinstall) {
    // Ganeti's LUInstanceReinstall refuses instances without disks; burnin.py would fail here.
    if (o.diskTemplate === 'diskless') b.log.line('Skipping reinstall (disk template diskless has no disks to reinstall)');
    else await reinstall(b);
  }
  if (d.reboot) await reboot(b);
  if (d.renameSame) await renameSame(b);
  if (d.confd) b.log.line('Skipping confd checks (ganeti-ts has no confd daemon)');
  if (d.addRemoveNics) {
    if (b.state.nicMode === 'bridged') await addRemoveNics(b);
    else b.log.line('Skipping nic add/remove as the cluster is not in bridged mode');
  }
  if (d.activateDisks) await activateDisks(b);
  if (d.addRemoveDisks) await addRemoveDisks(b);
  if (o.rename !== null) await renameSequence(b, o.rename);
}

/** After a failed --rename step the instance may carry the temporary name. */
async function followRename(b: Burner): Promise<void> {
  const r = b.renaming;
  if (!r) return;
  const names = await instanceNames(b.master);
  if (!names.has(r.from) && names.has(r.to)) b.toRemove = b.toRemove.map((n) => (n === r.from ? r.to : n));
}

export async function burninCluster(b: Burner): Promise<void> {
  b.log.line('Testing global parameters');
  if (b.state.nodes.length === 1 && !templatePlan(b.opts.diskTemplate).singleNode) {
    throw new BurninError(`When one node is available/selected the disk template must be one of ${singleNodeTemplates().join(', ')}`);
  }
  let failure: unknown = null;
  try {
    await allSteps(b);
  } catch (err) {
    failure = err;
  }
  if (failure) {
    b.log.line('Error detected: opcode buffer follows:');
    b.log.raw('');
    for (const line of b.log.feedbackText()) b.log.raw(line);
    b.log.raw('');
  }
  // Cleanup must run even when the failure was an interrupt.
  b.jobs.ignoreInterrupt = true;
  if (b.opts.keepInstances) {
    if (failure && b.toRemove.length) b.log.line(`Keeping instances (-K): ${b.toRemove.join(', ')}`);
  } else {
    try {
      if (failure) await followRename(b);
      await removeInstances(b, failure !== null);
    } catch (err) {
      if (!failure) throw err;
      b.log.line(`Note: error detected during instance remove: ${(err as Error).message}`);
    }
  }
  if (failure) throw failure;
}
