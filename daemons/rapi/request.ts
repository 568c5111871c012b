// One RAPI request as the resources see it (Ganeti's baserlib.ResourceBase): the URL items,
// the query arguments, the decoded JSON body, the caller, and the helpers every resource
// uses to read them. fillOpcode is FillOpcode: body + static parameters -> a typed opcode
// built by the shared definition, so a bad body is a 400 naming the field and never
// reaches the master.
import type { OpcodeDict } from '../common/client/master-api.js';
import type { BuildParams, OpcodeDef } from '../common/opcodes/define.js';
import type { Shape } from '../common/opcodes/schema.js';
import { badRequest } from './http-error.js';
import type { MasterLink } from './master-link.js';
import type { RapiUser } from './users.js';

export interface RapiRequest {
  method: string;
  path: string;
  items: string[];
  query: URLSearchParams;
  /** The JSON body, undefined when the request had none. */
  body: unknown;
  user: RapiUser | null;
  /** Set for owner accounts (users-file option `user`): the only owner whose instances they reach. */
  owner: string | null;
  link: MasterLink;
}

/** Reason trail source of RAPI requests (Ganeti's OPCODE_REASON_SRC_RLIB2). */
const REASON_SRC_RLIB2 = 'gnt:library:rlib2';

export function intArg(r: RapiRequest, name: string, dflt = 0): number {
  const v = r.query.get(name);
  if (v === null || v === '') return dflt;
  if (!/^\s*[+-]?\d+\s*$/.test(v)) throw badRequest(`Invalid value for the '${name}' parameter`);
  return Number(v);
}

export function strArg(r: RapiRequest, name: string, dflt: string | null = null): string | null {
  return r.query.get(name) ?? dflt;
}

export const boolArg = (r: RapiRequest, name: string) => intArg(r, name) !== 0;
export const useBulk = (r: RapiRequest) => boolArg(r, 'bulk');
export const dryRun = (r: RapiRequest) => boolArg(r, 'dry-run');
export const useForce = (r: RapiRequest) => boolArg(r, 'force');

function typeName(v: unknown): string {
  if (v === null || v === undefined) return 'NoneType';
  if (Array.isArray(v)) return 'list';
  if (typeof v === 'string') return 'str';
  if (typeof v === 'number') return Number.isInteger(v) ? 'int' : 'float';
  if (typeof v === 'boolean') return 'bool';
  return 'dict';
}

/** baserlib.CheckType for dict bodies. */
export function bodyDict(r: RapiRequest, what = 'Body contents'): Record<string, unknown> {
  if (r.body === undefined || r.body === null) return {};
  if (typeName(r.body) !== 'dict') throw badRequest(`${what}: Type is '${typeName(r.body)}', but 'dict' is expected`);
  return r.body as Record<string, unknown>;
}

/** baserlib.CheckParameter: a body parameter, its default when absent, or a 400 naming it. */
export function bodyParam<T>(body: Record<string, unknown>, name: string, dflt?: T): T {
  if (!(name in body)) {
    if (dflt !== undefined) return dflt;
    throw badRequest(`Required parameter '${name}' is missing`);
  }
  return body[name] as T;
}

/** The reason trail of a RAPI opcode: the caller's `reason` argument, then the RAPI entry. */
function reasonTrail(r: RapiRequest, given: unknown): unknown[] {
  const ns = Date.now() * 1e6;
  const trail = Array.isArray(given) ? [...(given as unknown[])] : [];
  const user = r.query.get('reason');
  if (user) trail.push(['gnt:user', user, ns]);
  trail.push([REASON_SRC_RLIB2, `${r.method.toLowerCase()}:${r.path}`, ns]);
  return trail;
}

/**
 * FillOpcode: the body (a dict or nothing), renamed keys (old -> new), static parameters the
 * body may not set, validated by the opcode's definition.
 */
export function fillOpcode<S extends Shape>(r: RapiRequest, def: OpcodeDef<S>, body: unknown,
  statics: Record<string, unknown>, rename: Record<string, string> = {}): OpcodeDict {
  let params: Record<string, unknown> = {};
  if (body !== undefined && body !== null) {
    if (typeName(body) !== 'dict') throw badRequest(`Body contents: Type is '${typeName(body)}', but 'dict' is expected`);
    // As Ganeti's opcode validation: a parameter given as null takes its default.
    params = Object.fromEntries(Object.entries(body as Record<string, unknown>).filter(([, v]) => v !== null));
  }
  for (const [oldName, newName] of Object.entries(rename)) {
    if (oldName in params && newName in params) {
      throw badRequest(`Parameter '${oldName}' was renamed to '${newName}', but both are specified`);
    }
    if (oldName in params) { params[newName] = params[oldName]; delete params[oldName]; }
  }
  const overwritten = Object.keys(statics).filter((k) => k in params);
  if (overwritten.length) throw badRequest(`Can't overwrite static parameters ${JSON.stringify(overwritten)}`);
  Object.assign(params, statics);
  params.reason = reasonTrail(r, params.reason);
  try {
    return def.build(params as BuildParams<S>) as unknown as OpcodeDict;
  } catch (err) {
    throw badRequest(`Invalid body parameters: ${(err as Error).message}`);
  }
}
