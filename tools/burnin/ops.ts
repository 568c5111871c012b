// Building opcodes: the typed builders of the shared opcode definitions plus the generic
// parameters (debug level, reason trail) every client adds; a bad parameter is refused,
// naming it, before anything is sent.
import type { ClientContext } from '../../daemons/common/client/context.js';
import type { OpcodeDict } from '../../daemons/common/client/master-api.js';
import { buildOp } from '../../daemons/common/client/submit.js';
import type { BuildParams, OpcodeDef } from '../../daemons/common/opcodes/define.js';
import type { Shape } from '../../daemons/common/opcodes/schema.js';

export type OpBuilder = <S extends Shape>(def: OpcodeDef<S>, params: BuildParams<S>) => OpcodeDict;

export function opBuilder(ctx: ClientContext, debug: number, reason: string | null): OpBuilder {
  return (def, params) => buildOp(ctx, def, params, { debug, reason: reason ?? undefined });
}
