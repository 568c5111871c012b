// /2/nodes/NAME/migrate and /2/nodes/NAME/evacuate without node-level opcodes: this build has
// no OP_NODE_MIGRATE / OP_NODE_EVACUATE, so the request's parameters (Ganeti's OpNodeMigrate /
// OpNodeEvacuate bodies, checked by name) become what gnt-node migrate / evacuate submit, one
// OP_INSTANCE_MIGRATE per primary instance of the node, here in ONE job so the caller gets
// one job id. When node-level opcodes land, each function becomes one fillOpcode call.
import type { OpcodeDict } from '../../common/client/master-api.js';
import { OpInstanceMigrate } from '../../common/opcodes/instance.js';
import { badRequest } from '../http-error.js';
import { bodyDict, dryRun, intArg, strArg, fillOpcode, type RapiRequest } from '../request.js';
import { oneItem } from './common.js';

/** Ganeti's constants.NODE_EVAC_MODES. */
export const NODE_EVAC_MODES = ['primary-only', 'secondary-only', 'all'] as const;

/** The body's parameters, refusing any the node opcode does not have (nulls mean "not given"). */
function pick(body: Record<string, unknown>, opId: string, allowed: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === 'reason') continue;
    if (!allowed.includes(k)) throw badRequest(`Invalid body parameters: ${opId} has no parameter '${k}' (allowed: ${allowed.join(', ')})`);
    if (v !== null && v !== undefined) out[k] = v;
  }
  return out;
}

async function nodeInstances(r: RapiRequest, node: string): Promise<{ primaries: string[]; secondaries: string[] }> {
  const row = await oneItem(r, 'node', ['pinst_list', 'sinst_list'], node);
  const list = (v: unknown) => (Array.isArray(v) ? v.map(String) : []);
  return { primaries: list(row.pinst_list), secondaries: list(row.sinst_list) };
}

const MIGRATE_PARAMS = ['mode', 'live', 'target_node', 'iallocator', 'allow_runtime_changes', 'ignore_ipolicy'] as const;

/** rlib2.R_2_nodes_name_migrate: body (node-migrate-reqv1) or the old `live`/`mode` query arguments. */
export async function nodeMigrateOps(r: RapiRequest, node: string): Promise<OpcodeDict[]> {
  let params: Record<string, unknown>;
  if (r.query.has('live') || r.query.has('mode')) {
    if (r.query.has('live') && r.query.has('mode')) throw badRequest("Only one of 'live' and 'mode' should be passed");
    const mode = r.query.has('live') ? (intArg(r, 'live', 1) ? 'live' : 'non-live') : strArg(r, 'mode');
    params = mode ? { mode } : {};
  } else {
    params = pick(bodyDict(r), 'OP_NODE_MIGRATE', MIGRATE_PARAMS);
  }
  const { primaries } = await nodeInstances(r, node);
  if (!primaries.length) throw badRequest(`No primary instances on node ${node}, nothing to migrate`);
  return primaries.map((name) => fillOpcode(r, OpInstanceMigrate, params, { instance_name: name, dry_run: dryRun(r) }));
}

const EVACUATE_PARAMS = ['mode', 'iallocator', 'remote_node', 'early_release', 'ignore_soft_errors'] as const;

/** rlib2.R_2_nodes_name_evacuate (node-evac-res1 body): primaries migrate, or fail over when stopped. */
export async function nodeEvacuateOps(r: RapiRequest, node: string): Promise<OpcodeDict[]> {
  const { mode, remote_node: remote, early_release: early, ignore_soft_errors: soft, ...rest } = pick(bodyDict(r), 'OP_NODE_EVACUATE', EVACUATE_PARAMS);
  if (mode === undefined) throw badRequest("Invalid body parameters: parameter 'mode' is required (one of primary-only, secondary-only, all)");
  if (!(NODE_EVAC_MODES as readonly unknown[]).includes(mode)) {
    throw badRequest(`Invalid body parameters: invalid evacuation mode ${JSON.stringify(mode)} (allowed: ${NODE_EVAC_MODES.join(', ')})`);
  }
  if (remote !== undefined && rest.iallocator !== undefined) throw badRequest('Give either the iallocator or the remote node, not both');
  if (soft === true) throw badRequest("'ignore_soft_errors' is not supported: the allocator's soft errors always stop the evacuation");
  if (early === true) throw badRequest("'early_release' applies to DRBD secondaries only, which this build does not have");
  const { primaries, secondaries } = await nodeInstances(r, node);
  if (mode !== 'primary-only' && secondaries.length) {
    throw badRequest(`Instances with node ${node} as secondary (${secondaries.join(', ')}) cannot be evacuated: this build has no internally mirrored disk templates`);
  }
  const moving = mode === 'secondary-only' ? [] : primaries;
  if (!moving.length) throw badRequest(`No instances to evacuate from node ${node} (mode ${String(mode)})`);
  return moving.map((name) => fillOpcode(r, OpInstanceMigrate, {
    ...rest, ...(remote !== undefined ? { target_node: remote } : {}),
  }, { instance_name: name, allow_failover: true, dry_run: dryRun(r) }));
}
