// The shared entry of the htools programs: paths, output, and Ganeti's exit codes (usage and
// input errors exit 1 with the message on stderr).
import { resolvePaths } from '../../daemons/common/paths.js';
import { SOFTWARE_VERSION } from '../../daemons/common/constants.js';

export interface ToolIo { out: (s: string) => void; err: (s: string) => void; masterSocket: () => string }

export function runTool(prog: string, fn: (argv: string[], io: ToolIo) => Promise<number>): void {
  const argv = process.argv.slice(2);
  let buf = '';
  const flush = () => { if (buf) { process.stdout.write(buf); buf = ''; } };
  const io: ToolIo = {
    out: (s) => { buf += s; if (buf.length > 65536) flush(); },
    err: (s) => { flush(); process.stderr.write(s); },
    masterSocket: () => resolvePaths(process.env).masterSocket,
  };
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`${prog} (ganeti-ts) version ${SOFTWARE_VERSION}\n`);
    return;
  }
  fn(argv, io).then((code) => { flush(); process.exitCode = code; }, (err: unknown) => {
    flush();
    const e = err as Error;
    process.stderr.write(`Error: ${e.message || String(err)}\n`);
    process.exitCode = 1;
  });
}
