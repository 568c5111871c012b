// After config commits: copy the config to every other master candidate and rewrite the
// changed ssconf facts on every online node. Replication runs in the background and always
// sends the newest config, so under load one upload covers many commits instead of one
// per commit under the committer's locks; a job is reported done only after
// waitReplicated() confirms the candidates have a config at least as new as its changes.
// A node that cannot be reached is logged and reported by `gnt-cluster verify`; it does
// not block the cluster.
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { NodeRpc, NodeTarget } from '../rpc/node-rpc.js';
import type { RpcResult } from '../rpc/rpc-result.js';
import { nodeTarget } from '../rpc/node-target.js';
import { computeSsconf } from './ssconf-values.js';

export class Replicator {
  /** What each node last acknowledged, so a commit sends only the ssconf keys that changed
   * for it (usually just instance_list); a node that failed gets everything next time. */
  private readonly sent = new Map<string, Record<string, string>>();

  constructor(private readonly rpc: NodeRpc, private readonly log: Logger) {}

  private pending: { text: string; cfg: Readonly<ClusterConfig>; serial: number } | null = null;
  private running: Promise<void> | null = null;
  private doneSerial = 0;
  private readonly waiters: { serial: number; resolve: () => void }[] = [];

  /** The ConfigStore onCommit hook: queue the newest config and return at once. */
  readonly onCommit = async (text: string, cfg: Readonly<ClusterConfig>): Promise<void> => {
    this.pending = { text, cfg, serial: cfg.serial_no };
    this.running ??= this.loop().finally(() => { this.running = null; });
  };

  /** Resolves once a replication round that covers config serial `serial` has finished. */
  waitReplicated(serial: number): Promise<void> {
    if (this.doneSerial >= serial) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ serial, resolve }));
  }

  private async loop(): Promise<void> {
    while (this.pending) {
      const round = this.pending;
      this.pending = null;
      try {
        await Promise.all([this.uploadConfig(round.text, round.cfg), this.writeSsconf(round.cfg, false)]);
      } catch (err) {
        this.log.error('replication round failed', { err: String(err) });
      }
      this.doneSerial = Math.max(this.doneSerial, round.serial);
      for (let i = this.waiters.length - 1; i >= 0; i--) {
        if (this.waiters[i]!.serial <= this.doneSerial) this.waiters.splice(i, 1)[0]!.resolve();
      }
    }
  }

  /** Nodes whose last delivery failed: later rounds do not wait for them (a hung or dead
   * node must not hold every job of the cluster); they get one background attempt at a
   * time until one succeeds, which queues a fresh round with the newest state. */
  private readonly lagging = new Set<string>();
  private readonly inflight = new Set<string>();
  private lastRound: { text: string; cfg: Readonly<ClusterConfig>; serial: number } | null = null;

  private async deliver(targets: NodeTarget[], what: string, waitForAll: boolean,
    send: (n: NodeTarget) => Promise<RpcResult<unknown>>, done: (node: string, ok: boolean) => void): Promise<string[]> {
    const failed: string[] = [];
    const attempt = async (n: NodeTarget): Promise<void> => {
      const r = await send(n);
      done(n.name, !r.failed);
      if (r.failed) {
        failed.push(n.name);
        if (!this.lagging.has(n.name)) this.log.warn(`Could not ${what} on node ${n.name}: ${r.failMsg}`);
        this.lagging.add(n.name);
      } else if (this.lagging.delete(n.name)) {
        this.log.info(`node ${n.name} answers again; sending it the newest configuration`);
        if (this.lastRound) { this.pending ??= this.lastRound; this.running ??= this.loop().finally(() => { this.running = null; }); }
      }
    };
    const awaited: Promise<void>[] = [];
    for (const n of targets) {
      if (waitForAll || !this.lagging.has(n.name)) { awaited.push(attempt(n)); continue; }
      const key = `${what}/${n.name}`;
      if (this.inflight.has(key)) continue;
      this.inflight.add(key);
      void attempt(n).finally(() => this.inflight.delete(key));
    }
    await Promise.all(awaited);
    return failed;
  }

  async uploadConfig(text: string, cfg: Readonly<ClusterConfig>, waitForAll = false): Promise<string[]> {
    this.lastRound = { text, cfg, serial: cfg.serial_no };
    const targets = Object.values(cfg.nodes)
      .filter((n) => n.master_candidate && !n.offline && n.uuid !== cfg.cluster.master_node)
      .map(nodeTarget);
    const content = Buffer.from(text);
    // Its own deadline (5 s + 1 s per MB): a hung candidate is found out quickly and then
    // no longer waited for; a healthy one writes a config in milliseconds.
    const timeoutMs = 5000 + Math.ceil(content.length / 1e6) * 1000;
    return this.deliver(targets, 'upload the configuration', waitForAll,
      (n) => this.rpc.call(n, 'UploadFile', { file: 'config', content, mode: 0o640 }, { timeoutMs }), () => undefined);
  }

  async writeSsconf(cfg: Readonly<ClusterConfig>, force: boolean): Promise<string[]> {
    const values = computeSsconf(cfg);
    const targets = Object.values(cfg.nodes).filter((n) => !n.offline).map(nodeTarget);
    const changes = new Map(targets.map((n) => {
      const last = force ? undefined : this.sent.get(n.name);
      const diff = last ? Object.fromEntries(Object.entries(values).filter(([k, v]) => last[k] !== v)) : values;
      return [n.name, diff];
    }));
    const pending = targets.filter((n) => Object.keys(changes.get(n.name)!).length > 0);
    return this.deliver(pending, 'write ssconf files', force,
      (n) => this.rpc.call(n, 'WriteSsconfFiles', { values: changes.get(n.name)! }, { timeoutMs: 5000 }),
      (node, ok) => { if (ok) this.sent.set(node, values); else this.sent.delete(node); });
  }

  /** Everything, unconditionally (gnt-cluster redist-conf, master start-up). */
  async redistribute(text: string, cfg: Readonly<ClusterConfig>): Promise<string[]> {
    const [a, b] = await Promise.all([this.uploadConfig(text, cfg, true), this.writeSsconf(cfg, true)]);
    return [...new Set([...a, ...b])];
  }
}
