// Files every master candidate keeps besides the config, so that the master's daemons can
// run there after a master failover (Ganeti's ancillary files for candidates): the RAPI
// certificate (rapi.pem) and the RAPI users file. After each config commit (and at start-up)
// the master copies its own copies to the online candidates that do not hold them yet: a
// node just promoted, one that was unreachable, or all of them after gnt-cluster renew-crypto
// or an edit of the users file changed one. Best effort and in the background: a candidate
// that misses a copy gets it with a later commit.
import { readFile, stat } from 'node:fs/promises';
import type { Logger } from '../../common/log.js';
import type { ClusterConfig } from '../../common/objects.js';
import type { Paths } from '../../common/paths.js';
import type { KnownFile } from '../../common/known-files.js';
import type { NodeRpc } from '../rpc/node-rpc.js';
import { nodeTarget } from '../rpc/node-target.js';

const FILES: { file: KnownFile; path: (p: Paths) => string }[] = [
  { file: 'rapi_cert', path: (p) => p.rapiCertFile },
  { file: 'rapi_users', path: (p) => p.rapiUsersFile },
];

export class AncillaryFiles {
  /** The version (mtime:size) of each file each candidate last acknowledged, by `file/node`. */
  private readonly held = new Map<string, string>();
  private running: Promise<void> | null = null;
  private again: Readonly<ClusterConfig> | null = null;

  constructor(private readonly paths: Paths, private readonly rpc: NodeRpc, private readonly log: Logger) {}

  /** The ConfigStore onCommit hook: returns at once, copies in the background (one round at a time). */
  readonly onCommit = async (_commit: unknown, cfg: Readonly<ClusterConfig>): Promise<void> => { this.sync(cfg); };

  sync(cfg: Readonly<ClusterConfig>): void {
    if (this.running) { this.again = cfg; return; }
    this.running = this.round(cfg)
      .catch((err: unknown) => this.log.warn(`copying the RAPI files to the master candidates failed: ${String(err)}`))
      .finally(() => {
        this.running = null;
        const next = this.again;
        this.again = null;
        if (next) this.sync(next);
      });
  }

  private async round(cfg: Readonly<ClusterConfig>): Promise<void> {
    for (const f of FILES) await this.copy(cfg, f.file, f.path(this.paths));
  }

  private async copy(cfg: Readonly<ClusterConfig>, file: KnownFile, path: string): Promise<void> {
    let version: string;
    try {
      const s = await stat(path);
      version = `${s.mtimeMs}:${s.size}`;
    } catch { return; } // not on this master (yet): nothing to copy
    const due = Object.values(cfg.nodes).filter((n) => n.master_candidate && !n.offline
      && n.uuid !== cfg.cluster.master_node && this.held.get(`${file}/${n.name}`) !== version);
    if (!due.length) return;
    const content = await readFile(path);
    const res = await this.rpc.callMany(due.map(nodeTarget), 'UploadFile', () => ({ file, content, mode: 0 }));
    for (const [name, r] of res) {
      if (r.failed) {
        this.held.delete(`${file}/${name}`);
        this.log.warn(`could not copy ${file} to master candidate ${name}: ${r.failMsg}`);
      } else {
        this.held.set(`${file}/${name}`, version);
        this.log.info(`copied ${file} to master candidate ${name}`);
      }
    }
  }
}
