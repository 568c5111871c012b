// Runs opcodes through their logical units exactly as the master does: the opcode is
// validated as the Master service does on submit, then the processor (checkArguments,
// expandNames, locks level by level in a real LockManager, checkPrereq, exec, release)
// runs it against an in-memory ConfigStore and a scripted FakeNodeRpc. A run returns the
// result or the thrown typed error, and the job log lines the user would see.
//
//   const h = await LuHarness.create({ config: clusterConfig({ instances: [instance('i1', 'web1', 'n2')] }) });
//   h.rpc.fail('BlockdevRemove', 'busy', { node: NODE2 });          // after the healthy defaults
//   const run = await h.run({ OP_ID: 'OP_INSTANCE_REMOVE', instance_name: 'web1' });
//   assertFailed(t, run, OpExecError, /busy/);  h.rpc.callsTo('BlockdevRemove'); h.instance('web1');
import { clusterConfig } from './cluster-config.js';
import { FakeNodeRpc } from './fake-node-rpc.js';
import { memoryConfigStore, type MemoryAdapter } from './memory-config.js';
import {
  CapacityTracker, LockLevel, LockManager, makeExecutor, nullLogger, resolvePaths, RpcCache, TaggedInstanceLists, validateOpcode,
  type ClusterConfig, type ConfigStore, type Instance, type MasterContext, type Node, type OpContext, type Replicator,
} from './masterd.js';

export interface LuRun {
  /** What exec returned (undefined when the opcode failed). */
  result?: unknown;
  /** What the opcode threw (OpPrereqError, OpExecError...). */
  error?: Error;
  /** The job log lines, in order. */
  feedback: string[];
}

export interface HarnessOptions {
  config?: ClusterConfig;
  /** Defaults to a FakeNodeRpc answering as healthy, empty nodes. */
  rpc?: FakeNodeRpc;
  /** Defaults to one that replicates at once and never holds ssconf back. */
  replicator?: Pick<Replicator, 'waitReplicated' | 'flushSsconf' | 'owesSsconf'>;
}

export class LuHarness {
  private nextJob = 1;
  /** Jobs opcodes created (ResultWithJobs), as the queue would have received them; ids from 1000. */
  readonly submitted: { id: number; ops: Record<string, unknown>[] }[] = [];
  private readonly execute: ReturnType<typeof makeExecutor>;

  private constructor(readonly cfg: ConfigStore, readonly adapter: MemoryAdapter, readonly rpc: FakeNodeRpc,
    readonly locks: LockManager, readonly capacity: CapacityTracker, rep?: HarnessOptions['replicator']) {
    // Replication to master candidates is not what LU tests look at: done at once.
    const replicator = (rep ?? { waitReplicated: async () => {}, flushSsconf: async () => {}, owesSsconf: () => false }) as unknown as Replicator;
    // Paths under a root that does not exist: an LU that reads a node file sees it missing.
    const paths = resolvePaths({ GANETI_ROOTDIR: '/nonexistent/lu-test/node1', GANETI_HOSTNAME: 'node1' });
    const mc: MasterContext = {
      paths, cfg, rpc, locks, capacity, replicator, rpcCache: new RpcCache(rpc), instanceLists: new TaggedInstanceLists(rpc), log: nullLogger,
    };
    this.execute = makeExecutor(mc);
  }

  static async create(opts: HarnessOptions = {}): Promise<LuHarness> {
    const { store, adapter } = await memoryConfigStore(opts.config ?? clusterConfig());
    return new LuHarness(store, adapter, opts.rpc ?? new FakeNodeRpc().healthy(), new LockManager(), new CapacityTracker(), opts.replicator);
  }

  /** Submits one opcode (a dict as a client sends it) and runs it to the end. */
  async run(input: Record<string, unknown>): Promise<LuRun> {
    const feedback: string[] = [];
    const jobId = this.nextJob++;
    const ctx: OpContext = {
      jobId, opIndex: 0, priority: 0, signal: new AbortController().signal,
      feedback: (_type, message) => { feedback.push(message); },
      notifyRunning: () => {},
      submitJobs: async (jobs) => jobs.map((ops) => {
        const id = 1000 + this.submitted.length;
        this.submitted.push({ id, ops: ops as unknown as Record<string, unknown>[] });
        return { ok: true as const, id };
      }),
    };
    try {
      const op = validateOpcode({ ...input });
      const result = await this.execute(op, ctx);
      await this.cfg.flush();
      return { result, feedback };
    } catch (error) {
      await this.cfg.flush();
      return { error: error as Error, feedback };
    } finally {
      this.checkReleased(`job-${jobId}/0`);
    }
  }

  /** The processor must leave no lock held, whatever happened. */
  private checkReleased(owner: string): void {
    for (const level of Object.values(LockLevel)) {
      const held = [...this.locks.owned(owner, level).keys()];
      if (held.length) throw new Error(`LuHarness: ${owner} still holds locks at level ${level}: ${held.join(', ')}`);
    }
  }

  instance(name: string): Readonly<Instance> | undefined { return this.cfg.instanceByName(name); }
  node(name: string): Readonly<Node> | undefined { return this.cfg.nodeByName(name); }
  nodeName(uuid: string): string | undefined { return this.cfg.get().nodes[uuid]?.name; }
}
