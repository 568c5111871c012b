// The shapes shared by every resource's field table: a field is a definition (what
// `list-fields` prints) plus a getter run against a per-query context built once.
import type { RpcResult } from '../rpc/rpc-result.js';
import type { WatcherRecord } from './watcher-records.js';
import type { InstanceListResponse__Output } from '../../../proto/generated/ganeti/InstanceListResponse.js';
import type { NodeInfoResponse__Output } from '../../../proto/generated/ganeti/NodeInfoResponse.js';
import type { OsDiagnoseResponse__Output } from '../../../proto/generated/ganeti/OsDiagnoseResponse.js';

export type Resource = 'node' | 'instance' | 'job' | 'group' | 'os' | 'network' | 'filter' | 'lock';

export type FieldKind = 'text' | 'bool' | 'number' | 'unit' | 'timestamp' | 'other';

export interface FieldDefinition {
  name: string;
  title: string;
  kind: FieldKind | 'unknown';
  doc: string;
}

/** Cell statuses, as Ganeti's RS_* constants. */
export const RS = { Normal: 0, Unknown: 1, NoData: 2, Unavail: 3, Offline: 4 } as const;

export interface Cell { status: number; value: unknown }

/** A getter returns a plain value, or one of these markers for an abnormal cell. */
export class SpecialValue {
  constructor(readonly status: number) {}
}
export const NODATA = new SpecialValue(RS.NoData);
export const UNAVAIL = new SpecialValue(RS.Unavail);
export const OFFLINE = new SpecialValue(RS.Offline);

/** Which node RPC a field's value comes from; config-only fields have none. */
// watcher: the master's ganeti-watcher state files (restart attempts), read only when asked.
export type LiveSource = 'nodeInfo' | 'instanceList' | 'osDiagnose' | 'watcher';

/** Filter behaviour flags, as Ganeti's QFF_*: how `==` and comparisons treat the field. */
export type FieldFlag = 'hostname' | 'jobId' | 'splitTimestamp';

export interface Field<C, T> {
  def: FieldDefinition & { kind: FieldKind };
  live?: LiveSource;
  flag?: FieldFlag;
  /** The value reads other items of the resource too (an instance's bases): its row cannot
   * be made again alone when only that item changed. */
  acrossItems?: true;
  get(ctx: C, item: T): unknown;
}

export type FieldMap<C, T> = Map<string, Field<C, T>>;

export interface JobLike {
  id: number;
  ops: {
    input: Record<string, unknown> & { OP_ID: string };
    status: string;
    result: unknown;
    log: [number, [number, number], string, string][];
    priority: number;
    start_timestamp: [number, number] | null;
    exec_timestamp: [number, number] | null;
    end_timestamp: [number, number] | null;
  }[];
  received_timestamp: [number, number] | null;
  start_timestamp: [number, number] | null;
  end_timestamp: [number, number] | null;
  archived?: boolean;
}

export interface LiveData {
  nodeInfo?: Map<string /* node uuid */, RpcResult<NodeInfoResponse__Output>>;
  instanceList?: Map<string /* node uuid */, RpcResult<InstanceListResponse__Output>>;
  osDiagnose?: Map<string /* node uuid */, RpcResult<OsDiagnoseResponse__Output>>;
  watcher?: Map<string /* instance name */, WatcherRecord>;
}

export function makeField<C, T>(
  name: string, title: string, kind: FieldKind, doc: string,
  get: (ctx: C, item: T) => unknown, extra: { live?: LiveSource; flag?: FieldFlag; acrossItems?: true } = {},
): Field<C, T> {
  return { def: { name, title, kind, doc }, get, ...extra };
}

/** Builds a name -> field map, adding Ganeti's aliases (same getter, another name). */
export function fieldMap<C, T>(fields: Field<C, T>[], aliases: [string, string][] = []): FieldMap<C, T> {
  const map: FieldMap<C, T> = new Map();
  for (const f of fields) {
    if (map.has(f.def.name)) throw new Error(`duplicate query field ${f.def.name}`);
    map.set(f.def.name, f);
  }
  for (const [alias, target] of aliases) {
    const f = map.get(target);
    if (!f) throw new Error(`alias ${alias} targets missing field ${target}`);
    map.set(alias, { ...f, def: { ...f.def, name: alias } });
  }
  return map;
}

/** "1st", "2nd", "3rd", "4th"… for per-index field docs (utils.FormatOrdinal). */
export function ordinal(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return `${n}th`;
  return `${n}${({ 1: 'st', 2: 'nd', 3: 'rd' } as Record<number, string>)[n % 10] ?? 'th'}`;
}

export const SERIAL_DOC = (what: string): string => `${what} object serial number, incremented on each modification`;

/** ctime/mtime, common to every config object; old objects may lack them. */
export function timestampFields<C, T extends { ctime?: number; mtime?: number }>(): Field<C, T>[] {
  return [
    makeField<C, T>('ctime', 'CTime', 'timestamp', 'Creation timestamp', (_c, it) => it.ctime ?? UNAVAIL),
    makeField<C, T>('mtime', 'MTime', 'timestamp', 'Modification timestamp', (_c, it) => it.mtime ?? UNAVAIL),
  ];
}

/** Node parameter fields (ndp/*), shared by nodes and groups; kinds from Ganeti's VTypes. */
export const ND_PARAMS: [string, string, FieldKind][] = [
  ['exclusive_storage', 'ExclusiveStorage', 'bool'],
  ['oob_program', 'OutOfBandProgram', 'other'],
  ['ovs', 'OpenvSwitch', 'bool'],
  ['ovs_link', 'OpenvSwitchLink', 'other'],
  ['ovs_name', 'OpenvSwitchName', 'other'],
  ['spindle_count', 'SpindleCount', 'number'],
  ['ssh_port', 'ndp/ssh_port', 'number'],
  ['cpu_speed', 'ndp/cpu_speed', 'number'],
];

export function ndParamFields<C, T>(filled: (ctx: C, item: T) => Record<string, unknown> | null): Field<C, T>[] {
  return ND_PARAMS.map(([name, title, kind]) => makeField<C, T>(`ndp/${name}`, title, kind,
    `The "${name}" node parameter`, (ctx, it) => {
      const nd = filled(ctx, it);
      return nd === null ? UNAVAIL : (nd[name] ?? null);
    }));
}
