// Ganeti's backend.RunOob: runs the out-of-band program the master names (a node's
// oob_program parameter) as `PROGRAM COMMAND NODE` and returns what it printed; the master
// parses and checks the answer (common/oob.ts). Only the master may call it (authz.ts: not
// a read RPC). The program must be an absolute path; no shell is involved.
import { execFile } from 'node:child_process';
import { isAbsolute } from 'node:path';
import { CommandError } from '../../common/errors.js';
import { isOobCommand, OOB_COMMANDS } from '../../common/oob.js';
import type { RunOobRequest__Output } from '../../../proto/generated/ganeti/RunOobRequest.js';
import type { RunOobResponse } from '../../../proto/generated/ganeti/RunOobResponse.js';
import type { RpcContext } from './rpc-types.js';
import { invalid, required, safeName } from '../validate.js';

const MAX_TIMEOUT = 3600;

export async function runOob(ctx: RpcContext, req: RunOobRequest__Output, signal: AbortSignal): Promise<RunOobResponse> {
  const program = required(req.program, 'program');
  if (!isAbsolute(program) || program.includes('\0')) throw invalid(`Invalid out-of-band program '${program}': must be an absolute path`);
  if (!isOobCommand(req.command)) throw invalid(`Invalid out-of-band command '${req.command}' (allowed: ${OOB_COMMANDS.join(', ')})`);
  const node = safeName(req.node, 'node');
  const timeout = req.timeout || 60;
  if (!Number.isInteger(timeout) || timeout < 1 || timeout > MAX_TIMEOUT) throw invalid(`Invalid out-of-band timeout ${timeout} (allowed: 1-${MAX_TIMEOUT} seconds)`);
  const argv = [req.command, node];
  ctx.logger.info(`running out-of-band command: ${program} ${argv.join(' ')}`);
  return new Promise((resolve, reject) => {
    execFile(program, argv, { timeout: timeout * 1000, signal, maxBuffer: 4 << 20, cwd: '/' }, (err, stdout, stderr) => {
      if (!err) { resolve({ stdout }); return; }
      const e = err as NodeJS.ErrnoException & { code?: unknown; killed?: boolean; signal?: string | null };
      const reason = e.killed && e.signal ? `timed out after ${timeout} seconds` : typeof e.code === 'number'
        ? `exited with exit code ${e.code}` : e.signal ? `terminated by signal ${e.signal}` : e.message;
      reject(new CommandError(`'${program} ${argv.join(' ')}' failed with reason '${reason}'; output: ${`${stdout}${stderr}`.trim()}`,
        { ecode: 'environment_error' }));
    });
  });
}
