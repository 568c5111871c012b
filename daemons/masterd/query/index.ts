// The master's query engine (Ganeti's Query2): `gnt-* list`, `list-fields` and RAPI
// /2/query answers. Everything is read from the in-memory config plus the live RPC data
// the caller collected; liveNeeds tells the caller which RPCs a query needs at all.
import { LOCK_FIELDS } from './lock-fields.js';
import type { LockInfo } from '../locking/lock-manager.js';
import { OpPrereqError } from '../../common/errors.js';
import type { ClusterConfig, Instance, Node } from '../../common/objects.js';
import { compileFilter, filterFields, matchesHostname } from './filter.js';
import { GROUP_FIELDS, GroupContext } from './group-fields.js';
import { InstanceContext } from './instance-context.js';
import { INSTANCE_FIELDS } from './instance-fields.js';
import { JOB_FIELDS, type JobRow } from './job-fields.js';
import { niceSortBy } from './nice-sort.js';
import { NODE_FIELDS, NodeContext } from './node-fields.js';
import { collectOses, OS_FIELDS } from './os-fields.js';
import { NETWORK_FIELDS, NetworkContext } from './network-fields.js';
import { FILTER_FIELDS } from './filter-fields.js';
import { sortRules } from '../jqueue/filters.js';
import {
  RS, SpecialValue, type Cell, type Field, type FieldDefinition, type FieldMap, type JobLike, type LiveData, type Resource,
} from './types.js';

export type { Cell, FieldDefinition, FieldKind, JobLike, LiveData, Resource } from './types.js';
export { RS } from './types.js';
export { jobPriority } from './job-fields.js';
export { jobStatus } from '../jqueue/job-state.js';
export { osListFilter } from './os-fields.js';
export { niceSort, niceSortKey, compareNiceKeys } from './nice-sort.js';

export interface QueryInput { what: Resource; fields: string[]; names: string[]; filter: unknown[] | null }
export interface QuerySource {
  cfg: Readonly<ClusterConfig>; live: LiveData; jobs?: JobLike[]; locks?: LockInfo[];
  /** The config's generation (ConfigStore.generation(): it moves with every change): given, the
   * instances sorted by name are kept for the next query of the same generation. */
  generation?: number;
  /** Exact lookups by name or uuid in `cfg` (the config store's indexes): a query naming
   * instances or nodes exactly (a CLI expanding the names it was given) then looks up only
   * those, instead of indexing every item. */
  exact?: { instance(name: string): Instance | undefined; node(name: string): Node | undefined };
}

/** All instances in name order, for one config object and generation. */
let sortedInstances: { cfg: object; gen: number; items: Instance[] } | null = null;
export interface QueryResult { fields: FieldDefinition[]; rows: Cell[][] }

// Methods on Field are bivariant, so every resource's map fits this common view.
const REGISTRY: Record<Resource, FieldMap<unknown, unknown>> = {
  node: NODE_FIELDS, instance: INSTANCE_FIELDS, job: JOB_FIELDS, group: GROUP_FIELDS, os: OS_FIELDS,
  network: NETWORK_FIELDS, filter: FILTER_FIELDS,
  lock: LOCK_FIELDS,
};

const KIND_NAMES: Record<Resource, string> = {
  node: 'Node', instance: 'Instance', job: 'Job', group: 'Group', os: 'OS', network: 'Network', filter: 'Filter',
  lock: 'Lock',
};

function fieldsOf(what: Resource): FieldMap<unknown, unknown> {
  const m = REGISTRY[what];
  if (!m) throw new OpPrereqError(`Unknown query resource '${String(what)}'`, { ecode: 'wrong_input' });
  return m;
}

function unknownDef(name: string): FieldDefinition {
  return { name, title: name, kind: 'unknown', doc: `Unknown field '${name}'` };
}

