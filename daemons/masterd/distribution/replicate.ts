// After config commits: copy the config to every other master candidate and rewrite the
// changed ssconf facts on every online node. Replication runs in the background and always
// sends the newest config, so under load one upload covers many commits instead of one
// per commit under the committer's locks; a job is reported done only after
// waitReplicated() confirms the candidates have a config at least as new as its changes.
// A node that cannot be reached is logged and reported by `gnt-cluster verify`; it does
// not block the cluster.
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { NodeRpc } from '../rpc/node-rpc.js';
import { nodeTarget } from '../cmdlib/common.js';
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

  async uploadConfig(text: string, cfg: Readonly<ClusterConfig>): Promise<string[]> {
    const targets = Object.values(cfg.nodes)
      .filter((n) => n.master_candidate && !n.offline && n.uuid !== cfg.cluster.master_node)
      .map(nodeTarget);
    if (!targets.length) return [];
    const content = Buffer.from(text);
    const res = await this.rpc.callMany(targets, 'UploadFile', { file: 'config', content, mode: 0o640 });
    const failed: string[] = [];
    for (const [node, r] of res) {
      if (r.failed) {
        failed.push(node);
        this.log.warn(`Could not upload the configuration to master candidate ${node}: ${r.failMsg}`);
      }
    }
    return failed;
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
    if (!pending.length) return [];
    const res = await this.rpc.callMany(pending, 'WriteSsconfFiles', (n) => ({ values: changes.get(n.name)! }));
    const failed: string[] = [];
    for (const [node, r] of res) {
      if (r.failed) {
        failed.push(node);
        this.sent.delete(node);
        this.log.warn(`Could not write ssconf files on node ${node}: ${r.failMsg}`);
      } else {
        this.sent.set(node, values);
      }
    }
    return failed;
  }

  /** Everything, unconditionally (gnt-cluster redist-conf, master start-up). */
  async redistribute(text: string, cfg: Readonly<ClusterConfig>): Promise<string[]> {
    const [a, b] = await Promise.all([this.uploadConfig(text, cfg), this.writeSsconf(cfg, true)]);
    return [...new Set([...a, ...b])];
  }
}
