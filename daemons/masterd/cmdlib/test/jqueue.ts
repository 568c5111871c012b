// OP_TEST_JQUEUE (Ganeti's LUTestJqueue): writes the given messages to the job log, in
// order, then succeeds or fails as asked. The notification sockets of Ganeti's version
// (notify_waitlock/notify_exec) are refused rather than ignored.
import { OpExecError, OpPrereqError } from '../../../common/errors.js';
import type { OpTestJqueue } from '../../../common/opcodes/test.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpTestJqueue.validate>;

export class LUTestJqueue extends LogicalUnit<Op> {
  override requiresBgl = false;

  override checkArguments(): void {
    if (this.op.notify_waitlock || this.op.notify_exec) {
      throw new OpPrereqError('notify_waitlock and notify_exec are not supported by this version (no notification sockets)', { ecode: 'wrong_input' });
    }
  }

  override checkPrereq(): void {}

  override async exec(): Promise<unknown> {
    for (const msg of this.op.log_messages) this.feedback(msg);
    if (this.op.fail) throw new OpExecError('Opcode failure was requested');
    return true;
  }
}
