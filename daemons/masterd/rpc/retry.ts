// Rollback calls that must reach a node that is restarting: a create that failed because the
// node daemon died still has to remove the disks it made there. Retrying for a bounded time
// covers a daemon restarted by the watcher or an admin; after that the caller reports what
// is left behind, with the node's name, instead of blocking its job for ever.
import { delay } from '../../common/async.js';
import type { RpcResult } from './rpc-result.js';

/** How long a rollback keeps trying an unreachable node. */
export const ROLLBACK_RETRY_MS = 60_000;

export interface RetryOptions {
  budgetMs?: number;
  /** Told about each failed attempt that will be retried (job feedback). */
  onRetry?(failMsg: string): void;
}

function unreachable(r: RpcResult<unknown>): boolean {
  return r.failed && !r.offline && r.error?.name === 'NodeUnreachableError';
}

/** Runs call() until it succeeds, fails for another reason than reachability, or the budget is spent. */
export async function retryWhileUnreachable<T>(call: () => Promise<RpcResult<T>>, opts: RetryOptions = {}): Promise<RpcResult<T>> {
  const until = Date.now() + (opts.budgetMs ?? ROLLBACK_RETRY_MS);
  let wait = 1000;
  for (let first = true; ; first = false) {
    const r = await call();
    if (!unreachable(r) || Date.now() + wait > until) return r;
    if (first) opts.onRetry?.(r.failMsg);
    await delay(wait);
    wait = Math.min(wait * 2, 5000);
  }
}
