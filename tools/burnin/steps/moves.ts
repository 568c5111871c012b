// The steps that move instances between nodes: failover, live migration (with its
// cleanup run) and move. Skipped, with Ganeti's messages, where the disk template or the
// hypervisor cannot do it, and with a notice where the master does not know the opcode.
import { OpInstanceFailover, OpInstanceMigrate, OpInstanceMove } from '../../../daemons/common/opcodes/index.js';
import type { Burner } from '../burner.js';
import { unknownOpcode } from '../errors.js';
import { failoverSkip, migrationSkip } from '../templates.js';
import { nodeFor, runStep } from './step.js';

export async function failover(b: Burner): Promise<void> {
  const skip = failoverSkip(b.opts.diskTemplate);
  if (skip) {
    b.log.line(`Skipping failover (${skip})`);
    return;
  }
  const spec = { title: 'Failing over instances', retry: false, check: true, skipAs: 'failover', unsupported: unknownOpcode };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      await b.jobs.execOrQueue(name, [b.op(OpInstanceFailover, { instance_name: name, ignore_consistency: false })]);
    }
  });
}

export async function migrate(b: Burner): Promise<void> {
  const skip = migrationSkip(b.opts.diskTemplate, b.state.hypervisor);
  if (skip) {
    b.log.line(`Skipping migration (${skip})`);
    return;
  }
  const spec = { title: 'Migrating instances', retry: false, skipAs: 'migration', unsupported: unknownOpcode };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const run = b.op(OpInstanceMigrate, { instance_name: name, cleanup: false });
      const cleanup = b.op(OpInstanceMigrate, { instance_name: name, cleanup: true });
      b.log.line('migration and migration cleanup', 2);
      await b.jobs.execOrQueue(name, [run, cleanup]);
    }
  });
}

export async function move(b: Burner): Promise<void> {
  const spec = { title: 'Moving instances', retry: false, check: true, skipAs: 'instance move', unsupported: unknownOpcode };
  await runStep(b, spec, async () => {
    for (const [i, name] of b.opts.instances.entries()) {
      b.log.line(`instance ${name}`, 1);
      await b.jobs.execOrQueue(name, [b.op(OpInstanceMove, { instance_name: name, target_node: nodeFor(b.state.nodes, i, 1) })]);
    }
  });
}
