// The shared entry of the htools programs: paths, output, and Ganeti's exit codes (usage and
// input errors exit 1 with the message on stderr).
import { writeSync } from 'node:fs';
import { resolvePaths } from '../../daemons/common/paths.js';
import { SOFTWARE_VERSION } from '../../daemons/common/constants.js';

export interface ToolIo { out: (s: string) => void; err: (s: string) => void; masterSocket: () => string }

export function runTool(prog: string, fn: (argv: string[], io: ToolIo) => Promise<number>): void {
  const argv = process.argv.slice(2);
  let buf = '';
  const flush = () => { if (buf) { writeOut(buf); buf = ''; } };
  const io: ToolIo = {
    out: (s) => { buf += s; if (buf.length > 65536) flush(); },
    err: (s) => { flush(); process.stderr.write(s); },
    masterSocket: () => resolvePaths(process.env).masterSocket,
  };
  if (argv.includes('--version') || argv.includes('-V')) {
    process.stdout.write(`${prog} (ganeti-ts) version ${SOFTWARE_VERSION}\n`);
    return;
  }
  fn(argv, io).then((code) => {
    flush();
    process.exitCode = code;
    // The work is done and written: exit now rather than after tearing the heap down (hail's
    // request, parsed, is tens of MB: ~10 ms of CPU). Output left to process.stdout drains first.
    if (!viaStream) process.exit(code);
  }, (err: unknown) => {
    flush();
    const e = err as Error;
    process.stderr.write(`Error: ${e.message || String(err)}\n`);
    process.exitCode = 1;
  });
}

/** Writes to the standard output with write(2), not through process.stdout: its first use
 * builds the stream (for a pipe it loads Node's net module), 8 ms of hail's CPU. What a
 * non-blocking descriptor does not take at once goes through process.stdout, and so does all
 * that follows (in order). */
let viaStream = false;
function writeOut(s: string): void {
  if (viaStream) { process.stdout.write(s); return; }
  const b = Buffer.from(s, 'utf8');
  let off = 0;
  try {
    while (off < b.length) off += writeSync(1, b, off);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') throw err;
    viaStream = true;
    process.stdout.write(b.subarray(off));
  }
}
