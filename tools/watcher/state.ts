// The per-group watcher state file (Ganeti's lib/watcher/state.py, same JSON layout, so
// tools that read Ganeti's file read ours):
//   {"instance": {NAME: {"restart_count", "restart_when", "cleanup_count", "cleanup_when"}},
//    "node": {NAME: {"bootid"}}}
// A missing or broken file counts as empty: every counter starts again and every node
// looks freshly rebooted, which is also how an operator resets the watcher.
import { readFileSync, utimesSync } from 'node:fs';
import { atomicWrite } from '../../daemons/common/atomic-file.js';
import type { WatcherLog } from './log.js';

/** Records older than this are dropped (5 tries every 5 minutes take ~30 minutes). */
export const RETRY_EXPIRATION = 8 * 3600;

interface InstanceRecord { restart_count?: number; restart_when?: number; cleanup_count?: number; cleanup_when?: number }
interface StateData { instance: Record<string, InstanceRecord>; node: Record<string, { bootid?: string }> }

/** JSON with sorted keys (Ganeti's serializer), so an unchanged state compares equal. */
function dump(value: unknown): string {
  const sort = (v: unknown): unknown => {
    if (Array.isArray(v)) return v.map(sort);
    if (v && typeof v === 'object') {
      return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sort((v as Record<string, unknown>)[k])]));
    }
    return v;
  };
  return JSON.stringify(sort(value)) + '\n';
}

export class WatcherState {
  private data: StateData;
  private readonly orig: string;

  constructor(private readonly path: string, private readonly log: WatcherLog, private readonly now = () => Date.now() / 1000) {
    let raw: unknown = {};
    try {
      const text = readFileSync(path, 'utf8');
      if (text.trim()) raw = JSON.parse(text);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') {
        log.warning(`Invalid state file. Using defaults. Error message: ${(err as Error).message}`);
      }
    }
    const obj = raw && typeof raw === 'object' && !Array.isArray(raw) ? raw as Partial<StateData> : {};
    const dict = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? v : {});
    this.data = { instance: dict(obj.instance) as StateData['instance'], node: dict(obj.node) as StateData['node'] };
    this.orig = dump(this.data);
  }

  /** Writes the file when something changed, else only touches it (as Ganeti does). */
  async save(): Promise<void> {
    const text = dump(this.data);
    if (text === this.orig) {
      this.log.debug("Data didn't change, just touching status file");
      const t = new Date();
      try { utimesSync(this.path, t, t); return; } catch { /* not there yet: write it */ }
    }
    await atomicWrite(this.path, text, { mode: 0o644 });
  }

  getNodeBootId(name: string): string | null {
    return this.data.node[name]?.bootid ?? null;
  }

  setNodeBootId(name: string, bootid: string): void {
    (this.data.node[name] ??= {}).bootid = bootid;
  }

  numberOfRestartAttempts(name: string): number {
    return Number(this.data.instance[name]?.restart_count ?? 0);
  }

  numberOfCleanupAttempts(name: string): number {
    return Number(this.data.instance[name]?.cleanup_count ?? 0);
  }

  /** Forgets instances that no longer exist and records older than RETRY_EXPIRATION. */
  maintainInstanceList(existing: Iterable<string>): void {
    const keep = new Set(existing);
    const earliest = this.now() - RETRY_EXPIRATION;
    for (const [name, rec] of Object.entries(this.data.instance)) {
      if (!keep.has(name)) {
        this.log.debug(`Forgetting obsolete instance ${name}`);
        delete this.data.instance[name];
      } else if (Number(rec.restart_when ?? rec.cleanup_when ?? 0) < earliest) {
        this.log.debug(`Expiring record for instance ${name}`);
        delete this.data.instance[name];
      }
    }
  }

  recordRestartAttempt(name: string): void {
    const rec = (this.data.instance[name] ??= {});
    rec.restart_when = this.now();
    rec.restart_count = Number(rec.restart_count ?? 0) + 1;
  }

  recordCleanupAttempt(name: string): void {
    const rec = (this.data.instance[name] ??= {});
    rec.cleanup_when = this.now();
    rec.cleanup_count = Number(rec.cleanup_count ?? 0) + 1;
  }

  /** The instance is healthy again: drop its record. */
  removeInstance(name: string): void {
    delete this.data.instance[name];
  }
}