/** Which node RPCs a query needs, from its output fields and the fields its filter uses. */
export function liveNeeds(what: Resource, fields: string[], filter: unknown[] | null):
  { nodeInfo: boolean; instanceList: boolean; osDiagnose: boolean; watcher?: boolean } {
  const map = fieldsOf(what);
  const out: { nodeInfo: boolean; instanceList: boolean; osDiagnose: boolean; watcher?: boolean } =
    { nodeInfo: false, instanceList: false, osDiagnose: what === 'os' };
  for (const name of [...fields, ...filterFields(filter)]) {
    const live = map.get(name)?.live;
    if (live) out[live] = true;
  }
  return out;
}

/** Field definitions for list-fields: the named ones in order, or all sorted by name. */
export function fieldsList(what: Resource, names?: string[]): FieldDefinition[] {
  const map = fieldsOf(what);
  if (names && names.length) return names.map((n) => (map.has(n) ? { ...map.get(n)!.def } : unknownDef(n)));
  return niceSortBy([...map.values()].map((f) => ({ ...f.def })), (d) => d.name);
}

/**
 * Resolves requested names as Ganeti's config lookups do: exact name or uuid, then a
 * unique case-insensitive match, then a unique "name." prefix (node1 -> node1.example.com).
 */
function resolveNames<T>(kind: string, all: T[], names: string[], nameOf: (t: T) => string, uuidOf: (t: T) => string): T[] {
  const byName = new Map<string, T>();
  for (const it of all) { byName.set(nameOf(it), it); byName.set(uuidOf(it), it); }
  const found = new Set<T>();
  const missing: string[] = [];
  for (const wanted of names) {
    let hit = byName.get(wanted);
    if (!hit) {
      const cands = all.filter((it) => matchesHostname(nameOf(it), wanted));
      const exact = cands.filter((it) => nameOf(it).toLowerCase() === wanted.toLowerCase());
      if (exact.length === 1) hit = exact[0];
      else if (cands.length === 1) hit = cands[0];
      else if (cands.length > 1) {
        throw new OpPrereqError(`${kind} name ${wanted} has multiple matches`, { ecode: 'unknown_entity' });
      }
    }
    if (hit) found.add(hit); else missing.push(wanted);
  }
  if (missing.length === 1) throw new OpPrereqError(`${kind} name ${missing[0]} not found`, { ecode: 'unknown_entity' });
  if (missing.length > 1) throw new OpPrereqError(`${kind} names ${missing.join(', ')} not found`, { ecode: 'unknown_entity' });
  return [...found];
}

function toCell(v: unknown): Cell {
  return v instanceof SpecialValue ? { status: v.status, value: null } : { status: RS.Normal, value: v };
}

/** Runs one query over already-selected, already-sorted items. */
function run<C, T>(map: FieldMap<C, T>, ctx: C, items: T[], fields: string[], filter: unknown[] | null): QueryResult {
  const selected: (Field<C, T> | undefined)[] = fields.map((n) => map.get(n));
  const defs = selected.map((f, i) => (f ? { ...f.def } : unknownDef(fields[i]!)));
  const pred = filter ? compileFilter(map, filter) : null;
  const rows: Cell[][] = [];
  for (const item of items) {
    if (pred && !pred(ctx, item)) continue;
    const row: Cell[] = new Array(selected.length);
    for (let i = 0; i < selected.length; i++) {
      const f = selected[i];
      row[i] = f ? toCell(f.get(ctx, item)) : { status: RS.Unknown, value: null };
    }
    rows.push(row);
  }
  return { fields: defs, rows };
}

/**
 * RAPI's bulk form of a result as JSON text: one {field: value} object per row, null where
 * there is no data. Each distinct dict or list is serialised once (instances without
 * parameters of their own share their filled dicts: see InstanceContext.filled), so 10,000
 * rows do not serialise the same hypervisor dict 10,000 times; the pieces are joined once.
 */
