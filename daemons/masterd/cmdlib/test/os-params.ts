// OP_TEST_OS_PARAMS (Ganeti's LUTestOsParams, gnt-debug test-osparams): checks that secret OS
// parameters arrive with the opcode. Ganeti echoes their values into the job log; here the
// job log is written to the job file like every log line, so only the names are reported —
// the values stay in the master's memory (job files show '<redacted>', see jqueue/job.ts).
import { OpExecError } from '../../../common/errors.js';
import type { OpTestOsParams } from '../../../common/opcodes/test.js';
import { LogicalUnit } from '../logical-unit.js';

type Op = ReturnType<typeof OpTestOsParams.validate>;

export class LUTestOsParams extends LogicalUnit<Op> {
  override requiresBgl = false;

  override checkPrereq(): void {}

  override async exec(): Promise<string[]> {
    const secret = this.op.osparams_secret;
    if (!secret || !Object.keys(secret).length) throw new OpExecError('Opcode needs secret parameters');
    const names = Object.keys(secret).sort();
    this.feedback(`Secret OS parameters: ${names.join(', ')} (${names.length} received; values are not logged)`);
    return names;
  }
}
