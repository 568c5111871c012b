// Building opcodes: Ganeti's parameter names plus the generic ones (debug level, reason
// trail) every gnt-* command adds. Opcodes this build defines are validated locally first,
// so a burnin bug shows up before anything is sent; the others (grow-disk, migrate, …,
// which other parts of the cluster may or may not implement) go to the master as they are.
import { getOpcodeDef } from '../../daemons/common/opcodes/index.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import type { VerbContext } from '../../gnt-cli/framework/spec.js';
import { genericParams } from '../../daemons/common/client/submit.js';

export type OpBuilder = (id: string, params: Record<string, unknown>) => OpcodeDict;

export function opBuilder(ctx: VerbContext, debug: number, reason: string | null): OpBuilder {
  return (id, params) => {
    const input: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== null) input[k] = v;
    Object.assign(input, genericParams(ctx, { debug, reason: reason ?? undefined }));
    const def = getOpcodeDef(id);
    return def ? (def.validate(input) as unknown as OpcodeDict) : { OP_ID: id, ...input };
  };
}
