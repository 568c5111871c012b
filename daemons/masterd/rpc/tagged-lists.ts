// The nodes' instance lists for the master's queries (gnt-instance list, RAPI's listings, the
// watcher's): each node is asked with the tag of the answer the master holds from it
// (InstanceListTagged), and a node whose instances did not change answers with the tag
// alone, so 10,000 instances are not sent, decoded and compared again for every list. The
// answer held is the very object returned last time, so what is computed from it can be
// kept per object (bulk-objects.ts). What runs is still asked every time: the tag is a
// digest of the node's current answer. A node that changed since the answer held sends only
// what changed (a delta), which is put into a copy of it.
import type { InstanceListResponse__Output } from '../../../proto/generated/ganeti/InstanceListResponse.js';
import type { InstanceRuntime__Output } from '../../../proto/generated/ganeti/InstanceRuntime.js';
import type { CallOptions, NodeRpc, NodeTarget } from './node-rpc.js';
import { RpcResult } from './rpc-result.js';

type ListResult = RpcResult<InstanceListResponse__Output>;

interface Held { key: string; tag: string; result: ListResult }

export class TaggedInstanceLists {
  private readonly held = new Map<string, Held>();

  constructor(private readonly rpc: NodeRpc) {}

  /**
   * Every node's InstanceList answer for these hypervisors, by node name. Queries and opcodes
   * ask at the same time: each call answers from what was held when it asked, never from
   * what another call put there meanwhile. `allNodes`: these are all the cluster's nodes,
   * so what is held for any other (a removed node) is dropped.
   */
  async get(nodes: NodeTarget[], hypervisors: string[], opts: CallOptions = {}, allNodes = false): Promise<Map<string, ListResult>> {
    const keyOf = (n: NodeTarget) => `${n.ip}/${hypervisors.join(',')}`;
    const sent = new Map<string, Held>();
    const res = await this.rpc.callMany(nodes, 'InstanceListTagged', (n) => {
      const h = this.held.get(n.name);
      if (h && h.key === keyOf(n)) sent.set(n.name, h);
      return { hypervisors, known_tag: sent.get(n.name)?.tag ?? '' };
    }, opts);
    const out = new Map<string, ListResult>();
    for (const n of nodes) {
      const r = res.get(n.name)!;
      const h = sent.get(n.name);
      const forget = () => { if (this.held.get(n.name) === h) this.held.delete(n.name); };
      if (r.failed) {
        forget();
        out.set(n.name, r.offline ? RpcResult.offlineNode(n.name) : new RpcResult<InstanceListResponse__Output>(n.name, null, r.failMsg, false, r.error));
        continue;
      }
      const p = r.payload!;
      if (p.unchanged) {
        if (h && p.tag === h.tag) { out.set(n.name, h.result); continue; }
        forget();
        out.set(n.name, RpcResult.fail(n.name, `node ${n.name} answered 'unchanged' (tag '${p.tag}') for a list the master does not hold`));
        continue;
      }
      if (p.delta && !(h && h.result.payload)) {
        forget();
        out.set(n.name, RpcResult.fail(n.name, `node ${n.name} answered with changes (tag '${p.tag}') to a list the master does not hold`));
        continue;
      }
      const instances = p.delta ? applied(h!.result.payload!.instances, p.instances, p.gone) : p.instances;
      const result = RpcResult.ok<InstanceListResponse__Output>(n.name, { instances });
      if (p.tag) this.held.set(n.name, { key: keyOf(n), tag: p.tag, result });
      else forget();
      out.set(n.name, result);
    }
    if (allNodes) {
      const asked = new Set(nodes.map((n) => n.name));
      for (const name of this.held.keys()) if (!asked.has(name)) this.held.delete(name);
    }
    return out;
  }
}

/** The held entries with a node's delta put in: changed entries replace theirs by name, new
 * ones come last, gone names are left out. Unchanged entries stay the same objects. */
function applied(held: InstanceRuntime__Output[], changed: InstanceRuntime__Output[], gone: string[]): InstanceRuntime__Output[] {
  const put = new Map(changed.map((e) => [e.name, e]));
  const out: InstanceRuntime__Output[] = [];
  const left = new Set(gone);
  for (const e of held) {
    if (left.has(e.name)) continue;
    const c = put.get(e.name);
    if (c) put.delete(e.name);
    out.push(c ?? e);
  }
  for (const e of put.values()) out.push(e);
  return out;
}
