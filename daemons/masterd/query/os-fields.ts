// OS query fields (Ganeti's OS_FIELDS, data as OsQuery._GetQueryData). Rows are OS names
// merged over every node that answered OsDiagnose: valid only when valid on all of them,
// variants/parameters/API versions only those every node agrees on. The variant-expanded
// names `gnt-os list` prints (debootstrap+default) are built by the client from `variants`.
import type { ClusterConfig } from '../../common/objects.js';
import type { OsInfo__Output } from '../../../proto/generated/ganeti/OsInfo.js';
import { niceSort } from './nice-sort.js';
import { fieldMap, makeField, type Field, type FieldMap, type LiveData } from './types.js';

/** One node's view of one OS, as Ganeti's node_status tuples. */
export type OsNodeEntry = [path: string, valid: boolean, diagnose: string, variants: string[],
  parameters: string[], apiVersions: number[]];

export interface OsRow {
  name: string;
  valid: boolean;
  hidden: boolean;
  blacklisted: boolean;
  variants: string[];
  api_versions: number[];
  parameters: string[];
  node_status: Record<string, OsNodeEntry[]>;
  os_hvp: Record<string, unknown>;
  osparams: Record<string, string>;
}

function intersect<T>(a: T[], b: T[]): T[] {
  const s = new Set(b);
  return a.filter((x) => s.has(x));
}

/** Builds one row per OS from the nodes' OsDiagnose answers (offline nodes are not asked). */
export function collectOses(cfg: Readonly<ClusterConfig>, live: LiveData): OsRow[] {
  const good: { name: string; oses: OsInfo__Output[] }[] = [];
  for (const node of Object.values(cfg.nodes)) {
    if (node.offline || !node.vm_capable) continue;
    const r = live.osDiagnose?.get(node.uuid);
    // A node whose daemon did not answer must not make every OS invalid.
    if (!r || r.failed || r.payload === null) continue;
    good.push({ name: node.name, oses: r.payload.oses });
  }
  const byOs = new Map<string, Record<string, OsNodeEntry[]>>();
  for (const { name: nodeName, oses } of good) {
    for (const os of oses) {
      let status = byOs.get(os.name);
      if (!status) {
        status = Object.fromEntries(good.map((g) => [g.name, [] as OsNodeEntry[]]));
        byOs.set(os.name, status);
      }
      status[nodeName]!.push([os.path, os.valid, os.diagnose, [...os.variants], [...os.parameters], [...os.api_versions]]);
    }
  }
  const cluster = cfg.cluster;
  const rows: OsRow[] = [];
  for (const [name, nodeStatus] of byOs) {
    let valid = true;
    let variants: string[] = [];
    let parameters: string[] = [];
    let apis: number[] = [];
    Object.values(nodeStatus).forEach((entries, idx) => {
      if (!valid) return;
      const first = entries[0];
      valid = !!first && first[1];
      if (!valid || !first) return;
      if (idx === 0) { variants = [...first[3]]; parameters = [...first[4]]; apis = [...first[5]]; } else {
        variants = intersect(variants, first[3]);
        parameters = intersect(parameters, first[4]);
        apis = intersect(apis, first[5]);
      }
    });
    rows.push({
      name, valid, node_status: nodeStatus,
      hidden: cluster.hidden_os.includes(name),
      blacklisted: cluster.blacklisted_os.includes(name),
      variants: niceSort(new Set(variants)),
      parameters: niceSort(new Set(parameters)),
      api_versions: [...new Set(apis)].sort((a, b) => a - b),
      os_hvp: cluster.os_hvp[name] ?? {},
      osparams: cluster.osparams[name] ?? {},
    });
  }
  return rows;
}

/**
 * Ganeti's legacy OS listing filter (LUOsDiagnose._BuildFilter): hidden, blacklisted and
 * invalid OSes are left out unless the caller asked for the field that shows it.
 */
export function osListFilter(fields: string[]): unknown[] | null {
  const parts: unknown[] = (['hidden', 'blacklisted'] as const)
    .filter((f) => !fields.includes(f)).map((f) => ['!', ['?', f]]);
  if (!fields.includes('valid')) parts.push(['?', 'valid']);
  return parts.length ? ['&', ...parts] : null;
}

type OF = Field<null, OsRow>;

function build(): FieldMap<null, OsRow> {
  const f = makeField<null, OsRow>;
  const live = { live: 'osDiagnose' as const };
  const fields: OF[] = [
    f('name', 'Name', 'text', 'Operating system name', (_c, o) => o.name, live),
    f('valid', 'Valid', 'bool', 'Whether operating system definition is valid', (_c, o) => o.valid, live),
    f('hidden', 'Hidden', 'bool', 'Whether operating system is hidden', (_c, o) => o.hidden, live),
    f('blacklisted', 'Blacklisted', 'bool', 'Whether operating system is blacklisted', (_c, o) => o.blacklisted, live),
    f('variants', 'Variants', 'other', 'Operating system variants', (_c, o) => o.variants, live),
    f('api_versions', 'ApiVersions', 'other', 'Operating system API versions', (_c, o) => o.api_versions, live),
    f('parameters', 'Parameters', 'other', 'Operating system parameters', (_c, o) => o.parameters, live),
    f('node_status', 'NodeStatus', 'other', 'Status from node', (_c, o) => o.node_status, live),
    f('os_hvp', 'OsHypervisorParams', 'other', 'Operating system specific hypervisor parameters', (_c, o) => o.os_hvp, live),
    f('osparams', 'OsParameters', 'other', 'Operating system specific parameters', (_c, o) => o.osparams, live),
    // OS scripts run with full privileges here; Ganeti's untrusted-OS sandbox does not exist.
    f('trusted', 'Trusted', 'bool', 'Whether this OS is trusted', () => true, live),
  ];
  return fieldMap(fields);
}

export const OS_FIELDS: FieldMap<null, OsRow> = build();
