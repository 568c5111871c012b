// The nodes' InstanceList answers for queries (`gnt-instance list`, RAPI's listings), kept
// for a moment. A list of 1,000 instances on 5 nodes spent more on the fan-out (each node's
// worker reads its instances' state and encodes them: 30–90 ms a node on a loaded 2-core
// machine, a second when an idle worker must be started) than on everything else, and
// scripts run lists back to back. An answer is reused only while it is honest:
//  - for at most `ttlMs` after the node gave it (an instance that dies or is killed outside
//    the cluster shows as ERROR_down within that time);
//  - never once the master has since started or finished a call to that node that may change
//    what runs there (start, shutdown, migrate, a node command…): every call but the
//    read-only ones below moves the node's epoch, and an answer holds for its epoch only, so
//    `gnt-instance stop X` followed by a list shows X down at once.
// Failures are never kept. Logical units keep asking the nodes directly (rt.rpc).
import type { CallOptions, NodeMethod, NodeMethods, NodeRpc, NodeTarget } from './node-rpc.js';
import type { RpcResult } from './rpc-result.js';

type ListReq = NodeMethods['InstanceList'][0];
type ListResult = RpcResult<NodeMethods['InstanceList'][1]>;

/** Calls that cannot change which instances run on a node, or their state. */
const READ_ONLY = new Set<string>([
  'Version', 'NodeInfo', 'NodeVerify', 'InstanceList', 'InstanceInfo', 'NodeVolumes', 'StorageList', 'ExtStorageDiagnose',
  'OsDiagnose', 'OsValidate', 'UploadFile', 'WriteSsconfFiles', 'ReadClusterConfig', 'TestDelay', 'MigrationInfo',
  'InstanceGetMigrationStatus', 'MasterInfo', 'ReadJobQueue', 'ExportList', 'ExportInfo', 'BlockdevGetDimensions',
  'UploadConfigDeltas', 'ExportReadChunk',
]);

export const RUNTIME_TTL_MS = 2000;

interface Entry { epoch: number; at: number; value: Promise<ListResult> }

/** A NodeRpc that passes every call on and keeps InstanceList answers for queries. */
export class RuntimeCache implements NodeRpc {
  private readonly epochs = new Map<string, number>();
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly rpc: NodeRpc, private readonly ttlMs = RUNTIME_TTL_MS, private readonly now = () => Date.now()) {}

  private key(node: NodeTarget): string { return `${node.name}@${node.ip}`; }
  private epoch(node: NodeTarget): number { return this.epochs.get(this.key(node)) ?? 0; }
  private bump(node: NodeTarget): void {
    const k = this.key(node);
    this.epochs.set(k, (this.epochs.get(k) ?? 0) + 1);
    for (const e of this.entries.keys()) if (e.startsWith(`${k}/`)) this.entries.delete(e);
  }

  call<M extends NodeMethod>(node: NodeTarget, method: M, req: NodeMethods[M][0], opts?: CallOptions): Promise<RpcResult<NodeMethods[M][1]>> {
    if (READ_ONLY.has(method)) return this.rpc.call(node, method, req, opts);
    this.bump(node);
    const p = this.rpc.call(node, method, req, opts);
    void p.finally(() => this.bump(node)).catch(() => undefined);
    return p;
  }

  async callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M,
    req: NodeMethods[M][0] | ((n: NodeTarget) => NodeMethods[M][0]), opts?: CallOptions): Promise<Map<string, RpcResult<NodeMethods[M][1]>>> {
    const results = await Promise.all(nodes.map((n) =>
      this.call(n, method, typeof req === 'function' ? (req as (n: NodeTarget) => NodeMethods[M][0])(n) : req, opts)));
    return new Map(nodes.map((n, i) => [n.name, results[i]!]));
  }

  close(): void { this.rpc.close(); }
  reloadCredentials(): void { this.rpc.reloadCredentials?.(); }

  /** Every node's InstanceList answer, by node name: a kept one while it holds, else asked now. */
  async instanceList(nodes: NodeTarget[], req: ListReq, opts?: CallOptions): Promise<Map<string, ListResult>> {
    const results = await Promise.all(nodes.map((n) => this.listOne(n, req, opts)));
    return new Map(nodes.map((n, i) => [n.name, results[i]!]));
  }

  private listOne(node: NodeTarget, req: ListReq, opts?: CallOptions): Promise<ListResult> {
    const k = `${this.key(node)}/${JSON.stringify(req.hypervisors ?? [])}`;
    const epoch = this.epoch(node);
    const hit = this.entries.get(k);
    if (hit && hit.epoch === epoch && this.now() - hit.at < this.ttlMs) return hit.value;
    const entry: Entry = { epoch, at: Number.POSITIVE_INFINITY, value: this.rpc.call(node, 'InstanceList', req, opts) };
    this.entries.set(k, entry);
    // Counted from the answer, the node's view at that moment; kept only when it succeeded
    // and nothing changed on the node meanwhile (a bump deleted the entry).
    void entry.value.then((r) => {
      if (r.failed || this.entries.get(k) !== entry) { if (this.entries.get(k) === entry) this.entries.delete(k); return; }
      entry.at = this.now();
    }, () => { if (this.entries.get(k) === entry) this.entries.delete(k); });
    return entry.value;
  }
}
