// The shape shared by the life-cycle verbs that take one instance and submit one opcode
// (suspend, resume, pause, continue, snapshot-delete): options -> OpX.build() -> submitOrSend.
import type { OpcodeDef, Shape } from '../../daemons/common/opcodes/index.js';
import { buildOp, submitOrSend, type GenericOpts } from '../../daemons/common/client/submit.js';
import { ARGS_ONE, type ArgCount, type VerbDef } from '../framework/spec.js';
import { addJobOptions } from '../framework/job-options.js';

export function instanceOpVerb<S extends Shape>(def: OpcodeDef<S>, args: ArgCount = ARGS_ONE,
  extra: (argv: string[]) => Record<string, unknown> = () => ({})): VerbDef<GenericOpts> {
  return {
    args,
    options(cmd) { addJobOptions(cmd); },
    async run(ctx, opts, argv) {
      await submitOrSend(ctx, buildOp(ctx, def, { instance_name: argv[0], ...extra(argv) }, opts), opts);
      return 0;
    },
  };
}
