// The Master RPCs that gnt-cluster watcher and ganeti-watcher use, as Ganeti's LUXI calls:
// SetWatcherPause (the pause file on every node), QueryConfigValues (a few cluster facts,
// among them the master's own pause file) and AutoArchiveJobs. service.ts mounts them.
import type * as grpc from '@grpc/grpc-js';
import { OpExecError, ParameterError } from '../common/errors.js';
import type { Logger } from '../common/log.js';
import { readWatcherPause } from '../common/watcher-pause.js';
import { nodeTarget } from './rpc/node-target.js';
import type { MasterContext } from './context.js';
import type { JobQueue } from './jqueue/job-queue.js';
import type { MasterHandlers } from '../../proto/generated/ganeti/Master.js';

type Guard = <Req, Res>(name: string, fn: (req: Req) => Promise<Res> | Res) => grpc.handleUnaryCall<Req, Res>;
type WatcherHandlers = Pick<MasterHandlers, 'SetWatcherPause' | 'QueryConfigValues' | 'AutoArchiveJobs'>;

export function watcherHandlers(mc: MasterContext, queue: JobQueue, log: Logger, guard: Guard): WatcherHandlers {
  return {
    SetWatcherPause: guard('SetWatcherPause', async (req: { until: number }) => {
      const until = Number(req.until);
      if (!Number.isFinite(until) || until < 0) {
        throw new ParameterError(`Invalid watcher pause end '${req.until}' (seconds since the epoch, or 0 to continue)`,
          { ecode: 'wrong_input' });
      }
      if (until > 0 && until < Date.now() / 1000) {
        throw new ParameterError('Unable to set pause end time in the past', { ecode: 'wrong_input' });
      }
      log.info(until ? `Received request to pause watcher until ${until}` : 'Received request to no longer pause watcher');
      // Every node, because each node's watcher reads its own file (and the master's answers
      // `watcher info`). Empty content makes the node remove the file.
      const nodes = Object.values(mc.cfg.get().nodes).map(nodeTarget);
      const content = until ? Buffer.from(`${Math.floor(until)}\n`) : Buffer.alloc(0);
      const res = await mc.rpc.callMany(nodes, 'UploadFile', { file: 'watcher_pause', content, mode: 0o644 });
      const failed = [...res.values()].filter((r) => r.failed && !r.offline).map((r) => `${r.node} (${r.failMsg})`);
      if (failed.length) {
        throw new OpExecError(`Watcher pause was set where possible, but failed on the following node(s): ${failed.join(', ')}`);
      }
      return { until };
    }),

    QueryConfigValues: guard('QueryConfigValues', (req: { keys: string[] }) => {
      const cfg = mc.cfg.get();
      const values: Record<string, () => unknown> = {
        cluster_name: () => cfg.cluster.cluster_name,
        master_node: () => cfg.nodes[cfg.cluster.master_node]?.name ?? null,
        drain_flag: () => queue.isDrained(),
        watcher_pause: () => readWatcherPause(mc.paths.watcherPauseFile),
      };
      const unknown = req.keys.filter((k) => !Object.prototype.hasOwnProperty.call(values, k));
      if (unknown.length) {
        throw new ParameterError(`Unknown configuration value(s) ${unknown.map((k) => `'${k}'`).join(', ')} ` +
          `(allowed: ${Object.keys(values).join(', ')})`, { ecode: 'wrong_input' });
      }
      return { json: JSON.stringify(req.keys.map((k) => values[k]!())) };
    }),

    AutoArchiveJobs: guard('AutoArchiveJobs', (req: { age: number | string }) => {
      const age = Number(req.age);
      if (!Number.isInteger(age) || age < -1) {
        throw new ParameterError(`Invalid job age '${req.age}' (seconds, or -1 for all finished jobs)`, { ecode: 'wrong_input' });
      }
      // The queue archives every finished job for age 0; Ganeti's -1 means the same.
      return { archived: queue.autoArchive(Math.max(0, age)), left: 0 };
    }),
  };
}
