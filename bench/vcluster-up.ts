// A virtual cluster for the start-up and memory benchmarks, brought up synchronously by
// running the project's own programs (vcluster-setup, start-all, gnt-cluster init, gnt-node
// add), and reusable when already running (--dir): what the async vcluster/harness.ts does
// not offer. Paths and the ispecs come from the harness.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BIN, ISPECS, REPO } from '../vcluster/harness.js';

export { BIN, REPO };

export interface BenchCluster {
  dir: string;
  /** The environment node K's `cmd` gives a program (without going through bash). */
  env(node: string): NodeJS.ProcessEnv;
  /** Runs a command on node1 through its cmd script; throws when it fails. */
  must(args: string[]): string;
  stop(): void;
}

function must(file: string, args: string[], cwd?: string): string {
  const r = spawnSync(file, args, { cwd, encoding: 'utf8', timeout: 180_000 });
  if (r.status !== 0) throw new Error(`${file} ${args.join(' ')} failed (${r.status ?? r.signal})\n${r.stdout}${r.stderr}`);
  return r.stdout;
}

function handle(dir: string, stop: () => void): BenchCluster {
  return {
    dir,
    env: (node) => ({ ...process.env, GANETI_ROOTDIR: join(dir, node), GANETI_HOSTNAME: node,
      PATH: `${BIN}:${process.env.PATH ?? ''}` }),
    must: (args) => must(join(dir, 'node1', 'cmd'), args, dir),
    stop,
  };
}

/** A cluster someone else started and keeps (left running). */
export function existingCluster(dir: string): BenchCluster {
  return handle(dir, () => undefined);
}

/** nodes nodes on 127.x prefix (choose one no test uses), cluster initialised, all added. */
export function upCluster(nodes: number, prefix: string, sshPort: number): BenchCluster {
  const dir = mkdtempSync(join(tmpdir(), 'ganeti-bench-'));
  must(join(REPO, 'vcluster', 'vcluster-setup'), ['-c', String(nodes), '-p', prefix, '--ssh-port', String(sshPort), dir]);
  const vc = handle(dir, () => {
    spawnSync(join(dir, 'stop-all'), [], { stdio: 'ignore', timeout: 60_000 });
    if (process.env.GANETI_KEEP_VCLUSTER !== '1') rmSync(dir, { recursive: true, force: true });
  });
  try {
    must(join(dir, 'start-all'), []);
    vc.must(['gnt-cluster', 'init', '--no-etc-hosts', '--no-ssh-init', '--master-netdev=lo',
      '--enabled-disk-templates=diskless,file', '--enabled-hypervisors=fake', `--ipolicy-bounds-specs=${ISPECS}`, 'cluster']);
    for (let k = 2; k <= nodes; k++) vc.must(['gnt-node', 'add', '--no-ssh-key-check', `node${k}`]);
  } catch (err) {
    vc.stop();
    throw err;
  }
  return vc;
}
