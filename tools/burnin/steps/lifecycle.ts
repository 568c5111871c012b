// The steps that change an instance's run state or name: stop/start, reboot (each type),
// reinstall, rename to the same name, and the --rename sequence (to a temporary name and
// back, one instance at a time since there is only one temporary name).
import { OpInstanceReboot, OpInstanceReinstall } from '../../../daemons/common/opcodes/index.js';
import type { Burner } from '../burner.js';
import { unknownOpcode } from '../errors.js';
import { checkInstanceAlive } from '../http-check.js';
import { renameOp, runStep, startOp, stopOp } from './step.js';

export async function stopStart(b: Burner): Promise<void> {
  await runStep(b, { title: 'Stopping and starting instances', retry: true, check: true }, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      await b.jobs.execOrQueue(name, [stopOp(b, name), startOp(b, name)]);
    }
  });
}

export async function reboot(b: Burner): Promise<void> {
  await runStep(b, { title: 'Rebooting instances', retry: true, check: true }, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const ops = b.opts.rebootTypes.map((type) => {
        b.log.line(`reboot with type '${type}'`, 2);
        return b.op(OpInstanceReboot, { instance_name: name, reboot_type: type, ignore_secondaries: false });
      });
      await b.jobs.execOrQueue(name, ops);
    }
  });
}

export async function reinstall(b: Burner): Promise<void> {
  const spec = { title: 'Reinstalling instances', retry: true, check: true, skipAs: 'reinstall', unsupported: unknownOpcode, restartAfterSkip: true };
  await runStep(b, spec, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      const plain = b.op(OpInstanceReinstall, { instance_name: name });
      b.log.line('reinstall without passing the OS', 2);
      const withOs = b.op(OpInstanceReinstall, { instance_name: name, os_type: b.opts.os });
      b.log.line('reinstall specifying the OS', 2);
      await b.jobs.execOrQueue(name, [stopOp(b, name), plain, withOs, startOp(b, name)]);
    }
  });
}

export async function renameSame(b: Burner): Promise<void> {
  await runStep(b, { title: 'Renaming the instances to their own name', retry: true, check: true }, async () => {
    for (const name of b.opts.instances) {
      b.log.line(`instance ${name}`, 1);
      b.log.line('rename to the same name', 2);
      await b.jobs.execOrQueue(name, [stopOp(b, name), renameOp(b, name, name), startOp(b, name)]);
    }
  });
}

/** BurnRename: never parallel, as there is only one temporary name. */
export async function renameSequence(b: Burner, temp: string): Promise<void> {
  b.log.line('Renaming instances');
  b.log.clearFeedback();
  for (const name of b.opts.instances) {
    b.log.line(`instance ${name}`, 1);
    b.renaming = { from: name, to: temp };
    await b.jobs.execOp(false, name, [stopOp(b, name), renameOp(b, name, temp), startOp(b, temp)]);
    if (b.opts.httpCheck) await checkInstanceAlive(temp, b.opts.netTimeout);
    await b.jobs.execOp(false, temp, [stopOp(b, temp), renameOp(b, temp, name), startOp(b, name)]);
    if (b.opts.httpCheck) await checkInstanceAlive(name, b.opts.netTimeout);
    b.renaming = null;
  }
}
