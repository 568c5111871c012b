// ensure-dirs: creates every directory a node needs under its root (Ganeti's
// tools/ensure-dirs) and installs the OS definitions and ExtStorage providers shipped with
// ganeti-ts. Run by vcluster-setup for each virtual node, by `gnt-node add` over SSH and by
// `gnt-cluster init` for the first node; safe to run again at any time: existing
// directories get their mode corrected, nothing is removed.
import { chmodSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { resolvePaths, type Paths } from '../daemons/common/paths.js';
import { installShipped, SHIPPED_TREES } from '../daemons/common/shipped-files.js';

/** Directory -> mode. Secrets (queue, sockets) are private; the rest is readable. */
function nodeDirs(paths: Paths): [string, number][] {
  return [
    [paths.confDir, 0o755],
    [paths.dataDir, 0o755],
    [paths.runDir, 0o775],
    [paths.logDir, 0o750],
    [join(paths.logDir, 'os'), 0o750],
    [paths.lockDir, 0o755],
    [paths.socketDir, 0o750],
    [paths.queueDir, 0o700],
    [paths.queueArchiveDir, 0o700],
    [paths.fakeHvDir, 0o755],
    [paths.osSearchPath[0]!, 0o755],
    [paths.defaultFileStorageDir, 0o750],
    [paths.local('/srv/ganeti/shared-file-storage'), 0o750],
  ];
}

async function main(argv: string[]): Promise<number> {
  const verbose = argv.includes('-v') || argv.includes('--verbose');
  const unknown = argv.filter((a) => a !== '-v' && a !== '--verbose');
  if (unknown.length) {
    console.error(`ensure-dirs: unknown argument '${unknown[0]}'\nUsage: ensure-dirs [-v]`);
    return 1;
  }
  let paths: Paths;
  try { paths = resolvePaths(process.env); } catch (err) {
    console.error(`ensure-dirs: ${(err as Error).message}`);
    return 1;
  }
  try {
    for (const [dir, mode] of nodeDirs(paths)) {
      mkdirSync(dir, { recursive: true, mode });
      chmodSync(dir, mode); // mkdir leaves an existing directory's mode alone
      if (verbose) console.log(`${dir} ${mode.toString(8)}`);
    }
    for (const tree of SHIPPED_TREES) {
      const names = await installShipped(tree, paths);
      if (verbose) console.log(`${tree.what}: ${names.join(', ') || '(none)'}`);
    }
  } catch (err) {
    console.error(`ensure-dirs: ${(err as Error).message}`);
    return 1;
  }
  return 0;
}

// No top-level await: bundled as CommonJS (tools/build/bundle.mjs, CJS_TOOLS).
void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
