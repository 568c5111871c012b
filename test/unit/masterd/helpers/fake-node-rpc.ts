// A scripted NodeRpc (Ganeti's RpcResultsBuilder, plus a call log): per method, optionally
// per node and per request, an answer or a failure, once or every time; every call is
// recorded with its node and request so that a test can check what an LU did on which node
// (e.g. which disks a rollback removed). The latest matching script wins, so a test
// overrides the healthy defaults of `healthy()` by scripting after it.
import {
  GanetiError, PROTOCOL_VERSION, RpcResult, SOFTWARE_VERSION,
  type CallOptions, type NodeInfoResponse__Output, type NodeMethod, type NodeRpc, type NodeTarget, type RpcAnswer, type RpcRequest,
} from './masterd.js';

export interface RecordedCall<M extends NodeMethod = NodeMethod> {
  node: string;
  method: M;
  req: RpcRequest<M>;
  /** The node is offline in the config: like the real client, nothing was sent. */
  offline: boolean;
}

export interface ScriptOptions<M extends NodeMethod> {
  /** Only calls to this node (name). */
  node?: string;
  /** Only calls whose request matches. */
  when?: (req: RpcRequest<M>, node: string) => boolean;
  /** How many calls it answers (default: all). */
  times?: number;
}

type Answer<M extends NodeMethod> = RpcAnswer<M> | ((req: RpcRequest<M>, node: string) => RpcAnswer<M>);

interface Rule {
  method: NodeMethod;
  opts: ScriptOptions<NodeMethod>;
  left: number;
  reply: (req: unknown, node: string) => RpcResult<unknown>;
}

export class FakeNodeRpc implements NodeRpc {
  readonly calls: RecordedCall[] = [];
  /** Calls no script answered (they failed with 'no answer scripted'). */
  readonly unscripted: RecordedCall[] = [];
  private readonly rules: Rule[] = [];

  /** Scripts a successful answer (a payload, or a function of the request and node). */
  answer<M extends NodeMethod>(method: M, payload: Answer<M>, opts: ScriptOptions<M> = {}): this {
    const fn = typeof payload === 'function' ? payload as (req: RpcRequest<M>, node: string) => RpcAnswer<M> : () => payload;
    return this.add(method, opts, (req, node) => RpcResult.ok(node, structuredClone(fn(req as RpcRequest<M>, node))));
  }

  /** Scripts a failure: a message (OpExecError, as a node error) or a typed error such as NodeUnreachableError. */
  fail<M extends NodeMethod>(method: M, error: string | GanetiError, opts: ScriptOptions<M> = {}): this {
    return this.add(method, opts, (_req, node) => RpcResult.fail(node, error));
  }

  private add<M extends NodeMethod>(method: M, opts: ScriptOptions<M>, reply: Rule['reply']): this {
    this.rules.push({ method, opts: opts as ScriptOptions<NodeMethod>, left: opts.times ?? Infinity, reply });
    return this;
  }

  /** Answers every node as a healthy, empty node would (nothing running, disks created as asked). */
  healthy(node: Partial<NodeInfoResponse__Output> = {}): this {
    const ok = {};
    for (const m of ['InstanceStart', 'InstanceShutdown', 'InstanceReboot', 'BlockdevRemove', 'BlockdevShutdown', 'NodeLeaveCluster',
      'WriteSsconfFiles', 'UploadFile', 'AcceptInstance', 'InstanceMigrate', 'InstanceFinalizeMigrationDst',
      'InstanceFinalizeMigrationSrc', 'BlockdevResetOverlay'] as const) this.answer(m, ok);
    // A candidate's copy of the config: it holds the last delta's serial, or the full copy's.
    // A call with neither (ssconf only) leaves the node's serial as it was.
    const held = new Map<string, number>();
    this.answer('UploadConfigDeltas', (req, node) => {
      const last = req.deltas?.at(-1);
      const serial = last ? (JSON.parse(last) as { s: number }).s : req.full?.length ? Number(req.full_serial ?? 0) : held.get(node) ?? 0;
      held.set(node, serial);
      return { serial, needs_full: false, ssconf_error: '' };
    });
    this.answer('Version', { protocol_version: PROTOCOL_VERSION, software_version: SOFTWARE_VERSION });
    this.answer('NodeInfo', nodeInfo(node));
    this.answer('InstanceInfo', (req) => runtime(req.name ?? '', ''));
    this.answer('InstanceList', { instances: [] });
    this.answer('BlockdevCreate', (req) => {
      const path = `${req.file_storage_dir}/${req.instance_name}/${req.disk?.uuid}.${req.disk?.iv_name?.replace('/', '')}`;
      return { path, logical_id: ['loop', path], size: Number(req.disk?.size ?? 0) };
    });
    this.answer('BlockdevRename', (req) => ({ path: req.new_logical_id?.[1] ?? '', logical_id: req.new_logical_id ?? [], size: Number(req.disk?.size ?? 0) }));
    this.answer('BlockdevAssemble', (req) => ({ path: req.disk?.logical_id?.[1] ?? '' }));
    this.answer('OsDiagnose', { oses: [{ name: 'debootstrap', path: '/srv/ganeti/os/debootstrap', valid: true, diagnose: '',
      api_versions: [20], variants: ['default'], parameters: [] }] });
    this.answer('OsValidate', { found: true });
    this.answer('InstanceOsAdd', { log: '', log_file: '' });
    this.answer('InstanceOsRename', { log: '', log_file: '' });
    this.answer('MigrationInfo', { info: 'migration-info' });
    this.answer('InstanceGetMigrationStatus', { status: 'completed', transferred_ram: 0, total_ram: 0, info: '' });
    return this;
  }

