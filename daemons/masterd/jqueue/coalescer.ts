// Runs an idempotent task (write this job file, fsync this directory) so that every
// caller's request is covered by a run that *started* after the call, while bursts of
// requests during a run share one follow-up run. That is group commit for one file.
import { deferred, type Deferred } from '../../common/async.js';

export class Coalescer {
  private running: Promise<void> | null = null;
  private next: Deferred<void> | null = null;

  constructor(private readonly task: () => Promise<void>, private readonly onIdle?: () => void) {}

  get busy(): boolean { return this.running !== null; }

  run(): Promise<void> {
    if (!this.running) return this.start();
    this.next ??= deferred<void>();
    return this.next.promise;
  }

  /** Resolves once no run is in progress or queued (errors are the callers' to see). */
  async drain(): Promise<void> {
    while (this.running) await this.running.catch(() => undefined);
  }

  private start(): Promise<void> {
    const p = this.task();
    this.running = p;
    const after = () => {
      const n = this.next;
      this.next = null;
      if (n) {
        this.start().then(n.resolve, n.reject);
      } else {
        this.running = null;
        this.onIdle?.();
      }
    };
    p.then(after, after);
    return p;
  }
}
