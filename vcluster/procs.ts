// Daemon processes of a virtual cluster as tests and benches see them: a daemon's pid from
// its pid file, whether a pid still runs, and noded's workers (the listener's children).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function pidOf(dir: string, node: string, daemon: 'ganeti-noded' | 'ganeti-masterd' | 'ganeti-rapi'): number {
  try { return Number(readFileSync(join(dir, node, 'var/run/ganeti', `${daemon}.pid`), 'utf8')); } catch { return 0; }
}

/** CPU time (user + system) a live process has used so far, in ms (clock ticks of 10 ms); 0 when gone. */
export function cpuMs(pid: number): number {
  try {
    const st = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const f = st.slice(st.lastIndexOf(')') + 2).split(' ');
    return (Number(f[11]) + Number(f[12])) * 10;
  } catch { return 0; }
}

/** A zombie counts as gone: it has exited, only its parent has not reaped it yet. */
export { isAlive as alive } from '../daemons/common/process-alive.js';

/** The noded worker processes whose parent is `listener` (daemons/noded/listener.ts). */
export function nodedWorkersOf(listener: number): number[] {
  return childrenOf(listener, 'ganeti-noded-worker');
}

/** The script runner a noded worker started (daemons/noded/script-runner.py), if any. */
export function scriptRunnersOf(worker: number): number[] {
  return childrenOf(worker, 'script-runner.py');
}

function childrenOf(parent: number, cmdline: string): number[] {
  const out: number[] = [];
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const st = readFileSync(`/proc/${d}/stat`, 'utf8');
      if (Number(st.slice(st.lastIndexOf(')') + 2).split(' ')[1]) !== parent) continue;
      if (readFileSync(`/proc/${d}/cmdline`, 'utf8').includes(cmdline)) out.push(Number(d));
    } catch { /* gone */ }
  }
  return out;
}
