// The OP_INSTANCE_SET_PARAMS steps: runtime memory (ballooning to the minimum memory) and
// adding, changing and removing a NIC. Skipped with a notice when the master refuses the
// change as not supported (before changing anything).
import { OpInstanceSetParams } from '../../../daemons/common/opcodes/index.js';
import type { Burner } from '../burner.js';
import { unknownOrUnsupported } from '../errors.js';
import { runStep } from './step.js';

export async function runtimeMemory(b: Burner): Promise<void> {
  const spec = { title: 'Setting instance runtime memory', retry: false, skipAs: 'runtime memory change', unsupported: unknownOrUnsupported };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      b.log.line(`Set memory to ${b.opts.minmem} MB`, 2);
      await b.jobs.execOrQueue(name, [b.op(OpInstanceSetParams, { instance_name: name, runtime_mem: b.opts.minmem })]);
    }
  });
}

export async function addRemoveNics(b: Burner): Promise<void> {
  const spec = { title: 'Adding and removing NICs', retry: false, skipAs: 'NIC add/remove', unsupported: unknownOrUnsupported };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const add = b.op(OpInstanceSetParams, { instance_name: name, nics: [['add', -1, {}]] });
      const change = b.op(OpInstanceSetParams, { instance_name: name, nics: [['modify', -1, { mac: 'generate' }]] });
      const remove = b.op(OpInstanceSetParams, { instance_name: name, nics: [['remove', -1, {}]] });
      b.log.line('adding a NIC', 2);
      b.log.line('changing a NIC', 2);
      b.log.line('removing last NIC', 2);
      await b.jobs.execOrQueue(name, [add, change, remove]);
    }
  });
}