export function objectsJson(result: QueryResult): string {
  const keys = result.fields.map((f, i) => `${i ? ',' : '{'}${JSON.stringify(f.name)}:`);
  const seen = new Map<object, string>();
  const parts: string[] = ['['];
  for (let r = 0; r < result.rows.length; r++) {
    const row = result.rows[r]!;
    if (r) parts.push(',');
    if (!keys.length) { parts.push('{}'); continue; }
    for (let i = 0; i < keys.length; i++) {
      parts.push(keys[i]!);
      const c = row[i]!;
      const v = c.status === RS.Normal ? c.value : null;
      if (v === null || v === undefined) parts.push('null');
      else if (typeof v === 'object') {
        let t = seen.get(v);
        if (t === undefined) { t = JSON.stringify(v); seen.set(v, t); }
        parts.push(t);
      } else parts.push(JSON.stringify(v));
    }
    parts.push('}');
  }
  parts.push(']');
  return parts.join('');
}

/** A result column by column: values[r] the value of row r (null without data), statuses
 * null when every cell of the column is normal, else each row's status. */
export function resultColumns(result: QueryResult): { statuses: number[] | null; values: unknown[] }[] {
  const n = result.rows.length;
  return result.fields.map((_, i) => {
    const values: unknown[] = new Array(n);
    let statuses: number[] | null = null;
    for (let r = 0; r < n; r++) {
      const c = result.rows[r]![i]!;
      values[r] = c.status === RS.Normal ? (c.value ?? null) : null;
      if (c.status !== RS.Normal) (statuses ??= new Array<number>(n).fill(RS.Normal))[r] = c.status;
    }
    return { statuses, values };
  });
}

/**
 * The CLI's form of a result as JSON text: [[statuses, values], ...] per field, statuses 0
 * when every cell of the column is normal (master.proto QueryResponse.columns_json).
 */
export function columnsJson(result: QueryResult): string {
  return JSON.stringify(resultColumns(result).map((c) => [c.statuses ?? 0, c.values]));
}

/** All items sorted by name, or the named ones in the order given (as Ganeti lists them). */
function sortedByName<T>(kind: string, all: T[], names: string[], nameOf: (t: T) => string, uuidOf: (t: T) => string): T[] {
  return names.length ? resolveNames(kind, all, names, nameOf, uuidOf) : niceSortBy(all, nameOf);
}

/** The named items when every name is an exact name or uuid (each once, in the order given);
 * null when one is not, for resolveNames' short and case-insensitive matches. */
function exactly<T>(names: string[], lookup: ((name: string) => T | undefined) | undefined): T[] | null {
  if (!lookup) return null;
  const found = new Set<T>();
  for (const n of names) {
    const hit = lookup(n);
    if (hit === undefined) return null;
    found.add(hit);
  }
  return [...found];
}

function jobRows(jobs: JobLike[], names: string[], fields: string[], filter: unknown[] | null): JobRow[] {
  const byId = new Map(jobs.map((j) => [j.id, j]));
  if (names.length) {
    const ids = names.map((n) => {
      if (!/^\d+$/.test(n.trim())) throw new OpPrereqError(`Invalid job ID '${n}'`, { ecode: 'wrong_input' });
      return Number(n);
    });
    return [...new Set(ids)].sort((a, b) => a - b).map((id) => ({ id, job: byId.get(id) ?? null }));
  }
  // Archived jobs are listed only when asked about (Ganeti's wantArchived).
  const wantArchived = jobQueryWantsArchived(fields, filter);
  return jobs.filter((j) => wantArchived || !j.archived).sort((a, b) => a.id - b.id).map((job) => ({ id: job.id, job }));
}

/** Every instance in name order: a list's rows. Kept for the next call of the same config
 * object and generation (without a generation, sorted afresh). */
