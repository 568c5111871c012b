// Files every master candidate keeps besides the config, so that the master's daemons can
// run there after a master failover (Ganeti's ancillary files for candidates): the RAPI
// certificate, rapi.pem. After each config commit (and at start-up) the master copies its
// own copy to the online candidates that do not hold it yet: a node just promoted, one that
// was unreachable, or all of them after gnt-cluster renew-crypto changed it. Best effort and
// in the background: a candidate that misses it gets it with a later commit.
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { Paths } from '../../common/paths.js';
import type { NodeRpc } from '../rpc/node-rpc.js';
import { nodeTarget } from '../rpc/node-target.js';

export class AncillaryFiles {
  /** The version (mtime:size) of rapi.pem each candidate last acknowledged. */
  private readonly held = new Map<string, string>();
  private running: Promise<void> | null = null;
  private again: Readonly<ClusterConfig> | null = null;

  constructor(private readonly paths: Paths, private readonly rpc: NodeRpc, private readonly log: Logger) {}

  /** The ConfigStore onCommit hook: returns at once, copies in the background (one round at a time). */
  readonly onCommit = async (_text: string, cfg: Readonly<ClusterConfig>): Promise<void> => { this.sync(cfg); };

  sync(cfg: Readonly<ClusterConfig>): void {
    if (this.running) { this.again = cfg; return; }
    this.running = this.round(cfg)
      .catch((err: unknown) => this.log.warn(`copying rapi.pem to the master candidates failed: ${String(err)}`))
      .finally(() => {
        this.running = null;
        const next = this.again;
        this.again = null;
        if (next) this.sync(next);
      });
  }

  private async round(cfg: Readonly<ClusterConfig>): Promise<void> {
    let version: string;
    try {
      const s = await stat(this.paths.rapiCertFile);
      version = `${s.mtimeMs}:${s.size}`;
    } catch { return; } // no RAPI certificate on this master (yet): nothing to copy
    const due = Object.values(cfg.nodes).filter((n) => n.master_candidate && !n.offline
      && n.uuid !== cfg.cluster.master_node && this.held.get(n.name) !== version);
    if (!due.length) return;
    const content = await readFile(this.paths.rapiCertFile);
    const res = await this.rpc.callMany(due.map(nodeTarget), 'UploadFile', () => ({ file: 'rapi_cert', content, mode: 0o400 }));
    for (const [name, r] of res) {
      if (r.failed) {
        this.held.delete(name);
        this.log.warn(`could not copy rapi.pem to master candidate ${name}: ${r.failMsg}`);
      } else {
        this.held.set(name, version);
        this.log.info(`copied rapi.pem to master candidate ${name}`);
      }
    }
  }
}
