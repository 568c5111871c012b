// Short-lived cache for node answers that change rarely (node totals, the OS list): the
// allocator needs a node's capacity, not a fresh scan of it for every one of a thousand
// parallel creates. What instances use is accounted from the config, not from this cache.
import type { CallOptions, NodeMethod, NodeMethods, NodeRpc, NodeTarget } from './node-rpc.js';
import type { RpcResult } from './rpc-result.js';

export class RpcCache {
  private readonly entries = new Map<string, { at: number; value: Promise<RpcResult<unknown>> }>();

  constructor(private readonly rpc: NodeRpc, private readonly ttlMs = 5000) {}

  call<M extends NodeMethod>(node: NodeTarget, method: M, req: NodeMethods[M][0], opts: CallOptions = {}): Promise<RpcResult<NodeMethods[M][1]>> {
    const key = `${node.name}@${node.ip}/${method}/${JSON.stringify(req)}`;
    const hit = this.entries.get(key);
    if (hit && Date.now() - hit.at < this.ttlMs) return hit.value as Promise<RpcResult<NodeMethods[M][1]>>;
    const value = this.rpc.call(node, method, req, opts);
    this.entries.set(key, { at: Date.now(), value: value as Promise<RpcResult<unknown>> });
    // Failures are not remembered: the next caller asks again.
    value.then((r) => { if (r.failed) this.entries.delete(key); }, () => this.entries.delete(key));
    return value;
  }

  invalidate(nodeName?: string): void {
    if (!nodeName) { this.entries.clear(); return; }
    for (const k of this.entries.keys()) if (k.startsWith(`${nodeName}@`)) this.entries.delete(k);
  }
}
