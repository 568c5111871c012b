// What the cluster test files share: one virtual cluster per file (started, initialised and
// joined before the file's tests, stopped after them), the shorthands they drive gnt-*
// with, and qemu-img/qemu-io probes of disk files (format, a marked block, whether it holds).
import test from 'ava';
import { execFileSync } from 'node:child_process';
import { startVcluster, type RunResult, type Vcluster, type VclusterOptions } from './harness.js';
import { killQemus } from './kvm-guest.js';

/** The part of ava's ExecutionContext vc.ok needs. */
export type T = { fail(m: string): void };

/**
 * One virtual cluster for the calling test file: ava's before hook starts it, runs
 * gnt-cluster init and gnt-node add (then `setup`, if given), its after hook kills the qemu
 * processes of kvm instances left running (noded is not their parent, so stop-all leaves them)
 * and stops it. The returned object stands for that cluster once the hook has run.
 */
export function clusterPerFile(o: VclusterOptions & { setup?: (vc: Vcluster) => void | Promise<void> }): Vcluster {
  let real: Vcluster | undefined;
  const vc = (): Vcluster => {
    if (!real) throw new Error('the virtual cluster is not started (used outside a test?)');
    return real;
  };
  test.before(async () => {
    real = await startVcluster(o);
    await real.init();
    await real.addNodes();
    await o.setup?.(real);
  });
  test.after.always(async () => {
    if (real) killQemus(real.dir);
    await real?.stop();
  });
  return {
    get dir() { return vc().dir; },
    get nodes() { return vc().nodes; },
    cmd: (node, args, opts) => vc().cmd(node, args, opts),
    gnt: (args, opts) => vc().gnt(args, opts),
    ok: (t, args, opts) => vc().ok(t, args, opts),
    init: () => vc().init(),
    addNodes: () => vc().addNodes(),
    logs: () => vc().logs(),
    stop: () => vc().stop(),
  };
}

/** A command's whole output, for error-message assertions. */
export const out = (r: RunResult): string => r.stdout + r.stderr;

/** gnt-instance add arguments with the dummy OS and no name or IP check; `args` go before the name. */
export const addArgs = (name: string, ...args: string[]): string[] =>
  ['gnt-instance', 'add', '-o', 'dummy', '--no-name-check', '--no-ip-check', ...args, name];

export interface ImageInfo { format: string; 'virtual-size': number; 'backing-filename'?: string }

/** qemu-img info of a disk file (read even while a process holds it). */
export const imageInfo = (p: string): ImageInfo =>
  JSON.parse(execFileSync('qemu-img', ['info', '--output=json', '-U', p], { encoding: 'utf8' })) as ImageInfo;

/** Writes the byte pattern into the first 4 KiB of the disk (through its format). */
export const markDisk = (p: string, byte: string): void => {
  execFileSync('qemu-io', ['-f', imageInfo(p).format, '-c', `write -P ${byte} 0 4k`, p]);
};

/** Whether the 4 KiB at `at` (the first by default) of the disk hold the byte pattern. */
export const diskHolds = (p: string, byte: string, at = '0'): boolean => {
  try {
    return /read 4096\/4096/.test(execFileSync('qemu-io', ['-r', '-U', '-f', imageInfo(p).format, '-c', `read -P ${byte} ${at} 4k`, p],
      { encoding: 'utf8' }));
  } catch { return false; }
};
