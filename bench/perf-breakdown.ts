// The whole machine's CPU during a run, from Linux perf (`perf record -a -g`, Debian's
// linux-perf): samples by role (masterd, each node's noded, the script runners, the OS
// scripts, the client, the rest, idle), how much of each was in the kernel, and how much
// went to finding a free inode on ext4 (find_inode_bit). The last one is why file creations
// cost 0.02 ms on a quiet file system and 0.5 ms or more after many deletions: ext4 without a
// journal skips inodes freed in the last minutes, one by one (docs/scaling.md, round 9).
// batch-profile.ts --perf uses it; a --cpu-prof profile sees only one process's JavaScript.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';

export function perfAvailable(): boolean {
  return spawnSync('perf', ['--version'], { stdio: 'ignore' }).status === 0;
}

/** Starts sampling every CPU (cpu-clock: works in VMs without hardware counters). */
export function startPerf(file: string): ChildProcess {
  return spawn('perf', ['record', '-q', '-e', 'cpu-clock', '-a', '-g', '-o', file], { stdio: 'ignore' });
}

export async function stopPerf(p: ChildProcess): Promise<void> {
  if (p.exitCode !== null || p.signalCode !== null) return;   // ended already (perf may end by the signal)
  const exited = once(p, 'exit');
  p.kill('SIGINT');
  await exited;
}

export interface RoleShare { samples: number; kernel: number; inodeSearch: number }

/** The kernel's addresses are in the top half of the address space. */
const isKernelAddress = (hex: string) => hex.length === 16 && hex >= '8000000000000000';

/** Samples of `file` by role (roleOf(pid, comm)), largest first, with a total row. */
export function perfBreakdown(file: string, roleOf: (pid: number, comm: string) => string): [string, RoleShare][] {
  const r = spawnSync('perf', ['script', '-i', file, '-F', 'comm,pid,ip,sym'], { encoding: 'utf8', maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`perf script: ${r.stderr.slice(0, 300)}`);
  const roles = new Map<string, RoleShare>();
  let cur: RoleShare | null = null;
  let leaf = true;
  let inInodeSearch = false;
  const close = () => { if (cur && inInodeSearch) cur.inodeSearch++; cur = null; };
  for (const line of r.stdout.split('\n')) {
    if (line === '') { close(); continue; }
    if (line[0] !== '\t') {
      close();
      // "comm pid" (comm may hold spaces): the pid is the last word.
      const m = /^(.*?)\s+(\d+)\s*$/.exec(line);
      if (!m) continue;
      const role = roleOf(Number(m[2]), m[1]!);
      cur = roles.get(role) ?? { samples: 0, kernel: 0, inodeSearch: 0 };
      roles.set(role, cur);
      cur.samples++;
      leaf = true;
      inInodeSearch = false;
      continue;
    }
    if (!cur) continue;
    const [addr, sym] = line.trim().split(/\s+/, 2);
    if (leaf && isKernelAddress(addr!)) cur.kernel++;
    leaf = false;
    if (sym === 'find_inode_bit') inInodeSearch = true;
  }
  close();
  const total: RoleShare = { samples: 0, kernel: 0, inodeSearch: 0 };
  for (const s of roles.values()) { total.samples += s.samples; total.kernel += s.kernel; total.inodeSearch += s.inodeSearch; }
  return [...[...roles].sort((a, b) => b[1].samples - a[1].samples), ['all', total]];
}