export function instancesInOrder(cfg: Readonly<ClusterConfig>, generation?: number): Instance[] {
  if (generation !== undefined && sortedInstances?.cfg === cfg && sortedInstances.gen === generation) return sortedInstances.items;
  const items = niceSortBy(Object.values(cfg.instances), (i) => i.name);
  if (generation !== undefined) sortedInstances = { cfg, gen: generation, items };
  return items;
}

/** Whether each row of these fields depends on its own item alone (and the live data): what
 * lets a kept table make only the rows of the items that changed. */
export function rowsStandAlone(what: Resource, fields: string[]): boolean {
  const map = fieldsOf(what);
  return fields.every((n) => !map.get(n)?.acrossItems);
}

/** The rows of these instances alone, in this order (a kept table's rows made again). */
export function instanceRows(src: QuerySource, items: Instance[], fields: string[]): QueryResult {
  return run(INSTANCE_FIELDS, new InstanceContext(src.cfg, src.live), items, fields, null);
}

/** Answers a query: field definitions plus one row of cells per matching item. */
export function executeQuery(input: QueryInput, src: QuerySource): QueryResult {
  const { what, fields, names, filter } = input;
  const { cfg, live } = src;
  switch (what) {
    case 'node': {
      const items = (names.length ? exactly(names, src.exact?.node) : null) ??
        sortedByName(KIND_NAMES.node, Object.values(cfg.nodes), names, (n) => n.name, (n) => n.uuid);
      return run(NODE_FIELDS, new NodeContext(cfg, live), items, fields, filter);
    }
    case 'instance': {
      const items = names.length
        ? exactly(names, src.exact?.instance) ?? resolveNames(KIND_NAMES.instance, Object.values(cfg.instances), names, (i) => i.name, (i) => i.uuid)
        : instancesInOrder(cfg, src.generation);
      return run(INSTANCE_FIELDS, new InstanceContext(cfg, live), items, fields, filter);
    }
    case 'group': {
      const items = sortedByName(KIND_NAMES.group, Object.values(cfg.nodegroups), names, (g) => g.name, (g) => g.uuid);
      return run(GROUP_FIELDS, new GroupContext(cfg), items, fields, filter);
    }
    case 'os': {
      // OS names may be given with a variant (debootstrap+default); the row is the OS.
      const base = names.map((n) => n.split('+', 1)[0]!);
      const items = sortedByName(KIND_NAMES.os, collectOses(cfg, live), base, (o) => o.name, (o) => o.name);
      return run(OS_FIELDS, null, items, fields, filter);
    }
    case 'network': {
      const items = sortedByName(KIND_NAMES.network, Object.values(cfg.networks), names, (n) => n.name, (n) => n.uuid);
      return run(NETWORK_FIELDS, new NetworkContext(cfg), items, fields, filter);
    }
    case 'filter': {
      // Rules have no names: listed by uuid, in the order the job queue takes them.
      const all = sortRules(Object.values(cfg.filters ?? {}));
      const items = names.length ? resolveNames(KIND_NAMES.filter, all, names, (r) => r.uuid, (r) => r.uuid) : all;
      return run(FILTER_FIELDS, null, items, fields, filter);
    }
    case 'lock': {
      const all = src.locks ?? [];
      const items = names.length ? resolveNames(KIND_NAMES.lock, all, names, (l) => l.name, (l) => l.name) : all;
      return run(LOCK_FIELDS, null, items, fields, filter);
    }
    case 'job':
      return run(JOB_FIELDS, null, jobRows(src.jobs ?? [], names, fields, filter), fields, filter);
    default:
      throw new OpPrereqError(`Unknown query resource '${String(what)}'`, { ecode: 'wrong_input' });
  }
}

/** A job query that lists every archived job too (a field or the filter names `archived`:
 * gnt-job list --archived), as Ganeti's queryJobs then reads the archive directories. */
export function jobQueryWantsArchived(fields: string[], filter: unknown[] | null): boolean {
  return fields.includes('archived') || filterFields(filter).has('archived');
}