  async call<M extends NodeMethod>(node: NodeTarget, method: M, req: RpcRequest<M>, _opts?: CallOptions): Promise<RpcResult<RpcAnswer<M>>> {
    const call = { node: node.name, method, req: structuredClone(req), offline: !!node.offline } as RecordedCall;
    this.calls.push(call);
    if (node.offline) return RpcResult.offlineNode(node.name);
    const scripted = this.reply(node.name, method, req);
    if (scripted) return scripted;
    // The master asks lists by tag (rpc/tagged-lists.ts); a test scripts the list itself:
    // answered whole, without a tag, so nothing is held between calls.
    if (method === 'InstanceListTagged') {
      const list = this.reply(node.name, 'InstanceList', { hypervisors: (req as RpcRequest<'InstanceListTagged'>).hypervisors });
      if (list) {
        return (list.failed ? list : RpcResult.ok(node.name, { instances: list.payload!.instances, tag: '', unchanged: false, delta: false, gone: [] })) as RpcResult<RpcAnswer<M>>;
      }
    }
    this.unscripted.push(call);
    return RpcResult.fail(node.name, `FakeNodeRpc: no answer scripted for ${method} on node ${node.name}`);
  }

  /** The latest matching script's answer, or null when none matches. */
  private reply<M extends NodeMethod>(node: string, method: M, req: RpcRequest<M>): RpcResult<RpcAnswer<M>> | null {
    for (let i = this.rules.length - 1; i >= 0; i--) {
      const r = this.rules[i]!;
      if (r.method !== method || r.left <= 0) continue;
      if (r.opts.node !== undefined && r.opts.node !== node) continue;
      if (r.opts.when && !r.opts.when(req as RpcRequest<NodeMethod>, node)) continue;
      r.left--;
      return r.reply(req, node) as RpcResult<RpcAnswer<M>>;
    }
    return null;
  }

  async callMany<M extends NodeMethod>(nodes: NodeTarget[], method: M, req: RpcRequest<M> | ((n: NodeTarget) => RpcRequest<M>),
    opts?: CallOptions): Promise<Map<string, RpcResult<RpcAnswer<M>>>> {
    const out = new Map<string, RpcResult<RpcAnswer<M>>>();
    for (const n of nodes) {
      out.set(n.name, await this.call(n, method, typeof req === 'function' ? (req as (n: NodeTarget) => RpcRequest<M>)(n) : req, opts));
    }
    return out;
  }

  close(): void {}

  /** The recorded calls of one method (optionally to one node), in order. */
  callsTo<M extends NodeMethod>(method: M, node?: string): RecordedCall<M>[] {
    return this.calls.filter((c): c is RecordedCall<M> => c.method === method && (node === undefined || c.node === node));
  }

  /** 'Method@node' of every call, in order: a compact trace for assertions. */
  trace(): string[] { return this.calls.map((c) => `${c.method}@${c.node}`); }
}

/** A NodeInfo answer: 8 GiB (512 MiB for dom0), 8 cpus, 100 GiB file storage, unless overridden. */
export function nodeInfo(over: Partial<NodeInfoResponse__Output> = {}): NodeInfoResponse__Output {
  return {
    bootid: 'boot-1', memory_total: 8192, memory_free: 7000, memory_dom0: 512, cpu_total: 8, cpu_nodes: 1, cpu_sockets: 1,
    cpu_used: 0, software_version: SOFTWARE_VERSION,
    storage: [{ type: 'file', name: '/srv/ganeti/file-storage', total: 102400, free: 102400, reported: true }], ...over,
  };
}

/** An InstanceInfo answer: state '' (not running), 'running', 'user_down'... */
export function runtime(name: string, state: string, memory = 128) {
  return { name, state, memory, vcpus: 1, hypervisor: 'fake', console_json: '' };
}
