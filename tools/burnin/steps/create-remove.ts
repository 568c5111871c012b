// BurnCreateInstances and BurnRemove: instances spread round-robin over the nodes (or
// placed by the iallocator), and removed again — every one this run created, and only
// those (an instance that was already there is never touched).
import { OpInstanceCreate, OpInstanceRemove } from '../../../daemons/common/opcodes/index.js';
import type { Burner } from '../burner.js';
import { BatchFailed, JobFailed } from '../errors.js';
import { templatePlan } from '../templates.js';
import { nodeFor, runStep } from './step.js';

export async function createInstances(b: Burner): Promise<void> {
  const o = b.opts;
  const nodes = b.state.nodes;
  const plan = templatePlan(o.diskTemplate);
  const fileBased = plan.fileBased;
  b.toRemove = [];
  await runStep(b, { title: 'Creating instances', retry: false, check: true }, async () => {
    for (const [i, name] of o.instances.entries()) {
      b.log.line(`instance ${name}`, 1);
      let pnode: string | undefined = nodeFor(nodes, i);
      let snode: string | undefined = nodeFor(nodes, i, 1);
      if (o.iallocator) {
        pnode = snode = undefined;
        b.log.line(`with iallocator ${o.iallocator}`, 2);
      } else if (!plan.intMirror) {
        snode = undefined;
        b.log.line(`on ${pnode}`, 2);
      } else {
        b.log.line(`on ${pnode}, ${snode}`, 2);
      }
      const op = b.op(OpInstanceCreate, {
        instance_name: name,
        mode: 'create',
        disks: o.diskSize.map((size) => ({ size })),
        disk_template: o.diskTemplate,
        nics: o.nics,
        os_type: o.os,
        pnode,
        snode,
        start: true,
        ip_check: o.ipCheck,
        name_check: o.nameCheck,
        wait_for_sync: true,
        file_driver: fileBased ? 'loop' : undefined,
        iallocator: o.iallocator ?? undefined,
        beparams: { minmem: o.minmem, maxmem: o.maxmem, vcpus: o.vcpus },
        hvparams: o.hvparams,
        hypervisor: b.state.hypervisor,
        // -O values are strings unless the user wrote a bare key; the builder refuses those by name.
        osparams: o.osparams as Record<string, string>,
      });
      await b.jobs.execOrQueue(name, [op], () => { b.toRemove.push(name); });
    }
  });
}

/**
 * Removes what toRemove lists. bestEffort (cleanup after a failure): in serial mode one
 * failed removal does not stop the others; the first error is still thrown at the end.
 */
export async function removeInstances(b: Burner, bestEffort = false): Promise<void> {
  let firstError: unknown = null;
  await runStep(b, { title: 'Removing instances', retry: false }, async () => {
    for (const name of [...b.toRemove]) {
      b.log.line(`instance ${name}`, 1);
      const op = b.op(OpInstanceRemove, { instance_name: name, ignore_failures: true });
      try {
        await b.jobs.execOrQueue(name, [op], () => { b.toRemove = b.toRemove.filter((n) => n !== name); });
      } catch (err) {
        if (!bestEffort || !(err instanceof JobFailed || err instanceof BatchFailed)) throw err;
        firstError ??= err;
      }
    }
  });
  if (firstError) throw firstError;
}
