// The Master RPC behind gnt-debug wconfd: Ganeti's WConfD calls that admins use, answered by
// the master daemon, which holds the configuration and the locks here (there is no separate
// WConfD). echo WORD; listlocks JOBID; listalllocks; listalllocksowners; cleanuplocks
// (releases locks whose job is no longer running); flushconfig (every change written to
// disk and replicated to the master candidates).
import type * as grpc from '@grpc/grpc-js';
import { ParameterError } from '../common/errors.js';
import type { MasterContext } from './context.js';
import type { JobQueue } from './jqueue/job-queue.js';
import { isFinalized, jobStatus } from './jqueue/job-state.js';
import type { MasterHandlers } from '../../proto/generated/ganeti/Master.js';

type Guard = <Req, Res>(name: string, fn: (req: Req) => Promise<Res> | Res) => grpc.handleUnaryCall<Req, Res>;
const COMMANDS = ['echo', 'cleanuplocks', 'listlocks', 'listalllocks', 'listalllocksowners', 'flushconfig'];

function argCount(command: string, args: string[], n: number): void {
  if (args.length !== n) {
    throw new ParameterError(`Command '${command}' takes ${n === 0 ? 'no arguments' : n === 1 ? 'precisely one argument' : `${n} arguments`}`,
      { ecode: 'wrong_input' });
  }
}

/** The job id of a lock owner ('job-12/0' -> 12). */
const ownerJob = (owner: string): number | null => { const m = /^job-(\d+)\//.exec(owner); return m ? Number(m[1]) : null; };

export function wconfdHandlers(mc: MasterContext, queue: JobQueue, guard: Guard): Pick<MasterHandlers, 'Wconfd'> {
  return {
    Wconfd: guard('Wconfd', async (req: { command: string; args: string[] }) => {
      const { command } = req;
      const args = req.args ?? [];
      const answer = (v: unknown) => ({ json: JSON.stringify(v) });
      const modeOf = (m: string | null) => (m === 'exclusive' ? 'OwnExclusive' : 'OwnShared');
      switch (command) {
        case 'echo': argCount(command, args, 1); return answer(args[0]);
        case 'listlocks': {
          argCount(command, args, 1);
          if (!/^\d+$/.test(args[0]!)) throw new ParameterError(`Invalid job id '${args[0]}'`, { ecode: 'wrong_input' });
          const id = Number(args[0]);
          return answer(mc.locks.snapshot().filter((l) => l.owners.some((o) => ownerJob(o) === id)).map((l) => [l.name, modeOf(l.mode)]));
        }
        case 'listalllocks': argCount(command, args, 0); return answer(mc.locks.snapshot().filter((l) => l.owners.length).map((l) => l.name));
        case 'listalllocksowners':
          argCount(command, args, 0);
          return answer(mc.locks.snapshot().filter((l) => l.owners.length).map((l) => [l.name, l.owners.map((o) => [o, modeOf(l.mode)])]));
        case 'cleanuplocks': {
          argCount(command, args, 0);
          const stale = new Set(mc.locks.snapshot().flatMap((l) => l.owners).filter((o) => {
            const id = ownerJob(o);
            const job = id === null ? undefined : queue.get(id);
            return !job || isFinalized(jobStatus(job));
          }));
          for (const o of stale) mc.locks.releaseAll(o);
          return answer([...stale].sort());
        }
        case 'flushconfig':
          argCount(command, args, 0);
          await mc.cfg.flush();
          await mc.replicator.waitReplicated(mc.cfg.serial());
          return answer(null);
        default:
          throw new ParameterError(`Command '${command}' not supported (supported: ${COMMANDS.join(', ')})`, { ecode: 'wrong_input' });
      }
    }),
  };
}
