import { OpCodeUnknown, ParameterError } from '../errors.js';
import { checkShape, t, type Infer, type Shape } from './schema.js';

/** Parameters every opcode takes (Ganeti's common opcode params). */
export const commonParams = {
  dry_run: t.bool().default(false),
  debug_level: t.int(0).default(0),
  priority: t.int(-20, 19).default(0),
  depends: t.list(t.any()).optional(),
  comment: t.str().optional(),
  reason: t.list(t.any()).default([]),
};

export type CommonParams = Infer<typeof commonParams>;

export interface OpcodeDef<S extends Shape = Shape> {
  readonly id: string;
  readonly shape: S;
  /** Parameter whose value goes in the job summary: INSTANCE_STARTUP(inst1). */
  readonly summaryField?: string;
  validate(input: Record<string, unknown>): Opcode<S>;
  /**
   * The typed builder every client uses (gnt-*, watcher, burnin, RAPI): parameters left
   * undefined are dropped, the rest is validated like the master will, defaults filled.
   * A bad or unknown parameter raises ParameterError naming it, before anything is sent.
   */
  build(params: BuildParams<S>): Opcode<S>;
}

export type Opcode<S extends Shape = Shape> = Infer<S> & CommonParams & { OP_ID: string };

/** What a builder takes: the opcode's own and the common parameters, each optional in the type. */
export type BuildParams<S extends Shape> = { [K in keyof S]?: Infer<S>[K] | undefined } & { [K in keyof CommonParams]?: CommonParams[K] | undefined };

const registry = new Map<string, OpcodeDef>();

export function defineOpcode<S extends Shape>(id: string, shape: S, opts: { summaryField?: keyof S & string } = {}): OpcodeDef<S> {
  const full = { ...commonParams, ...shape } as unknown as S;
  const def: OpcodeDef<S> = {
    id,
    shape: full,
    summaryField: opts.summaryField,
    validate(input) {
      const { OP_ID: _id, ...rest } = input;
      const params = checkShape(full, rest, id) as Record<string, unknown>;
      return { OP_ID: id, ...params } as Opcode<S>;
    },
    build(params) {
      const input: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(params)) if (v !== undefined) input[k] = v;
      return def.validate(input);
    },
  };
  registry.set(id, def as unknown as OpcodeDef);
  return def;
}

export function getOpcodeDef(id: string): OpcodeDef | undefined { return registry.get(id); }

/** Validates an opcode dict as received from a client (JSON). */
export function validateOpcode(input: unknown): Opcode {
  if (input === null || typeof input !== 'object' || Array.isArray(input)) {
    throw new ParameterError(`An opcode must be a dictionary with OP_ID, got ${JSON.stringify(input)}`, { ecode: 'wrong_input' });
  }
  const id = (input as Record<string, unknown>).OP_ID;
  if (typeof id !== 'string') {
    throw new ParameterError('Opcode without OP_ID (a string such as OP_INSTANCE_STARTUP)', { ecode: 'wrong_input' });
  }
  const def = registry.get(id);
  if (!def) throw new OpCodeUnknown(`Unknown opcode '${id}'`, { ecode: 'wrong_input' });
  return def.validate(input as Record<string, unknown>);
}

/** Ganeti's summary of one opcode: the OP_ID without OP_, plus (name). */
export function summarizeOpcode(op: { OP_ID: string } & Record<string, unknown>): string {
  const base = op.OP_ID.replace(/^OP_/, '');
  const f = registry.get(op.OP_ID)?.summaryField;
  const v = f ? op[f] : undefined;
  return v === undefined || v === null ? base : `${base}(${String(v)})`;
}
