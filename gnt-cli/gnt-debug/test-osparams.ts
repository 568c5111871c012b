// gnt-debug test-osparams --os-parameters-secret=k=v,...: OP_TEST_OS_PARAMS (Ganeti's
// TestOsParams); the values travel with the job but are never written to its file.
import { OpTestOsParams } from '../../daemons/common/opcodes/test.js';
import { parseDictOption } from '../../daemons/common/client/params.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { addSubmitOptions } from '../framework/job-options.js';
import { ARGS_NONE, type VerbDef } from '../framework/spec.js';

export const verb: VerbDef<GenericOpts & { osParametersSecret?: string }> = {
  args: ARGS_NONE,
  options(cmd) {
    cmd.option('--os-parameters-secret <params>', 'Secret OS parameters (k=v,…): kept out of job files and logs');
    addSubmitOptions(cmd);
  },
  async run(ctx, opts) {
    const secret = parseDictOption('--os-parameters-secret', opts.osParametersSecret);
    await submitOrSend(ctx, buildOp(ctx, OpTestOsParams, { osparams_secret: secret as Record<string, string> | undefined }, opts), opts);
    return 0;
  },
};
