// After every config commit: copy the config to every other master candidate (awaited, so
// a change is reported done only once the candidates have it) and, when the ssconf facts
// changed, rewrite them on every online node. A candidate that cannot be reached is logged
// and reported by `gnt-cluster verify`; it does not block the cluster.
import { createHash } from 'node:crypto';
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { NodeRpc } from '../rpc/node-rpc.js';
import { nodeTarget } from '../cmdlib/common.js';
import { computeSsconf } from './ssconf-values.js';

export class Replicator {
  private lastSsconf = '';

  constructor(private readonly rpc: NodeRpc, private readonly log: Logger) {}

  /** The ConfigStore onCommit hook. */
  readonly onCommit = async (text: string, cfg: Readonly<ClusterConfig>): Promise<void> => {
    await Promise.all([this.uploadConfig(text, cfg), this.writeSsconf(cfg, false)]);
  };

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
    const digest = createHash('sha1').update(JSON.stringify(values)).digest('hex');
    if (!force && digest === this.lastSsconf) return [];
    const targets = Object.values(cfg.nodes).filter((n) => !n.offline).map(nodeTarget);
    const res = await this.rpc.callMany(targets, 'WriteSsconfFiles', { values });
    const failed: string[] = [];
    for (const [node, r] of res) {
      if (r.failed) {
        failed.push(node);
        this.log.warn(`Could not write ssconf files on node ${node}: ${r.failMsg}`);
      }
    }
    // Remember the digest only when every node has it, so the next commit retries the others.
    if (!failed.length) this.lastSsconf = digest;
    return failed;
  }

  /** Everything, unconditionally (gnt-cluster redist-conf, master start-up). */
  async redistribute(text: string, cfg: Readonly<ClusterConfig>): Promise<string[]> {
    const [a, b] = await Promise.all([this.uploadConfig(text, cfg), this.writeSsconf(cfg, true)]);
    return [...new Set([...a, ...b])];
  }
}
